"""Sensors: one per shipment, and a summary of the account."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import Track123ConfigEntry, Track123Coordinator
from .entity import Track123Entity
from .kinds import PARCEL
from .sensor_manager import ShipmentSensorManager
from .summary import ShipmentSummary, expected

# The coordinator fetches for every entity at once.
PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class Track123SummaryDescription(SensorEntityDescription):
    """A sensor over all shipments of the account."""

    value_fn: Callable[[ShipmentSummary], Any]
    attributes_fn: Callable[[ShipmentSummary], Mapping[str, Any] | None] = lambda _: (
        None
    )


def _count(status: str) -> Callable[[ShipmentSummary], int]:
    """Return a function counting the parcels in a status."""
    return lambda summary: summary.count(status)


def _next_delivery_attributes(summary: ShipmentSummary) -> Mapping[str, Any] | None:
    """Name the shipment expected next."""
    if (shipment := summary.next_delivery) is None:
        return None
    return {
        "tracking_number": shipment.number,
        "label": shipment.label,
        "kind": shipment.kind.value,
    }


SUMMARY_SENSORS: tuple[Track123SummaryDescription, ...] = (
    *(
        Track123SummaryDescription(
            key=f"parcels_{status}",
            translation_key=f"parcels_{status}",
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=_count(status),
        )
        for status in PARCEL.options
    ),
    Track123SummaryDescription(
        key="next_expected_delivery",
        translation_key="next_expected_delivery",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda summary: (
            expected(shipment)
            if (shipment := summary.next_delivery) is not None
            else None
        ),
        attributes_fn=_next_delivery_attributes,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: Track123ConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the summary sensors and one sensor per shipment."""
    coordinator = entry.runtime_data.coordinator
    summary = ShipmentSummary(coordinator)
    async_add_entities(
        [
            *(
                Track123SummarySensor(coordinator, description, summary)
                for description in SUMMARY_SENSORS
            ),
            Track123LastRefreshSensor(coordinator),
        ]
    )
    ShipmentSensorManager(hass, coordinator, async_add_entities).async_start()


class Track123SummarySensor(Track123Entity, SensorEntity):
    """A figure over all shipments of the account."""

    entity_description: Track123SummaryDescription

    def __init__(
        self,
        coordinator: Track123Coordinator,
        description: Track123SummaryDescription,
        summary: ShipmentSummary,
    ) -> None:
        """Create a summary sensor."""
        super().__init__(coordinator, description.key)
        self.entity_description = description
        self._summary = summary
        self._written: tuple[bool, Any, Mapping[str, Any] | None] | None = None

    @property
    def native_value(self) -> Any:
        """Return the figure."""
        return self.entity_description.value_fn(self._summary)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        """Return details of the figure."""
        return self.entity_description.attributes_fn(self._summary)

    def _shown(self) -> tuple[bool, Any, Mapping[str, Any] | None]:
        """Return what the state shows: availability, figure and details."""
        return (self.available, self.native_value, self.extra_state_attributes)

    @callback
    def _handle_coordinator_update(self) -> None:
        """Write the state only when the figure, its details or availability moved."""
        if (shown := self._shown()) == self._written:
            return
        self._written = shown
        self.async_write_ha_state()

    async def async_added_to_hass(self) -> None:
        """Remember what was written first."""
        await super().async_added_to_hass()
        self._written = self._shown()


class Track123LastRefreshSensor(Track123Entity, SensorEntity):
    """When Track123 last answered a refresh; written after every successful poll."""

    _attr_translation_key = "last_refresh"
    _attr_device_class = SensorDeviceClass.TIMESTAMP
    _attr_entity_category = EntityCategory.DIAGNOSTIC
    # Enabled, it writes a state on every poll even when no shipment changed.
    _attr_entity_registry_enabled_default = False

    def __init__(self, coordinator: Track123Coordinator) -> None:
        """Create the sensor."""
        super().__init__(coordinator, "last_refresh")

    @property
    def native_value(self) -> datetime | None:
        """Return the time of the last successful refresh."""
        return self.coordinator.last_update_success_time

    async def async_added_to_hass(self) -> None:
        """Follow every successful refresh, not only those that changed data."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.coordinator.async_add_refresh_listener(self.async_write_ha_state)
        )
