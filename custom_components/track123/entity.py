"""Base entity of the Track123 integration."""

from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .coordinator import Track123Coordinator


class Track123Entity(CoordinatorEntity[Track123Coordinator]):
    """An entity on the account's service device."""

    _attr_has_entity_name = True

    def __init__(
        self,
        coordinator: Track123Coordinator,
        unique_suffix: str,
        shipment_key: str | None = None,
    ) -> None:
        """Attach the entity to the account device.

        An entity of one shipment names its ``shipment_key``: it is then updated only
        when that shipment changes (or the availability of every entity does).
        """
        super().__init__(coordinator, shipment_key)
        entry = coordinator.config_entry
        self._attr_unique_id = f"{entry.entry_id}_{unique_suffix}"
        self._attr_device_info = coordinator.device_info
