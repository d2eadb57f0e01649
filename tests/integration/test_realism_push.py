"""Pushes and polls together, against the simulator as awkward as Track123 may be."""

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.track123.const import CONF_KINDS
from custom_components.track123.events import EVENT_STATUS_CHANGED
from track123_simulator import SimulatorServer, SimulatorState

from .common import advance, entity_id_of, shipment_entity_ids, shipment_unique_id
from .test_realism import NUMBER, _known_transitions
from .webhook_helpers import *  # noqa: F403 - the webhook fixtures
from .webhook_helpers import setup_with

STEP = timedelta(minutes=30)


@pytest.mark.parametrize("quirks", [["late_carrier", "carrier_change"], []])
async def test_lagging_polls_after_pushes_undo_nothing(
    *,
    hass: HomeAssistant,
    webhook_entry: MockConfigEntry,
    simulator: SimulatorServer,
    sim_pushes: SimulatorState,
    freezer: FrozenDateTimeFactory,
    quirks: list[str],
) -> None:
    """Each push is shown at once; a poll answering the older copy changes nothing.

    Every change of status is announced once, in the order Track123 made them,
    with one sensor throughout, whatever the carrier did.
    """
    sim_state = sim_pushes
    sim_state.realism.apply("stale_reads,local_times")
    sim_state.add_parcel(NUMBER, scenario="failed_then_delivered", quirks=quirks)
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    await setup_with(hass, webhook_entry, **{CONF_KINDS: ["parcel"]})
    entity_id = entity_id_of(hass, shipment_unique_id("parcel", NUMBER))

    pushed: list[int] = []
    for _ in range(5 * 48):
        sim_state.clock.advance(STEP)
        attempts = await simulator.deliver_webhooks()
        pushed.extend(attempt.status for attempt in attempts)
        await hass.async_block_till_done()
        freezer.tick(STEP)
        await advance(hass, freezer, sim_state, timedelta(0))

    assert pushed
    assert set(pushed) == {200}

    fired = [(e.data["old_status"], e.data["new_status"]) for e in changed]
    assert fired == _known_transitions(sim_state)
    assert shipment_entity_ids(hass) == {entity_id}
