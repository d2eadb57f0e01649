"""What the integration keeps: no event history in the recorder, nothing after deletion."""

from datetime import timedelta
from typing import Any

from homeassistant.components.recorder.core import Recorder
from homeassistant.components.recorder.history import get_significant_states
from homeassistant.core import HomeAssistant, State
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.track123.attributes import UNRECORDED_ATTRIBUTES
from custom_components.track123.const import DOMAIN
from custom_components.track123.shipment import EVENTS_ATTRIBUTE
from track123_simulator import SimulatorState

from .common import ENTRY_ID, PARCEL, PARCEL_UNIQUE_ID, entity_id_of, setup_entry

ADDED_KEY = f"track123.{ENTRY_ID}"
STATUSES_KEY = f"track123.{ENTRY_ID}.statuses"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_db_url: str, enable_custom_integrations: None
) -> None:
    """Prepare the recorder's database before Home Assistant starts."""
    return


async def test_event_history_not_recorded(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """The sensor keeps no history, and the recorder not even its last event.

    Event texts can name people ("signed by ...") and grow the database; what
    changes with every event would store a new attribute row each time.
    """
    since = sim_state.clock.now() - timedelta(hours=120)
    sim_state.add_parcel(
        PARCEL, courier_code="ups", scenario="cross_border", added_at=since
    )
    await setup_entry(hass, mock_config_entry)
    entity_id = entity_id_of(hass, PARCEL_UNIQUE_ID)
    assert entity_id is not None
    shown = hass.states.get(entity_id)
    assert shown is not None
    assert EVENTS_ATTRIBUTE not in shown.attributes
    assert shown.attributes["last_event"]

    await async_wait_recording_done(hass)
    history = await recorder_mock.async_add_executor_job(
        get_significant_states, hass, since, None, [entity_id]
    )

    recorded = history[entity_id][-1]
    assert isinstance(recorded, State)
    assert recorded.state == shown.state
    assert "last_event" not in recorded.attributes
    assert not UNRECORDED_ATTRIBUTES & recorded.attributes.keys()
    assert recorded.attributes["tracking_number"] == PARCEL


async def test_deleting_the_entry_deletes_what_it_stored(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    sim_state: SimulatorState,
    hass_storage: dict[str, Any],
) -> None:
    """The shipments added and the statuses remembered go with the entry."""
    sim_state.add_parcel(PARCEL, courier_code="ups", scenario="delivered")
    await setup_entry(hass, mock_config_entry)
    await hass.services.async_call(
        DOMAIN,
        "add_shipment",
        {"tracking_number": "9400111899562537866361", "label": "Gift"},
        blocking=True,
    )
    await hass.async_block_till_done()
    assert hass_storage[ADDED_KEY]["data"]["added"]
    assert hass_storage[STATUSES_KEY]["data"]

    await hass.config_entries.async_remove(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert ADDED_KEY not in hass_storage
    assert STATUSES_KEY not in hass_storage
