"""A calendar of expected deliveries."""

from datetime import date, datetime, timedelta
from operator import attrgetter
from typing import Any, NamedTuple

from homeassistant.components.calendar import CalendarEntity, CalendarEvent
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .coordinator import Track123ConfigEntry, Track123Coordinator
from .entity import Track123Entity
from .per_shipment import PerShipment
from .shipment import Shipment, expected_window

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: Track123ConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the deliveries calendar."""
    async_add_entities([Track123DeliveriesCalendar(entry.runtime_data.coordinator)])


class _Span[T: (date, datetime)](NamedTuple):
    """When a shipment's calendar event starts and ends."""

    start: T
    end: T


def _span(shipment: Shipment) -> _Span[Any] | None:
    """Return when a shipment's calendar event starts and ends, if it has one.

    A delivered shipment is an all-day event on its delivery date; else the
    expected window (see ``expected_window``): whole days as an all-day event, a
    window with distinct ends as a timed event.
    """
    if shipment.is_delivered and shipment.delivered_at is not None:
        day = dt_util.as_local(shipment.delivered_at).date()
        return _Span(day, day + timedelta(days=1))
    if (window := expected_window(shipment)) is None:
        return None
    if window.all_day:
        return _Span(window.start.date(), window.end.date())
    return _Span(dt_util.as_local(window.start), dt_util.as_local(window.end))


def _shipment_event(shipment: Shipment, span: _Span[Any]) -> CalendarEvent:
    """Return a shipment's calendar event: its delivery day, else its expected window."""
    return CalendarEvent(
        start=span.start,
        end=span.end,
        summary=shipment.name,
        description=_description(shipment),
        uid=shipment.key,
    )


class _Slot(NamedTuple):
    """A shipment's place in the calendar: its event's local start and end.

    The event itself (validated, so costly) is built only when asked for.
    """

    start: datetime
    end: datetime
    shipment: Shipment


class _Known(NamedTuple):
    """A shipment last seen, and its slot if it has an event."""

    shipment: Shipment
    slot: _Slot | None


class _Built(NamedTuple):
    """A shipment and the calendar event built for it."""

    shipment: Shipment
    event: CalendarEvent


def _local(moment: date | datetime) -> datetime:
    """Return an event's start or end in the home's zone; a whole day from its midnight."""
    if isinstance(moment, datetime):
        return dt_util.as_local(moment)
    return dt_util.start_of_local_day(moment)


def _slot(shipment: Shipment) -> _Slot | None:
    """Return a shipment's local start and end, if it has an event."""
    if (span := _span(shipment)) is None:
        return None
    return _Slot(_local(span.start), _local(span.end), shipment)


def _description(shipment: Shipment) -> str:
    """Describe a shipment: carrier and number, and its last event."""
    parts = [" ".join(p for p in (shipment.carrier, shipment.number) if p)]
    if last := shipment.attributes.get("last_event"):
        parts.append(str(last))
    return "\n".join(parts)


class Track123DeliveriesCalendar(Track123Entity, CalendarEntity):
    """Expected and past deliveries of the account's shipments."""

    _attr_translation_key = "deliveries"

    def __init__(self, coordinator: Track123Coordinator) -> None:
        """Create the calendar."""
        super().__init__(coordinator, "deliveries")
        # The slots of the shipments, sorted only when one of them changed.
        self._known = PerShipment(lambda s: _Known(s, _slot(s)))
        self._sorted_of: dict[str, _Known] | None = None
        self._sorted: list[_Slot] = []
        self._built: dict[str, _Built] = {}

    def _slots(self) -> list[_Slot]:
        """Return every shipment's slot, soonest first."""
        known = self._known.of(self.coordinator.data)
        if known is self._sorted_of:
            return self._sorted
        self._sorted_of = known
        self._built = {
            key: built
            for key, built in self._built.items()
            if (seen := known.get(key)) is not None and seen.shipment is built.shipment
        }
        self._sorted = sorted(
            (seen.slot for seen in known.values() if seen.slot is not None),
            key=attrgetter("start"),
        )
        return self._sorted

    @property
    def event(self) -> CalendarEvent | None:
        """Return the current or next upcoming delivery."""
        now = dt_util.now()
        return next(
            (self._event(slot.shipment) for slot in self._slots() if slot.end > now),
            None,
        )

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Return the deliveries between two moments."""
        return [
            self._event(slot.shipment)
            for slot in self._slots()
            if slot.end > start_date and slot.start < end_date
        ]

    def _event(self, shipment: Shipment) -> CalendarEvent:
        """Return the event of a shipment that has one, built once per change."""
        built = self._built.get(shipment.key)
        if built is None or built.shipment is not shipment:
            span = _span(shipment)
            assert span is not None  # only shipments with a slot get here
            built = self._built[shipment.key] = _Built(
                shipment, _shipment_event(shipment, span)
            )
        return built.event
