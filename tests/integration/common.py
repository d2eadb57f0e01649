"""Constants and helpers shared by the integration tests."""

from datetime import timedelta
import importlib
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.sensor import DOMAIN as SENSOR_DOMAIN
from homeassistant.const import CONF_API_KEY
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers import config_validation as cv, entity_registry as er
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.track123.config_flow import account_id
from custom_components.track123.const import CONF_BASE_URL, DOMAIN
from custom_components.track123.validation import vol
from track123_simulator import SimulatorState

API_KEY = "test-key"
# A fixed entry id keeps unique ids, entity registry snapshots and storage keys stable.
ENTRY_ID = "01JTRACK123TESTENTRY000000"

PARCEL = "1Z999AA10123456784"
OCEAN = "MSKU1234567"
AIR = "176-12345675"


def account_entry(
    base_url: str,
    *,
    api_key: str = API_KEY,
    version: int = 2,
    entry_id: str | None = ENTRY_ID,
    data: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
) -> MockConfigEntry:
    """Return a config entry of the account behind ``api_key``, as ``version`` stored it."""
    return MockConfigEntry(
        version=version,
        domain=DOMAIN,
        entry_id=entry_id,
        title="Track123",
        unique_id=account_id(api_key),
        data={CONF_API_KEY: api_key, CONF_BASE_URL: base_url, **(data or {})},
        options=options or {},
    )


def add_demo_shipments(state: SimulatorState) -> None:
    """Add one shipment of each kind, each on its way to delivery."""
    state.add_parcel(PARCEL, courier_code="ups", scenario="delivered")
    state.add_ocean(OCEAN, number_type=3, carrier_code="MAEU", scenario="delivered")
    state.add_air(AIR, scenario="delivered")


async def advance(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    state: SimulatorState,
    delta: timedelta,
) -> None:
    """Move the simulator's and Home Assistant's clocks on; let the poll finish."""
    state.clock.advance(delta)
    freezer.tick(delta)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)


def shipment_unique_id(kind: str, number: str) -> str:
    """Return the unique id of a shipment's sensor in the test entry."""
    return f"{ENTRY_ID}_shipment_{kind}_{number}"


PARCEL_UNIQUE_ID = shipment_unique_id("parcel", PARCEL)
OCEAN_UNIQUE_ID = shipment_unique_id("ocean", OCEAN)
AIR_UNIQUE_ID = shipment_unique_id("air", AIR)


def entity_id_of(hass: HomeAssistant, unique_id: str) -> str | None:
    """Return the entity id registered for a unique id of the integration, if any."""
    return er.async_get(hass).async_get_entity_id(SENSOR_DOMAIN, DOMAIN, unique_id)


def shipment_entity_ids(hass: HomeAssistant) -> set[str]:
    """Return the entity ids of every registered shipment sensor of the test entry."""
    return {
        entry.entity_id
        for entry in er.async_entries_for_config_entry(er.async_get(hass), ENTRY_ID)
        if entry.unique_id.startswith(f"{ENTRY_ID}_shipment_")
    }


def integration_entity_ids(hass: HomeAssistant) -> set[str]:
    """Return every registered entity id of the test entry."""
    return {
        entry.entity_id
        for entry in er.async_entries_for_config_entry(er.async_get(hass), ENTRY_ID)
    }


async def setup_entry(
    hass: HomeAssistant, entry: MockConfigEntry, **options: Any
) -> MockConfigEntry:
    """Add ``entry`` with ``options`` to Home Assistant and set it up."""
    entry.add_to_hass(hass)
    if options:
        hass.config_entries.async_update_entry(entry, options=options)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


def state_of(hass: HomeAssistant, entity_id: str | None) -> State:
    """Return the state of an entity that must exist."""
    assert entity_id is not None
    state = hass.states.get(entity_id)
    assert state is not None, f"{entity_id} has no state"
    return state


def form_fields(schema: Any) -> list[dict[str, Any]]:
    """Return a form's schema as the browser gets it.

    Home Assistant serializes with probatio from 2026.10 on, with voluptuous_serialize
    before.
    """
    serialize = (
        getattr(vol, "to_field_list", None)
        or importlib.import_module("voluptuous_serialize").convert
    )
    fields: list[dict[str, Any]] = serialize(
        schema, custom_serializer=cv.custom_serializer
    )
    return fields
