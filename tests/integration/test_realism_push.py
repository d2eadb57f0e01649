"""Pushes and polls together, against the simulator as awkward as Track123 may be."""

from collections.abc import Iterator
from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.track123.api import ParcelStatus
from custom_components.track123.const import CONF_KINDS
from custom_components.track123.events import EVENT_STATUS_CHANGED
from track123_simulator import SimulatorServer, SimulatorState

from .common import advance, shipment_entity_ids
from .webhook_helpers import *  # noqa: F403 - the webhook fixtures
from .webhook_helpers import setup_with

STEP = timedelta(minutes=30)
NUMBERS = [f"LX{index:09d}CN" for index in range(20)]
KNOWN = {status.value.lower() for status in ParcelStatus if status.name != "UNKNOWN"}
# Everything but random server errors (failed polls are the soak's business) and
# v1 paths refused (parcels have no v1).
REALISM = "all,-server_errors,-v21_only"


def _in_order(path: list[str], truth: list[str]) -> bool:
    """Return True when ``path`` visits statuses of ``truth`` in its order."""
    remaining: Iterator[str] = iter(truth)
    return all(any(status == step for step in remaining) for status in path)


@pytest.mark.parametrize(
    "scenario", ["delivered", "failed_then_delivered", "returned_to_sender"]
)
async def test_lagging_polls_after_pushes_undo_nothing(
    *,
    hass: HomeAssistant,
    webhook_entry: MockConfigEntry,
    simulator: SimulatorServer,
    sim_pushes: SimulatorState,
    freezer: FrozenDateTimeFactory,
    scenario: str,
) -> None:
    """Pushed changes stay; a poll answering an older copy never takes one back.

    Carriers found late and changed, zone-less, odd and missing times, unknown
    codes and reads that lag behind a push: each parcel's events follow Track123's
    own statuses in their order, never back and forth, one sensor per parcel.
    """
    sim_state = sim_pushes
    sim_state.realism.apply(REALISM)
    for number in NUMBERS:
        sim_state.add_parcel(number, scenario=scenario)
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    await setup_with(hass, webhook_entry, **{CONF_KINDS: ["parcel"]})

    pushed: list[int] = []
    for _ in range(5 * 48):
        sim_state.clock.advance(STEP)
        pushed.extend(attempt.status for attempt in await simulator.deliver_webhooks())
        await hass.async_block_till_done()
        freezer.tick(STEP)
        await advance(hass, freezer, sim_state, timedelta(0))

    # Pushes signed in the same second, or retried with their first timestamp, are
    # refused as data (409, 401) and their numbers queried instead.
    assert 200 in pushed
    truth = sim_state.transitions()["transitions"]
    for number in NUMBERS:
        statuses = ["init"]
        statuses += [
            change["to"].lower()
            for change in truth
            if change["number"] == number and change["to"].lower() in KNOWN
        ]
        fired = [
            (event.data["old_status"], event.data["new_status"])
            for event in changed
            if event.data["tracking_number"] == number
        ]
        path = [fired[0][0], *(new for _, new in fired)] if fired else []
        assert _in_order(path, statuses), (number, fired, statuses)
        assert path[-1] == statuses[-1]
    assert len(shipment_entity_ids(hass)) == len(NUMBERS)
