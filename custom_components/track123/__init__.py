"""The Track123 integration: every shipment of a Track123 account as a sensor."""

from homeassistant.const import CONF_API_KEY, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.json import json_bytes
from homeassistant.helpers.typing import ConfigType
from homeassistant.util import dt as dt_util
from homeassistant.util.json import json_loads

from .api import DEFAULT_BASE_URL, Track123Client
from .checked_off import CheckedOff
from .const import CONF_BASE_URL, DOMAIN, ENTRY_VERSION, LOGGER
from .coordinator import Track123ConfigEntry, Track123Coordinator, Track123RuntimeData
from .events import StatusEvents
from .frontend import async_register_card
from .migration import UPGRADES
from .services import async_setup_services
from .store import ShipmentStore
from .webhook import async_remove_cloudhook, async_setup_webhook
from .websocket_api import async_setup_websocket_api

PLATFORMS = [Platform.CALENDAR, Platform.EVENT, Platform.SENSOR, Platform.TODO]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the integration's actions, and the shipments card with its command."""
    async_setup_services(hass)
    async_setup_websocket_api(hass)
    await async_register_card(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: Track123ConfigEntry) -> bool:
    """Set up Track123 from a config entry."""
    client = Track123Client(
        entry.data[CONF_API_KEY],
        async_get_clientsession(hass),
        base_url=entry.data.get(CONF_BASE_URL, DEFAULT_BASE_URL),
        json_loads=json_loads,
        json_dumps=json_bytes,
        # Track123 writes many times without a zone: read them in the home's zone.
        default_timezone=dt_util.get_default_time_zone(),
        # Shipments keep their newest event; the card and get_shipments fetch the rest.
        keep_history=False,
    )
    store = ShipmentStore(hass, entry.entry_id)
    await store.async_load()
    events = StatusEvents(hass, entry.entry_id)
    await events.async_load()
    coordinator = Track123Coordinator(hass, entry, client, store, events)
    async_setup_webhook(hass, entry, coordinator)
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = Track123RuntimeData(
        client=client, coordinator=coordinator, store=store, events=events
    )
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    coordinator.async_entities_added()
    return True


async def async_migrate_entry(hass: HomeAssistant, entry: Track123ConfigEntry) -> bool:
    """Upgrade an entry stored by an earlier version, one version at a time.

    An entry stored by a newer version (after a downgrade) is refused, not guessed at:
    older Home Assistant releases would otherwise load it.
    """
    if entry.version > ENTRY_VERSION:
        LOGGER.error(
            "The Track123 entry %s was stored by a newer version of the integration "
            "(entry version %s); install that version again or add the account anew",
            entry.title,
            entry.version,
        )
        return False
    while entry.version < ENTRY_VERSION:
        UPGRADES[entry.version](hass, entry.entry_id)
        hass.config_entries.async_update_entry(entry, version=entry.version + 1)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: Track123ConfigEntry) -> bool:
    """Unload a config entry."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(hass: HomeAssistant, entry: Track123ConfigEntry) -> None:
    """Forget what was stored for a removed config entry."""
    await ShipmentStore(hass, entry.entry_id).async_remove_file()
    await StatusEvents(hass, entry.entry_id).async_remove_file()
    await CheckedOff(hass, entry.entry_id).async_remove_file()
    await async_remove_cloudhook(hass, entry)
