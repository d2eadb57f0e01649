"""Polls that bring no new event write no shipment state (nor a recorder row)."""

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.track123.const import CONF_KINDS
from track123_simulator import SimulatorState

from .common import PARCEL, PARCEL_UNIQUE_ID, advance, entity_id_of, setup_entry

DAY = timedelta(days=1)


async def test_days_without_news_write_nothing_until_stalled(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """Track123 counts the days without news; the sensor writes once, when stalled.

    The "lost" parcel's last event is at 96 h; from then on every poll brings the
    same events and a higher day count. Eight daily polls write one state: the day
    the parcel becomes stalled.
    """
    sim_state.add_parcel(PARCEL, courier_code="ups", scenario="lost")
    await setup_entry(hass, mock_config_entry, **{CONF_KINDS: ["parcel"]})
    await advance(hass, freezer, sim_state, timedelta(hours=97))
    entity_id = entity_id_of(hass, PARCEL_UNIQUE_ID)
    coordinator = mock_config_entry.runtime_data.coordinator
    (before,) = coordinator.data.values()
    writes = async_capture_events(hass, EVENT_STATE_CHANGED)

    seen: list[dict[str, object]] = []
    for _ in range(8):
        await advance(hass, freezer, sim_state, DAY)
        seen.extend(
            dict(event.data["new_state"].attributes)
            for event in writes
            if event.data["entity_id"] == entity_id
        )
        writes.clear()

    (after,) = coordinator.data.values()
    # Track123 moved its counter every day; the shipment's events did not change.
    assert before.full_attributes["days_without_update"] == 0
    assert after.full_attributes["days_without_update"] == 8
    assert after.full_attributes["events"] == before.full_attributes["events"]
    assert len(seen) == 1
    assert seen[0]["stalled"] is True
