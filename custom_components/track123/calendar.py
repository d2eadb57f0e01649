"""A calendar of expected deliveries."""

from datetime import date, datetime, timedelta, tzinfo
from operator import itemgetter

from homeassistant.components.calendar import CalendarEntity, CalendarEvent
from homeassistant.components.calendar.helper import get_datetime_local
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .coordinator import Shipments, Track123ConfigEntry, Track123Coordinator
from .entity import Track123Entity
from .shipment import Shipment

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: Track123ConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the deliveries calendar."""
    async_add_entities([Track123DeliveriesCalendar(entry.runtime_data.coordinator)])


type _Span = tuple[date, date] | tuple[datetime, datetime]


def _span(shipment: Shipment) -> _Span | None:
    """Return when a shipment's calendar event starts and ends, if it has one.

    A delivery date without a time of day, or a single moment, is an all-day event on
    that local date (dates); a window with distinct start and end is a timed event.
    """
    if shipment.is_delivered and shipment.delivered_at is not None:
        day = dt_util.as_local(shipment.delivered_at).date()
        return day, day + timedelta(days=1)
    start, end = (
        shipment.expected_start,
        shipment.expected_end or shipment.expected_start,
    )
    if start is None or end is None:
        return None
    if end > start:
        return dt_util.as_local(start), dt_util.as_local(end)
    day = dt_util.as_local(start).date()
    return day, day + timedelta(days=1)


def _shipment_event(shipment: Shipment, span: _Span) -> CalendarEvent:
    """Return a shipment's calendar event: its delivery day, else its expected window."""
    return CalendarEvent(
        start=span[0],
        end=span[1],
        summary=shipment.name,
        description=_description(shipment),
        uid=shipment.key,
    )


# A shipment's event by its local start and end; the event itself (validated, so
# costly) is built only when asked for.
type _Entry = tuple[datetime, datetime, Shipment]


def _entry(shipment: Shipment) -> _Entry | None:
    """Return a shipment's local start and end, if it has an event."""
    if (span := _span(shipment)) is None:
        return None
    return (get_datetime_local(span[0]), get_datetime_local(span[1]), shipment)


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
        # The events of the shipments last seen: rebuilt only for shipments that
        # changed, sorted only when the coordinator's data changed.
        self._entries_of: dict[str, tuple[Shipment, _Entry | None]] = {}
        self._entries_for: tuple[Shipments, tzinfo] | None = None
        self._sorted: list[_Entry] = []
        self._events: dict[str, tuple[Shipment, CalendarEvent]] = {}

    def _entries(self) -> list[_Entry]:
        """Return every shipment's event with its local start and end, soonest first."""
        data = self.coordinator.data
        zone = dt_util.get_default_time_zone()
        if self._entries_for is not None and self._entries_for[1] is zone:
            if self._entries_for[0] is data:
                return self._sorted
            previous = self._entries_of
        else:
            previous = {}
        entries_of: dict[str, tuple[Shipment, _Entry | None]] = {}
        for key, shipment in data.items():
            known = previous.get(key)
            entries_of[key] = (
                known
                if known is not None and known[0] is shipment
                else (shipment, _entry(shipment))
            )
        self._entries_of = entries_of
        self._entries_for = (data, zone)
        self._events = {
            key: built
            for key, built in self._events.items()
            if (known := entries_of.get(key)) is not None and known[0] is built[0]
        }
        self._sorted = sorted(
            (entry for _, entry in entries_of.values() if entry is not None),
            key=itemgetter(0),
        )
        return self._sorted

    @property
    def event(self) -> CalendarEvent | None:
        """Return the current or next upcoming delivery."""
        now = dt_util.now()
        return next(
            (
                self._event(shipment)
                for _, end, shipment in self._entries()
                if end > now
            ),
            None,
        )

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Return the deliveries between two moments."""
        return [
            self._event(shipment)
            for start, end, shipment in self._entries()
            if end > start_date and start < end_date
        ]

    def _event(self, shipment: Shipment) -> CalendarEvent:
        """Return the event of a shipment that has one, built once per change."""
        built = self._events.get(shipment.key)
        if built is None or built[0] is not shipment:
            span = _span(shipment)
            assert span is not None  # only shipments with an entry get here
            built = self._events[shipment.key] = (
                shipment,
                _shipment_event(shipment, span),
            )
        return built[1]
