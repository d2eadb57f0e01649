"""Base entity of the Track123 integration."""

from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .coordinator import Track123Coordinator


class Track123Entity(CoordinatorEntity[Track123Coordinator]):
    """An entity on the account's service device."""

    _attr_has_entity_name = True

    def __init__(
        self,
        coordinator: Track123Coordinator,
        unique_suffix: str | None = None,
        shipment_key: str | None = None,
    ) -> None:
        """Attach the entity to the account device.

        The unique id is the config entry's id and ``unique_suffix``; without one, the
        subclass provides ``unique_id``. An entity of one shipment names its
        ``shipment_key``: it is then updated only when that shipment changes (or the
        availability of every entity does).
        """
        super().__init__(coordinator, shipment_key)
        if unique_suffix is not None:
            self._attr_unique_id = (
                f"{coordinator.config_entry.entry_id}_{unique_suffix}"
            )

    @property
    def device_info(self) -> DeviceInfo:
        """Return the account's device, one object shared by every entity."""
        return self.coordinator.device_info
