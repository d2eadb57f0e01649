"""An event entity per account: each status change, for automations built by target.

It follows the bus event ``track123_shipment_status_changed`` of its account, so
it fires exactly when the bus events and the device triggers do, with their data.
Every change is a ``status_changed`` event; one that means something to a user
(delivered, out for delivery, delivery failed, exception) is that event as well,
right after, so that the last occurrence shown is the meaningful one.
"""

from typing import Any, Final

from homeassistant.components.event import EventEntity
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import Track123ConfigEntry, Track123Coordinator
from .entity import Track123Entity
from .events import EVENT_DATA_KEYS, EVENT_STATUS_CHANGED
from .kinds import (
    CATEGORY_DELIVERED,
    CATEGORY_DELIVERY_FAILED,
    CATEGORY_EXCEPTION,
    CATEGORY_OUT_FOR_DELIVERY,
)

PARALLEL_UPDATES = 0

EVENT_TYPE_STATUS_CHANGED: Final = "status_changed"
EVENT_TYPES: Final = [
    CATEGORY_DELIVERED,
    CATEGORY_OUT_FOR_DELIVERY,
    CATEGORY_DELIVERY_FAILED,
    CATEGORY_EXCEPTION,
    EVENT_TYPE_STATUS_CHANGED,
]
# The bus event's "entity_id" (the shipment's sensor) under another name: an
# "entity_id" attribute makes the frontend take a state for a group's.
SHIPMENT_ENTITY_ID: Final = "shipment_entity_id"
# The bus event's data shown as attributes stays out of the recorder: the recorder
# stores the bus event itself, and a copy in the state (unique to each change)
# would add an attribute row per change. ``event_type`` is still recorded.
UNRECORDED_EVENT_ATTRIBUTES: Final = (EVENT_DATA_KEYS - {"entity_id"}) | {
    SHIPMENT_ENTITY_ID
}


async def async_setup_entry(
    hass: HomeAssistant,
    entry: Track123ConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the account's shipment updates."""
    async_add_entities([ShipmentUpdatesEvent(entry.runtime_data.coordinator)])


def event_attributes(data: dict[str, Any]) -> dict[str, Any]:
    """Return a bus event's data as the event entity's attributes."""
    attributes = dict(data)
    attributes[SHIPMENT_ENTITY_ID] = attributes.pop("entity_id", None)
    return attributes


class ShipmentUpdatesEvent(Track123Entity, EventEntity):
    """The status changes of an account's shipments, one event each.

    Unavailable, like every entity of the account, while Track123 cannot be read.
    """

    _attr_translation_key = "shipment_updates"
    _attr_event_types = EVENT_TYPES
    _unrecorded_attributes = UNRECORDED_EVENT_ATTRIBUTES

    def __init__(self, coordinator: Track123Coordinator) -> None:
        """Create the event entity of a coordinator's account."""
        super().__init__(coordinator, "status_updates")
        self._entry_id = coordinator.config_entry.entry_id

    async def async_added_to_hass(self) -> None:
        """Follow the status changes of this account."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.hass.bus.async_listen(
                EVENT_STATUS_CHANGED,
                self._async_status_changed,
                event_filter=self._is_this_account,
            )
        )

    @callback
    def _is_this_account(self, data: dict[str, Any]) -> bool:
        """Return True for a bus event of this entity's account."""
        return bool(data.get("config_entry_id") == self._entry_id)

    @callback
    def _async_status_changed(self, event: Event[dict[str, Any]]) -> None:
        """Fire ``status_changed``, then the change's meaning where it has one."""
        attributes = event_attributes(event.data)
        self._trigger_event(EVENT_TYPE_STATUS_CHANGED, attributes)
        self.async_write_ha_state()
        if (category := event.data.get("category")) in EVENT_TYPES:
            self._trigger_event(category, attributes)
            self.async_write_ha_state()
