"""What every browser tab and phone app loads on connecting: the states' JSON.

N parcels with ``EVENTS_EACH`` carrier events each are set up against an in-process
simulator (no CPU is measured here, only bytes). The figure is the part of the
websocket ``get_states`` answer that the shipment sensors make up (each state's
``as_dict_json``, as Home Assistant sends it), beside the floor: as many bare enum
sensors (the benchmark's ``FloorSensor``) showing the same states, options and
names, and no other attribute.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from itertools import cycle, islice

from homeassistant.core import HomeAssistant, State
from pytest_homeassistant_custom_component.common import MockEntityPlatform  # type: ignore[import-untyped]

from track123_simulator import SimulatorServer, SimulatorState

from .floors import FloorSensor
from .home_assistant import home_assistant
from .internals import history_lengths, setup_entry, shipment_entity_ids
from .scenario import API_KEY, SCENARIO, unlimited_account

EVENTS_EACH = 100
PAYLOAD_SIZE = 100
# The goals: the N sensors' states at most 1.5 x the floor's; each sensor's
# attributes at most 4 KB of JSON.
PAYLOAD_GOAL = 1.5
ATTRIBUTES_GOAL = 4096


@dataclass(frozen=True, slots=True)
class PayloadResult:
    """The get_states bytes of N shipment sensors and of N bare sensors."""

    n: int
    events_each: int
    fewest_events: int
    sensors: int
    payload_bytes: int
    floor_bytes: int
    largest_attributes_bytes: int
    other_entities: int
    other_bytes: int

    @property
    def ratio(self) -> float:
        """Return the shipment sensors' bytes over the floor's."""
        return self.payload_bytes / self.floor_bytes


def get_states_bytes(states: list[State]) -> int:
    """Return the length of a get_states answer's list holding ``states``."""
    if not states:
        return 2
    return 1 + sum(len(state.as_dict_json) + 1 for state in states)


def attributes_bytes(state: State) -> int:
    """Return the JSON length of a state's attributes."""
    return len(state.as_dict_json) - len(
        State(
            state.entity_id,
            state.state,
            {},
            state.last_changed,
            state.last_reported,
            state.last_updated,
            state.context,
        ).as_dict_json
    )


def populate_long_histories(state: SimulatorState, n: int, events: int) -> None:
    """Add n parcels in transit, each with ``events`` carrier events so far."""
    now = state.clock.now()
    for index in range(n):
        parcel = state.add_parcel(
            f"LONG{index:09d}", courier_code="ups", scenario=SCENARIO
        )
        scans = [
            step
            for step in parcel.plan.steps
            if step.detail is not None and step.status == "IN_TRANSIT"
        ]
        first = parcel.plan.steps[0]
        steps = [first, *islice(cycle(scans), events - 1)]
        parcel.plan = replace(
            parcel.plan,
            steps=tuple(
                replace(step, offset=timedelta(hours=hour))
                for hour, step in enumerate(steps)
            ),
        )
        parcel.added_at = now - timedelta(hours=events)


async def floor_bytes(hass: HomeAssistant, shown: list[State]) -> int:
    """Return the get_states bytes of bare enum sensors showing the same states."""
    platform = MockEntityPlatform(hass, domain="sensor", platform_name="payload_floor")
    entities = []
    for index, state in enumerate(shown):
        entity = FloorSensor(index, state)
        entity.show(state.state, {})
        entities.append(entity)
    await platform.async_add_entities(entities)
    await hass.async_block_till_done()
    floor = [hass.states.get(entity.entity_id) for entity in entities]
    written = [state for state in floor if state is not None]
    assert [state.state for state in written] == [state.state for state in shown]
    size = get_states_bytes(written)
    await platform.async_reset()
    return size


async def measure_payload(
    n: int = PAYLOAD_SIZE, events: int = EVENTS_EACH
) -> PayloadResult:
    """Set up n parcels with long histories; return their states' bytes and the floor's."""
    sim_state = unlimited_account()
    populate_long_histories(sim_state, n, events)
    async with (
        SimulatorServer(sim_state, host="127.0.0.1", port=0) as server,
        home_assistant() as hass,
    ):
        entry = await setup_entry(hass, server.base_url, API_KEY)
        ids = set(shipment_entity_ids(hass, entry).values())
        states = hass.states.async_all()
        shown = [state for state in states if state.entity_id in ids]
        others = [state for state in states if state.entity_id not in ids]
        result = PayloadResult(
            n=n,
            events_each=events,
            fewest_events=min(await history_lengths(entry), default=0),
            sensors=len(shown),
            payload_bytes=get_states_bytes(shown),
            floor_bytes=await floor_bytes(hass, shown),
            largest_attributes_bytes=max(map(attributes_bytes, shown), default=0),
            other_entities=len(others),
            other_bytes=get_states_bytes(others),
        )
        assert await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
    return result


def print_payload(result: PayloadResult) -> None:
    """Print the payload figures beside their floor and goal."""
    print(
        f"\nStates on connecting (get_states), N = {result.n} parcels with "
        f"{result.events_each} events each (fewest in a history: "
        f"{result.fewest_events})"
    )
    print(
        f"  shipment sensors: {result.payload_bytes:,} B "
        f"({result.payload_bytes / result.sensors:,.0f} B each)"
    )
    print(
        f"  floor, bare enum sensors: {result.floor_bytes:,} B "
        f"({result.floor_bytes / result.sensors:,.0f} B each)"
    )
    print(f"  ratio: {result.ratio:.2f}x (goal <= {PAYLOAD_GOAL}x)")
    print(
        f"  largest sensor's attributes: {result.largest_attributes_bytes:,} B "
        f"(goal <= {ATTRIBUTES_GOAL:,} B)"
    )
    print(
        f"  the entry's {result.other_entities} other entities: "
        f"{result.other_bytes:,} B (not in the ratio)"
    )
