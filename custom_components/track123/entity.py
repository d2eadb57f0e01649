"""Base entity of the Track123 integration."""

from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .coordinator import Track123Coordinator


class Track123Entity(CoordinatorEntity[Track123Coordinator]):
    """An entity of the whole account, on the account's service device."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: Track123Coordinator, unique_suffix: str) -> None:
        """Attach the entity to the account device; its unique id ends in the suffix."""
        super().__init__(coordinator)
        self._attr_unique_id = f"{coordinator.config_entry.entry_id}_{unique_suffix}"

    @property
    def device_info(self) -> DeviceInfo:
        """Return the account's device, one object shared by every entity."""
        return self.coordinator.device_info
