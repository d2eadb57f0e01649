"""Tests of setting up, unloading and removing the config entry."""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.track123.const import DOMAIN
from track123_simulator import Fault, SimulatorState

from .common import API_KEY, ENTRY_ID, advance, setup_entry, shipment_entity_ids

STORAGE_KEY = f"track123.{ENTRY_ID}"


@pytest.mark.usefixtures("demo_shipments")
async def test_first_refresh_failing_retries_setup(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """Setup is retried while Track123 fails, and succeeds once it answers."""
    sim_state.faults.inject(Fault(kind="http_error", http_status=502))

    await setup_entry(hass, mock_config_entry)

    assert mock_config_entry.state is ConfigEntryState.SETUP_RETRY
    assert shipment_entity_ids(hass) == set()

    sim_state.faults.clear()
    await advance(hass, freezer, sim_state, timedelta(minutes=1))

    assert mock_config_entry.state is ConfigEntryState.LOADED
    assert len(shipment_entity_ids(hass)) == 3


@pytest.mark.usefixtures("demo_shipments")
async def test_auth_failing_at_setup(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, sim_state: SimulatorState
) -> None:
    """A refused key stops the setup and asks for a new key."""
    sim_state.api_keys.discard(API_KEY)

    await setup_entry(hass, mock_config_entry)

    assert mock_config_entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress()
    assert len(flows) == 1
    assert flows[0]["handler"] == DOMAIN
    assert flows[0]["context"]["source"] == SOURCE_REAUTH


async def test_unload(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """Unloading stops the entities but keeps them registered."""
    assert init_integration.state is ConfigEntryState.LOADED

    assert await hass.config_entries.async_unload(init_integration.entry_id)
    await hass.async_block_till_done()

    assert init_integration.state is ConfigEntryState.NOT_LOADED
    assert len(shipment_entity_ids(hass)) == 3
    for entity_id in shipment_entity_ids(hass):
        state = hass.states.get(entity_id)
        assert state is not None
        assert state.state == STATE_UNAVAILABLE


@pytest.mark.usefixtures("demo_shipments")
async def test_remove_deletes_store(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """Removing the entry deletes what it stored."""
    hass_storage[STORAGE_KEY] = {
        "version": 1,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": {"added": [{"kind": "parcel", "number": "1Z999AA10123456784"}]},
    }
    await setup_entry(hass, mock_config_entry)
    assert mock_config_entry.state is ConfigEntryState.LOADED

    await hass.config_entries.async_remove(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert STORAGE_KEY not in hass_storage
    assert shipment_entity_ids(hass) == set()
