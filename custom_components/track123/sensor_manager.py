"""Shipment sensors come and go with the shipments; each is updated when it changes."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.helpers.entity_platform import (
    MAX_ENABLED_ENTITIES_PER_CONFIG_ENTRY,
    AddConfigEntryEntitiesCallback,
)

from .const import DOMAIN, LOGGER
from .coordinator import Track123Coordinator
from .merge import Shipments
from .shipment import shipment_unique_prefix
from .shipment_sensor import ShipmentSensor

TOO_MANY_SHIPMENTS_ISSUE_ID = "too_many_shipments_{entry_id}"


class ShipmentSensorManager:
    """Add a sensor for each new shipment; remove those of shipments gone.

    The manager is the coordinator's one listener for all shipment sensors: after
    a change it calls only the sensors of the shipments that changed (all of them
    when the availability of every entity changed), so a refresh that changes a
    few of thousands of shipments makes a few calls.

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
        self._refused: set[str] = set()
        # Every shipment a sensor was asked for, with its sensor once added (None
        # before, and after Home Assistant removed it).
        self._sensors: dict[str, ShipmentSensor | None] = {}
        # The data and availability the sensors were last told about.
        self._notified: tuple[Shipments, bool] | None = None
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
        """Match the sensors to the coordinator's shipments, update those changed."""
        shipments = self._coordinator.data
        if new := shipments.keys() - self._sensors.keys():
            self._sensors.update(dict.fromkeys(new))
            self._add_entities(
                ShipmentSensor(self._coordinator, shipments[key], self) for key in new
            )
        for key in self._sensors.keys() - shipments.keys():
            del self._sensors[key]
            if entity_id := self._registry.async_get_entity_id(
                Platform.SENSOR, DOMAIN, self._prefix + key
            ):
                self._registry.async_remove(entity_id)
        if self._refused and not self._refused <= shipments.keys():
            self._refused &= shipments.keys()
            self._async_update_issue()
        self._async_notify(shipments)

    @callback
    def _async_notify(self, shipments: Shipments) -> None:
        """Call the sensors whose shipment or availability changed."""
        success = self._coordinator.last_update_success
        notified, self._notified = self._notified, (shipments, success)
        if notified is None or notified[1] != success:
            changed: list[str] = list(self._sensors)
        elif notified[0] is shipments:
            return
        else:
            before = notified[0]
            changed = [
                key
                for key, shipment in shipments.items()
                if before.get(key) is not shipment
            ]
        for key in changed:
            if (sensor := self._sensors.get(key)) is not None:
                try:
                    sensor.async_shipment_changed()
                except Exception:  # noqa: BLE001 - one sensor must not stop the rest
                    LOGGER.exception("Error updating the sensor of %s", key)

    @callback
    def _async_retry(self) -> None:
        """After every refresh, changed or not, try again the sensors refused."""
        if self._refused:
            self._async_sync()

    @callback
    def async_sensor_added(self, sensor: ShipmentSensor) -> None:
        """Note that a shipment's sensor was added, to update it from now on."""
        key = sensor.shipment_key
        self._sensors[key] = sensor
        if key in self._refused:
            self._refused.discard(key)
            self._async_update_issue()

    @callback
    def forget(self, key: str, sensor: ShipmentSensor) -> None:
        """Stop updating a sensor removed from Home Assistant."""
        if self._sensors.get(key) is sensor:
            self._sensors[key] = None

    @callback
    def async_sensor_refused(self, key: str) -> None:
        """Note that Home Assistant refused a shipment's sensor: try again later."""
        self._sensors.pop(key, None)
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
