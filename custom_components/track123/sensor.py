"""Sensors: one per shipment, and a summary of the account."""

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityCapabilityAttribute,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory, Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.helpers.entity_platform import (
    MAX_ENABLED_ENTITIES_PER_CONFIG_ENTRY,
    AddConfigEntryEntitiesCallback,
)
from homeassistant.util import dt as dt_util

from .api import ParcelStatus
from .const import DOMAIN, ShipmentKind
from .coordinator import Shipments, Track123ConfigEntry, Track123Coordinator
from .entity import Track123Entity
from .shipment import (
    EVENTS_ATTRIBUTE,
    STATUS_OPTIONS,
    Shipment,
    enum_options,
    shipment_unique_prefix,
)

# The coordinator fetches for every entity at once.
PARALLEL_UPDATES = 0


class ShipmentSummary:
    """Figures over the coordinator's shipments, computed once per refresh and day.

    Every summary sensor reads from the same summary, so the shipments are counted
    once per change, not once per sensor.
    """

    def __init__(self, coordinator: Track123Coordinator) -> None:
        """Summarise the shipments of a coordinator."""
        self._coordinator = coordinator
        self._computed_for: tuple[Shipments, datetime] | None = None
        self._counts: Counter[str | None] = Counter()
        self._next: Shipment | None = None

    def _update(self) -> None:
        """Recompute when the shipments or the day changed."""
        shipments = self._coordinator.data
        today = dt_util.start_of_local_day()
        if (
            self._computed_for is not None
            and self._computed_for[0] is shipments
            and self._computed_for[1] == today
        ):
            return
        self._counts = Counter(
            shipment.status
            for shipment in shipments.values()
            if shipment.kind is ShipmentKind.PARCEL
        )
        self._next = _next_delivery(shipments)
        self._computed_for = (shipments, today)

    def count(self, status: str) -> int:
        """Return the number of parcels in a status."""
        self._update()
        return self._counts[status]

    @property
    def next_delivery(self) -> Shipment | None:
        """Return the undelivered shipment expected soonest from today on."""
        self._update()
        return self._next


def _count(status: str) -> Callable[[ShipmentSummary], int]:
    """Return a function counting the parcels in a status."""
    return lambda summary: summary.count(status)


def _next_delivery(shipments: Shipments) -> Shipment | None:
    """Return the undelivered shipment expected soonest from today on, if any.

    A shipment whose expected window ended before today is overdue, not next. On a
    tie, the first one wins. One pass, as it runs over every shipment per change.
    """
    today = dt_util.start_of_local_day()
    best: Shipment | None = None
    best_start: datetime | None = None
    for shipment in shipments.values():
        start, end = shipment.expected_start, shipment.expected_end
        if (end := end or start) is None or end < today or shipment.is_delivered:
            continue
        start = start or end
        if best_start is None or start < best_start:
            best, best_start = shipment, start
    return best


def _expected(shipment: Shipment) -> datetime | None:
    """Return when a shipment is expected: the start of its window."""
    return shipment.expected_start or shipment.expected_end


@dataclass(frozen=True, kw_only=True)
class Track123SummaryDescription(SensorEntityDescription):
    """A sensor over all shipments of the account."""

    value_fn: Callable[[ShipmentSummary], Any]
    attributes_fn: Callable[[ShipmentSummary], Mapping[str, Any] | None] = lambda _: (
        None
    )


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
        for status in enum_options(ParcelStatus)
    ),
    Track123SummaryDescription(
        key="next_expected_delivery",
        translation_key="next_expected_delivery",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda summary: (
            _expected(shipment)
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


TOO_MANY_SHIPMENTS_ISSUE_ID = "too_many_shipments_{entry_id}"


class ShipmentSensorManager:
    """Add a sensor for each new shipment; remove those of shipments gone.

    Home Assistant enables at most ``MAX_ENABLED_ENTITIES_PER_CONFIG_ENTRY`` entities
    per config entry and refuses the rest. A shipment refused a sensor is tried again
    after every refresh, and gets its sensor at the first one after there is room;
    until then a repair issue says how many shipments have none.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        coordinator: Track123Coordinator,
        async_add_entities: AddConfigEntryEntitiesCallback,
    ) -> None:
        """Create the manager of one config entry's shipment sensors."""
        self._hass = hass
        self._coordinator = coordinator
        self._registry = er.async_get(hass)
        self._add_entities = async_add_entities
        self._known: set[str] = set()
        self._refused: set[str] = set()
        self._prefix = shipment_unique_prefix(coordinator.config_entry.entry_id)
        self._issue_id = TOO_MANY_SHIPMENTS_ISSUE_ID.format(
            entry_id=coordinator.config_entry.entry_id
        )

    @callback
    def async_start(self) -> None:
        """Remove leftovers of earlier runs, add current shipments, follow changes."""
        current = set(self._coordinator.data)
        for entry in er.async_entries_for_config_entry(
            self._registry, self._coordinator.config_entry.entry_id
        ):
            if (
                entry.domain == Platform.SENSOR
                and entry.unique_id.startswith(self._prefix)
                and entry.unique_id.removeprefix(self._prefix) not in current
            ):
                self._registry.async_remove(entry.entity_id)
        self._async_sync()
        config_entry = self._coordinator.config_entry
        config_entry.async_on_unload(
            self._coordinator.async_add_listener(self._async_sync)
        )
        config_entry.async_on_unload(
            self._coordinator.async_add_refresh_listener(self._async_retry)
        )
        config_entry.async_on_unload(self._async_delete_issue)

    @callback
    def _async_sync(self) -> None:
        """Match the sensors to the coordinator's shipments."""
        shipments = self._coordinator.data
        if new := shipments.keys() - self._known:
            self._known |= new
            self._add_entities(
                ShipmentSensor(self._coordinator, shipments[key], self) for key in new
            )
        for key in self._known - shipments.keys():
            self._known.discard(key)
            if entity_id := self._registry.async_get_entity_id(
                Platform.SENSOR, DOMAIN, self._prefix + key
            ):
                self._registry.async_remove(entity_id)
        if self._refused and not self._refused <= shipments.keys():
            self._refused &= shipments.keys()
            self._async_update_issue()

    @callback
    def _async_retry(self) -> None:
        """After every refresh, changed or not, try again the sensors refused."""
        if self._refused:
            self._async_sync()

    @callback
    def async_sensor_added(self, key: str) -> None:
        """Note that a shipment's sensor was added."""
        if key in self._refused:
            self._refused.discard(key)
            self._async_update_issue()

    @callback
    def async_sensor_refused(self, key: str) -> None:
        """Note that Home Assistant refused a shipment's sensor: try again later."""
        self._known.discard(key)
        if key in self._coordinator.data and key not in self._refused:
            self._refused.add(key)
            self._async_update_issue()

    @callback
    def _async_update_issue(self) -> None:
        """Tell the user how many shipments have no sensor, or that all have one."""
        if not self._refused:
            self._async_delete_issue()
            return
        ir.async_create_issue(
            self._hass,
            DOMAIN,
            self._issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key="too_many_shipments",
            translation_placeholders={
                "title": self._coordinator.config_entry.title,
                "count": str(len(self._refused)),
                "limit": str(MAX_ENABLED_ENTITIES_PER_CONFIG_ENTRY),
            },
        )

    @callback
    def _async_delete_issue(self) -> None:
        """Withdraw the repair issue."""
        ir.async_delete_issue(self._hass, DOMAIN, self._issue_id)


_CAPABILITIES: Mapping[ShipmentKind, dict[str, Any]] = {
    kind: {SensorEntityCapabilityAttribute.OPTIONS: options}
    for kind, options in STATUS_OPTIONS.items()
}


class ShipmentSensor(Track123Entity, SensorEntity):
    """A shipment; its state is the shipment's status.

    State, name and attributes are read from the shipment when written, and the
    sensor's own fields are slots: an account may hold thousands of shipments, and
    every value an entity keeps in its instance dict costs memory per shipment.
    """

    __slots__ = ("_key", "_manager", "_shipment", "_written_available")

    _unrecorded_attributes = frozenset({EVENTS_ATTRIBUTE})

    def __init__(
        self,
        coordinator: Track123Coordinator,
        shipment: Shipment,
        manager: ShipmentSensorManager,
    ) -> None:
        """Create the sensor of a shipment."""
        super().__init__(coordinator, shipment_key=shipment.key)
        self._key = shipment.key
        self._manager = manager
        self._shipment = shipment
        self._written_available: bool | None = None

    @property
    def unique_id(self) -> str:
        """Return the unique id: the config entry's and the shipment's identity."""
        entry_id = self.coordinator.config_entry.entry_id
        return shipment_unique_prefix(entry_id) + self._key

    @property
    def translation_key(self) -> str:
        """Return the translation key of the shipment's kind."""
        return self._shipment.kind.value

    @property
    def device_class(self) -> SensorDeviceClass:
        """Return the device class: the state is one of the kind's statuses."""
        return SensorDeviceClass.ENUM

    @property
    def options(self) -> list[str]:
        """Return the statuses of the shipment's kind."""
        return STATUS_OPTIONS[self._shipment.kind]

    @property
    def capability_attributes(self) -> dict[str, Any]:
        """Return the kind's statuses as options: one mapping per kind, not per sensor.

        Home Assistant keeps it in the entity registry and copies it into each state.
        """
        return _CAPABILITIES[self._shipment.kind]

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
        return self._shipment.attributes

    @property
    def available(self) -> bool:
        """Return True while the last refresh succeeded and the shipment exists."""
        return super().available and self._key in self.coordinator.data

    @callback
    def _handle_coordinator_update(self) -> None:
        """Write the state only when this shipment or its availability changed."""
        shipment = self.coordinator.data.get(self._key)
        available = self.available
        if shipment is None or (
            shipment is self._shipment and available == self._written_available
        ):
            return
        self._shipment = shipment
        self._written_available = available
        self.async_write_ha_state()

    async def async_added_to_hass(self) -> None:
        """Remember the availability written first."""
        await super().async_added_to_hass()
        self._written_available = self.available
        self._manager.async_sensor_added(self._key)

    def add_to_platform_abort(self) -> None:
        """Tell the manager that Home Assistant refused the sensor (too many)."""
        super().add_to_platform_abort()
        self._manager.async_sensor_refused(self._key)


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
        return self.coordinator.last_refresh

    async def async_added_to_hass(self) -> None:
        """Follow every successful refresh, not only those that changed data."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.coordinator.async_add_refresh_listener(self.async_write_ha_state)
        )
