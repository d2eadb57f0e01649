"""The integration against the simulator as awkward as the real Track123 may be.

Each test turns on a realism switch or gives a shipment a quirk, then checks what a
user sees: one sensor per shipment whatever its carrier does, each status change
announced once, unknown codes shown, the newest event on top, times in their zone.
"""

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNKNOWN
from homeassistant.core import HomeAssistant, State
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.track123.api import ParcelStatus
from custom_components.track123.const import CONF_KINDS
from custom_components.track123.events import EVENT_STATUS_CHANGED
from track123_simulator import SimulatorState

from .common import (
    advance,
    entity_id_of,
    setup_entry,
    shipment_entity_ids,
    shipment_unique_id,
    state_of,
)

NUMBER = "LV209031969CN"
STEP = timedelta(minutes=30)
PARCEL_ID = shipment_unique_id("parcel", NUMBER)


async def _walk(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    hours: int,
) -> list[tuple[str, str | None]]:
    """Poll every 30 minutes for ``hours``; return each (state, carrier) seen."""
    seen: list[tuple[str, str | None]] = []
    for _ in range(hours * 2):
        await advance(hass, freezer, sim_state, STEP)
        state = state_of(hass, entity_id_of(hass, PARCEL_ID))
        shown = (state.state, state.attributes.get("carrier_code"))
        if not seen or seen[-1] != shown:
            seen.append(shown)
    return seen


def _known_transitions(sim_state: SimulatorState) -> list[tuple[str, str]]:
    """Return the simulator's transitions of the parcel between statuses known here."""
    known = {status.value for status in ParcelStatus if status.name != "UNKNOWN"}
    statuses = [
        "INIT",
        *(
            change["to"]
            for change in sim_state.transitions()["transitions"]
            if change["number"] == NUMBER and change["to"] in known
        ),
    ]
    pairs = zip(statuses, statuses[1:], strict=False)
    return [(a.lower(), b.lower()) for a, b in pairs if a != b]


async def test_carrier_found_late_and_changed_keeps_one_sensor(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """No carrier at first, one found, then another: one entity, each change once."""
    sim_state.add_parcel(
        NUMBER, scenario="delivered", quirks=["late_carrier", "carrier_change"]
    )
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    await setup_entry(hass, mock_config_entry, **{CONF_KINDS: ["parcel"]})
    entity_id = entity_id_of(hass, PARCEL_ID)

    seen = await _walk(hass, freezer, sim_state, 48)

    carriers = [carrier for _, carrier in seen]
    assert carriers[0] is None
    assert len({carrier for carrier in carriers if carrier}) >= 2
    assert sim_state.transitions()["courierChanges"]
    assert shipment_entity_ids(hass) == {entity_id}
    assert entity_id_of(hass, PARCEL_ID) == entity_id
    fired = [(e.data["old_status"], e.data["new_status"]) for e in changed]
    assert fired == _known_transitions(sim_state)
    assert {e.data["entity_id"] for e in changed} == {entity_id}
    assert seen[-1][0] == "delivered"


async def _states_with(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    quirk: str,
) -> list[State]:
    """Follow a parcel with ``quirk`` for two days; return its state after each poll."""
    sim_state.add_parcel(
        NUMBER, courier_code="china-post", scenario="delivered", quirks=[quirk]
    )
    await setup_entry(hass, entry, **{CONF_KINDS: ["parcel"]})
    states = []
    for _ in range(96):
        await advance(hass, freezer, sim_state, STEP)
        states.append(state_of(hass, entity_id_of(hass, PARCEL_ID)))
    return states


async def test_unknown_sub_status_shows_its_family(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """IN_TRANSIT_11, unknown here, is shown as in transit with its raw code."""
    states = await _states_with(
        hass, mock_config_entry, freezer, sim_state, "unknown_sub_status"
    )

    coded = [s for s in states if s.attributes.get("sub_status_code") is not None]
    assert {s.attributes["sub_status_code"] for s in coded} == {"IN_TRANSIT_11"}
    assert {s.state for s in coded} == {"in_transit"}


async def test_unknown_status_shows_unknown_with_its_code(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """A status of no known family is "unknown", its code shown, no event fired."""
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    states = await _states_with(
        hass, mock_config_entry, freezer, sim_state, "unknown_status"
    )

    held = [s for s in states if s.attributes.get("status_code") == "CUSTOMS_HOLD"]
    assert held
    assert {s.state for s in held} == {STATE_UNKNOWN}
    fired = [(e.data["old_status"], e.data["new_status"]) for e in changed]
    assert fired == _known_transitions(sim_state)


@pytest.mark.parametrize("switches", ["local_times,odd_times", "local_times"])
async def test_newest_event_on_top_whatever_the_time_format(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    switches: str,
) -> None:
    """Odd, zone-less and missing times never put an older event on top."""
    sim_state.realism.apply(switches)
    parcel = sim_state.add_parcel(
        NUMBER, courier_code="china-post", scenario="delivered"
    )
    await setup_entry(hass, mock_config_entry, **{CONF_KINDS: ["parcel"]})

    for _ in range(96):
        await advance(hass, freezer, sim_state, STEP)
        state = state_of(hass, entity_id_of(hass, PARCEL_ID))
        visible = parcel.visible(sim_state.clock.now())
        if visible:
            assert state.attributes["last_event"] == visible[-1][1].detail
        (shipment,) = mock_config_entry.runtime_data.coordinator.data.values()
        history = shipment.full_attributes["events"]
        times = [e["time"] for e in history if "time" in e]
        assert times == sorted(times, reverse=True)


async def test_cargo_on_moved_paths(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """With v1 paths gone (C0113), ocean and air are read at v2.1 all the same."""
    sim_state.realism.apply("paths_v21,v21_only")
    sim_state.add_ocean("MSKU1234567", carrier_code="MAEU", scenario="delivered")
    sim_state.add_air("176-12345675", scenario="delivered")
    await setup_entry(hass, mock_config_entry)

    assert entity_id_of(hass, shipment_unique_id("ocean", "MSKU1234567"))
    assert entity_id_of(hass, shipment_unique_id("air", "176-12345675"))
    paths = mock_config_entry.runtime_data.client.endpoint_paths
    assert "v2.1" in paths["ocean_query"]
    assert "v2.1" in paths["air_query"]
