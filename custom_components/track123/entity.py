"""Base entity of the Track123 integration."""

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import DOMAIN
from .coordinator import Track123Coordinator


class Track123Entity(CoordinatorEntity[Track123Coordinator]):
    """An entity on the account's service device."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: Track123Coordinator, unique_suffix: str) -> None:
        """Attach the entity to the account device."""
        super().__init__(coordinator)
        entry = coordinator.config_entry
        self._attr_unique_id = f"{entry.entry_id}_{unique_suffix}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, entry.entry_id)},
            entry_type=DeviceEntryType.SERVICE,
            manufacturer="Track123",
            name=entry.title,
            configuration_url="https://www.track123.com",
        )
