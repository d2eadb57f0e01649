"""The sensor of one shipment: its state is the shipment's status."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.sensor import SensorEntity
from homeassistant.core import callback
from homeassistant.helpers.device_registry import DeviceInfo

from .attributes import UNRECORDED_ATTRIBUTES
from .coordinator import Track123Coordinator
from .kinds import ShipmentSensorDescription
from .shipment import Shipment, shipment_unique_prefix

if TYPE_CHECKING:
    from .sensor_manager import ShipmentSensorManager


class ShipmentSensor(SensorEntity):
    """A shipment; its state is the shipment's status.

    The sensor is updated by its manager, only when its shipment changed.
    State, name and attributes are read from the shipment when written, and the
    sensor's own fields are slots: an account may hold thousands of shipments, and
    every value an entity keeps in its instance dict costs memory per shipment.
    """

    __slots__ = ("_key", "_manager", "_shipment", "_written_available", "coordinator")

    _attr_has_entity_name = True
    _attr_should_poll = False
    _unrecorded_attributes = UNRECORDED_ATTRIBUTES

    def __init__(
        self,
        coordinator: Track123Coordinator,
        shipment: Shipment,
        manager: ShipmentSensorManager,
    ) -> None:
        """Create the sensor of a shipment."""
        self.coordinator = coordinator
        self._key = shipment.key
        self._manager = manager
        self._shipment = shipment
        self._written_available: bool | None = None

    @property
    def shipment_key(self) -> str:
        """Return the identity of the shipment shown."""
        return self._key

    @property
    def entity_description(self) -> ShipmentSensorDescription:  # type: ignore[override]
        """Return the description of the shipment's kind, shared by its sensors."""
        return self._shipment.spec.description

    @property
    def unique_id(self) -> str:
        """Return the unique id: the config entry's and the shipment's identity."""
        entry_id = self.coordinator.config_entry.entry_id
        return shipment_unique_prefix(entry_id) + self._key

    @property
    def device_info(self) -> DeviceInfo:
        """Return the account's device, one object shared by every entity."""
        return self.coordinator.device_info

    @property
    def capability_attributes(self) -> dict[str, Any]:
        """Return the kind's statuses as options: one mapping per kind, not per sensor.

        Home Assistant keeps it in the entity registry and copies it into each state.
        """
        return self.entity_description.capabilities

    @property
    def name(self) -> str:
        """Return the shipment's label, else its number."""
        return self._shipment.name

    @property
    def native_value(self) -> str | None:
        """Return the shipment's status."""
        return self._shipment.status

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Return the shipment's attributes."""
        return self.entity_description.attributes_fn(self._shipment)

    @property
    def available(self) -> bool:
        """Return True while the last refresh succeeded and the shipment exists."""
        coordinator = self.coordinator
        return coordinator.last_update_success and self._key in coordinator.data

    @callback
    def async_shipment_changed(self) -> None:
        """Write the state when this shipment or its availability changed."""
        shipment = self.coordinator.data.get(self._key)
        available = self.available
        if shipment is None or (
            shipment is self._shipment and available == self._written_available
        ):
            return
        self._shipment = shipment
        self._written_available = available
        self.async_write_ha_state()

    async def async_update(self) -> None:
        """Ask the coordinator for fresh data (``homeassistant.update_entity``)."""
        await self.coordinator.async_request_refresh()

    async def async_added_to_hass(self) -> None:
        """Remember the availability written first; be updated by the manager."""
        await super().async_added_to_hass()
        self._written_available = self.available
        self._manager.async_sensor_added(self)

    async def async_will_remove_from_hass(self) -> None:
        """Stop being updated: no removal hook is kept per sensor."""
        await super().async_will_remove_from_hass()
        self._manager.forget(self._key, self)

    def add_to_platform_abort(self) -> None:
        """Tell the manager that Home Assistant refused the sensor (too many)."""
        super().add_to_platform_abort()
        self._manager.async_sensor_refused(self._key)
