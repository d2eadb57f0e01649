"""What the integration keeps: no event history in the recorder, nothing after deletion."""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
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

from .common import (
    ENTRY_ID,
    PARCEL,
    PARCEL_UNIQUE_ID,
    advance,
    entity_id_of,
    setup_entry,
)

EVENT_ENTITY = "event.track123_shipment_updates"

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


async def test_event_entity_records_its_type_not_the_bus_event_again(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """The event entity's history says which event, once; the bus event says what.

    Its attributes are the bus event's data, which the recorder stores already; a
    copy in each state (unique to each change) would store an attribute row each.
    """
    since = sim_state.clock.now()
    sim_state.add_parcel(PARCEL, courier_code="ups", scenario="delivered")
    await setup_entry(hass, mock_config_entry)
    for _ in range(80):
        await advance(hass, freezer, sim_state, timedelta(minutes=30))
    shown = hass.states.get(EVENT_ENTITY)
    assert shown is not None
    assert shown.attributes["tracking_number"] == PARCEL

    await async_wait_recording_done(hass)
    history = await recorder_mock.async_add_executor_job(
        get_significant_states, hass, since, None, [EVENT_ENTITY], None, True, False
    )

    recorded = [state for state in history[EVENT_ENTITY] if isinstance(state, State)]
    fired = [state for state in recorded if state.state != "unknown"]
    assert fired
    assert {state.attributes["event_type"] for state in fired} >= {
        "status_changed",
        "delivered",
    }
    for state in fired:
        assert set(state.attributes) == {"event_type", "friendly_name"}


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
