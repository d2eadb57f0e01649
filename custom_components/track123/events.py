"""Events on status transitions: exactly once per transition, across restarts."""

from collections.abc import Mapping
from functools import cache
from typing import Any, Final, NamedTuple, TypeGuard

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.storage import Store

from .const import DOMAIN
from .migration import rekey
from .shipment import Shipment, shipment_unique_prefix

EVENT_STATUS_CHANGED: Final = "track123_shipment_status_changed"
EVENT_DELIVERED: Final = "track123_shipment_delivered"
# Version 2: shipments keyed by kind and number, without the carrier.
STORAGE_VERSION: Final = 2


class Seen(NamedTuple):
    """The status and sub-status last seen of a shipment."""

    status: str | None
    sub_status: str | None


class PendingEvent(NamedTuple):
    """A bus event collected by a refresh, fired once the entities are written."""

    event_type: str
    data: dict[str, Any]


# What a status change's bus event carries: automations read it, and the event
# entity shows it (and keeps it out of the recorder, which stores the bus event).
EVENT_DATA_KEYS: Final = frozenset(
    {
        "config_entry_id",
        "device_id",
        "entity_id",
        "kind",
        "tracking_number",
        "label",
        "carrier",
        "old_status",
        "new_status",
        "old_sub_status",
        "new_sub_status",
        "category",
        "last_event",
        "last_event_time",
        "last_event_location",
    }
)


@cache
def _pair(status: str | None, sub_status: str | None) -> Seen:
    """Return a status and sub-status as one tuple shared by every shipment in them."""
    return Seen(status, sub_status)


def _is_pair(value: object) -> TypeGuard[list[str | None]]:
    """Return True for a stored [status, sub-status]."""
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(part is None or isinstance(part, str) for part in value)
    )


def category(shipment: Shipment) -> str | None:
    """Return what a shipment's current status means to a user, if anything."""
    return shipment.spec.category(shipment.status)


class StatusEvents:
    """Remember the last status seen of every shipment and fire an event per change."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Create the tracker of one config entry."""
        self._hass = hass
        self._entry_id = entry_id
        self._unique_prefix = shipment_unique_prefix(entry_id)
        self._store: Store[dict[str, list[str | None]]] = _StatusStore(
            hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}.statuses"
        )
        self._seen: dict[str, Seen] = {}
        # The shipments the last collection recorded the statuses of: the
        # coordinator's data, which it replaces and never changes in place.
        self._recorded: Mapping[str, Shipment] = {}

    async def async_load(self) -> None:
        """Load the statuses seen before the last stop."""
        stored = await self._store.async_load() or {}
        self._recorded = {}
        self._seen = {
            key: _pair(value[0], value[1])
            for key, value in stored.items()
            if _is_pair(value)
        }

    async def async_collect(
        self, shipments: Mapping[str, Shipment]
    ) -> list[PendingEvent]:
        """Return the events of the status changes since the last refresh; persist.

        The first sight of a shipment records its status without an event. A status
        Track123 does not know keeps the last known one, so it cannot cause a repeat.
        """
        events: list[PendingEvent] = []
        seen: dict[str, Seen] = {}
        recorded, changed = self._recorded, False
        for key, shipment in shipments.items():
            before = self._seen.get(key)
            if before is not None and recorded.get(key) is shipment:
                # The very shipment recorded last time: nothing to compare.
                seen[key] = before
                continue
            if shipment.status is None:
                now = seen[key] = before or _pair(None, None)
                changed = changed or now != before
                continue
            now = seen[key] = _pair(shipment.status, shipment.sub_status)
            changed = changed or now != before
            if before is None or before.status is None or before.status == now.status:
                continue
            data = self._event_data(shipment, before, now)
            events.append(PendingEvent(EVENT_STATUS_CHANGED, data))
            if shipment.is_delivered:
                events.append(PendingEvent(EVENT_DELIVERED, data))
        self._recorded = shipments
        if changed or len(seen) != len(self._seen):
            self._seen = seen
            await self._store.async_save(
                {key: list(pair) for key, pair in seen.items()}
            )
        return events

    @callback
    def fire(self, events: list[PendingEvent]) -> None:
        """Fire collected events on the bus."""
        for event_type, data in events:
            self._hass.bus.async_fire(event_type, data)

    def _event_data(
        self, shipment: Shipment, before: Seen, now: Seen
    ) -> dict[str, Any]:
        """Describe a transition for automations (its keys: ``EVENT_DATA_KEYS``)."""
        entity_id = er.async_get(self._hass).async_get_entity_id(
            "sensor", DOMAIN, self._unique_prefix + shipment.key
        )
        device = dr.async_get(self._hass).async_get_device_by_identifier(
            (DOMAIN, self._entry_id), self._entry_id
        )
        attributes = shipment.attributes
        return {
            "config_entry_id": self._entry_id,
            "device_id": device.id if device else None,
            "entity_id": entity_id,
            "kind": shipment.kind.value,
            "tracking_number": shipment.number,
            "label": shipment.label,
            "carrier": shipment.carrier,
            "old_status": before.status,
            "new_status": now.status,
            "old_sub_status": before.sub_status,
            "new_sub_status": now.sub_status,
            "category": category(shipment),
            "last_event": attributes.get("last_event"),
            "last_event_time": _iso(attributes.get("last_event_time")),
            "last_event_location": attributes.get("last_event_location"),
        }

    async def async_remove_file(self) -> None:
        """Delete the stored statuses (when the config entry is removed)."""
        await self._store.async_remove()


class _StatusStore(Store[dict[str, list[str | None]]]):
    """The stored statuses, upgraded from the keys of earlier versions."""

    async def _async_migrate_func(
        self, old_major_version: int, old_minor_version: int, old_data: Any
    ) -> dict[str, list[str | None]]:
        """Key the statuses of version 1 by kind and number."""
        return rekey(old_data) if isinstance(old_data, dict) else {}


def _iso(value: Any) -> Any:
    """Return a datetime as ISO text, so the event data stays JSON."""
    return value.isoformat() if hasattr(value, "isoformat") else value
