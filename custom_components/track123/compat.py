"""What differs between the Home Assistant releases the integration supports.

Each name here works on the oldest supported release and on the newest alike.
"""

from __future__ import annotations

from typing import Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_platform

from .const import DOMAIN

# Newer releases enable at most this many entities per config entry and refuse the
# rest; older ones take every entity, so none is refused there.
ENTITY_LIMIT_ENFORCED: Final = hasattr(
    entity_platform, "MAX_ENABLED_ENTITIES_PER_CONFIG_ENTRY"
)
MAX_ENABLED_ENTITIES_PER_CONFIG_ENTRY: Final[int] = getattr(
    entity_platform, "MAX_ENABLED_ENTITIES_PER_CONFIG_ENTRY", 10_000
)


def account_device(hass: HomeAssistant, entry_id: str) -> dr.DeviceEntry | None:
    """Return the device of a config entry's account.

    Read from the entry's own devices: looking it up by identifier takes a different
    call on each release (a lookup across entries is ambiguous on newer ones).
    """
    identifier = (DOMAIN, entry_id)
    for device in dr.async_entries_for_config_entry(dr.async_get(hass), entry_id):
        if identifier in device.identifiers:
            return device
    return None
