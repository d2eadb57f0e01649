"""A calendar of expected deliveries."""

from datetime import date, datetime, timedelta

from homeassistant.components.calendar import CalendarEntity, CalendarEvent
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .coordinator import Track123ConfigEntry, Track123Coordinator
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


def shipment_event(shipment: Shipment) -> CalendarEvent | None:
    """Return a shipment's calendar event: its delivery day, else its expected window.

    A delivery date without a time of day, or a single moment, is an all-day event on
    that local date; a window with distinct start and end is a timed event.
    """
    description = _description(shipment)
    if shipment.is_delivered and shipment.delivered_at is not None:
        day = dt_util.as_local(shipment.delivered_at).date()
        return _all_day(shipment, day, description)
    start, end = (
        shipment.expected_start,
        shipment.expected_end or shipment.expected_start,
    )
    if start is None or end is None:
        return None
    if end > start:
        return CalendarEvent(
            start=dt_util.as_local(start),
            end=dt_util.as_local(end),
            summary=shipment.name,
            description=description,
            uid=shipment.key,
        )
    return _all_day(shipment, dt_util.as_local(start).date(), description)


def _all_day(shipment: Shipment, day: date, description: str) -> CalendarEvent:
    """Return an all-day event for a shipment."""
    return CalendarEvent(
        start=day,
        end=day + timedelta(days=1),
        summary=shipment.name,
        description=description,
        uid=shipment.key,
    )


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

    def _events(self) -> list[CalendarEvent]:
        """Return every shipment's event, soonest first."""
        events = [
            event
            for shipment in self.coordinator.data.values()
            if (event := shipment_event(shipment)) is not None
        ]
        return sorted(events, key=lambda event: event.start_datetime_local)

    @property
    def event(self) -> CalendarEvent | None:
        """Return the current or next upcoming delivery."""
        now = dt_util.now()
        return next(
            (event for event in self._events() if event.end_datetime_local > now),
            None,
        )

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Return the deliveries between two moments."""
        return [
            event
            for event in self._events()
            if event.end_datetime_local > start_date
            and event.start_datetime_local < end_date
        ]
