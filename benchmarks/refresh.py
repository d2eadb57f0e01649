"""Cost of the Track123 integration with many shipments, against the local simulator.

Run from the repository root::

    .venv/bin/python -m benchmarks.refresh                 # N = 100, 1 000, 10 000
    .venv/bin/python -m benchmarks.refresh --sizes 1000 --no-memory --profile

For every N it starts the simulator (``SimulatorServer`` on 127.0.0.1, 5 requests per
second per endpoint as on Track123) in a child process, so that the CPU time measured
here is Home Assistant's and the integration's only. The account holds N parcels; 5 %
of them are placed so that their next carrier event happens within the next hour of
simulated time, the others have no event for hours. Then, in one real Home Assistant
instance (``async_test_home_assistant`` of pytest-homeassistant-custom-component):

* set-up of the config entry (first refresh, N sensors added);
* a refresh with nothing changed (0 %);
* the simulator's clock moves one hour, and a refresh sees 5 % changed;
* the floor: ``hass.states.async_set`` of exactly the states the 5 % refresh changed
  (same entity count, same state and attributes), with no integration around it;
* in a second instance, with tracemalloc on, the memory the set-up keeps, per shipment.

Writes a table to stdout and everything to ``benchmarks/results.json``.
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
import contextlib
from contextlib import asynccontextmanager
import cProfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
import gc
import io
import json
import logging
import math
import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path
import pstats
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from typing import Any
from unittest.mock import Mock, patch

from homeassistant import loader
from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityCapabilityAttribute,
)
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_FRIENDLY_NAME,
    CONF_API_KEY,
    EVENT_HOMEASSISTANT_FINAL_WRITE,
    EVENT_STATE_CHANGED,
)
from homeassistant.core import (
    Event,
    EventStateChangedData,
    HomeAssistant,
    State,
    StateMachine,
)
from homeassistant.helpers import entity_registry as er, frame
from homeassistant.helpers.entity_platform import MAX_ENABLED_ENTITIES_PER_CONFIG_ENTRY
from homeassistant.util.json import json_loads
from pytest_homeassistant_custom_component.common import (  # type: ignore[import-untyped]
    MockConfigEntry,
    MockEntityPlatform,
    async_test_home_assistant,
)

from custom_components.track123.const import DOMAIN
from custom_components.track123.coordinator import Track123Coordinator
from track123_simulator import SimulatorServer, SimulatorState

API_KEY = "bench-key"
PAGE_SIZE = 100
# Other enabled entities of the entry: summary sensors and the calendar.
OTHER_ENTITIES = 12
RATE_LIMIT = 5
# How far the simulator's clock moves between the 0 % and the 5 % refresh.
ADVANCE = timedelta(hours=1)
# Refreshes measured per case (the median is reported): each round of the changed
# case advances the clock by ADVANCE and changes another ``fraction`` of the parcels.
ROUNDS = 3
SCENARIO = "delivered"
# The step of the "delivered" scenario that changed parcels reach during ADVANCE:
# "Arrived at local delivery facility" (in transit, sub-status 07) after "Departed
# sort facility" 12 h earlier. The status stays "in_transit", so the summary counts do
# not move and every state write is a shipment's own.
CHANGING_STEP = 4
DEFAULT_SIZES = (100, 1_000, 10_000)
CHANGED_FRACTION = 0.05
RESULTS = Path(__file__).with_name("results.json")


# Simulator, in a child process -------------------------------------------------------


def changing_indexes(n: int, fraction: float, rounds: int) -> dict[int, int]:
    """Map the parcels that change to their round: ``fraction`` of n per round.

    The changing parcels are spread evenly over the account (and so over its pages).
    """
    count = round(n * fraction) * rounds
    return {j * n // count: j % rounds for j in range(count)} if count else {}


def populate(
    state: SimulatorState, n: int, fraction: float, rounds: int = ROUNDS
) -> list[list[str]]:
    """Add n parcels; return, per round, the numbers of those that change in it.

    Each parcel's timeline is placed by its ``added_at``: a parcel changing in round r
    reaches its next step (r + 1/2) x ADVANCE from now; every other parcel sits
    half-way between two steps 12 hours apart, and does not change for 6 hours.
    """
    if rounds * ADVANCE > timedelta(hours=3):
        raise ValueError("at most 3 hours of changes keep transitDays stable")
    now = state.clock.now()
    changing = changing_indexes(n, fraction, rounds)
    numbers: list[list[str]] = [[] for _ in range(rounds)]
    for index in range(n):
        number = f"BENCH{index:09d}"
        parcel = state.add_parcel(number, courier_code="ups", scenario=SCENARIO)
        before, step = parcel.plan.steps[CHANGING_STEP - 1 : CHANGING_STEP + 1]
        if (round_ := changing.get(index)) is not None:
            parcel.added_at = now + ADVANCE * (round_ + 0.5) - step.offset
            numbers[round_].append(number)
        else:
            parcel.added_at = now - (before.offset + step.offset) / 2
    return numbers


@dataclass(frozen=True, slots=True)
class SimStats:
    """What the simulator saw so far."""

    requests: int
    rate_limited: int
    cpu: float
    per_endpoint: dict[str, int]


def _simulator_process(conn: Connection, n: int, fraction: float, rounds: int) -> None:
    """Child process: serve the simulator and answer commands on ``conn``."""
    asyncio.run(_serve_simulator(conn, n, fraction, rounds))


async def _serve_simulator(
    conn: Connection, n: int, fraction: float, rounds: int
) -> None:
    state = SimulatorState(
        api_keys={API_KEY},
        seed=1,
        start=datetime.now(UTC).replace(microsecond=0),
        rate_limit_per_second=RATE_LIMIT,
    )
    changing = populate(state, n, fraction, rounds)
    limited = 0
    allow = state.rate_limiter.allow

    def counting_allow(
        key: str, endpoint: str, limit: int, now: float | None = None
    ) -> bool:
        nonlocal limited
        allowed = allow(key, endpoint, limit, now)
        limited += not allowed
        return allowed

    state.rate_limiter.allow = counting_allow  # type: ignore[method-assign]
    loop = asyncio.get_running_loop()
    async with SimulatorServer(state, host="127.0.0.1", port=0) as server:
        conn.send((server.base_url, changing))
        while True:
            command, argument = await loop.run_in_executor(None, conn.recv)
            if command == "stop":
                conn.send(None)
                return
            if command == "advance":
                state.clock.advance(argument)
            conn.send(
                SimStats(
                    len(state.requests),
                    limited,
                    time.process_time(),
                    state.requests_per_endpoint(),
                )
            )


class SimulatorProcess:
    """The simulator running in a child process, so its CPU is not measured here."""

    def __init__(self, n: int, fraction: float, rounds: int = ROUNDS) -> None:
        """Prepare a simulator with n parcels, ``fraction`` of them about to change."""
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_simulator_process, args=(child, n, fraction, rounds), daemon=True
        )
        self.base_url = ""
        self.changing: list[list[str]] = []

    async def _call(self, command: str, argument: Any = None) -> Any:
        self._conn.send((command, argument))
        return await asyncio.to_thread(self._conn.recv)

    async def start(self) -> None:
        """Start the child and wait until it serves."""
        self._process.start()
        self.base_url, self.changing = await asyncio.to_thread(self._conn.recv)

    async def stats(self) -> SimStats:
        """Return the simulator's request count and CPU time."""
        result: SimStats = await self._call("stats")
        return result

    async def advance(self, delta: timedelta) -> None:
        """Move the simulated clock forward."""
        await self._call("advance", delta)

    async def stop(self) -> None:
        """Stop the child."""
        if self._process.is_alive():
            await self._call("stop")
        self._process.join(timeout=10)
        self._conn.close()


@asynccontextmanager
async def simulator(
    n: int, fraction: float, rounds: int = ROUNDS
) -> AsyncIterator[SimulatorProcess]:
    """Run a simulator process for the duration of the block."""
    sim = SimulatorProcess(n, fraction, rounds)
    await sim.start()
    try:
        yield sim
    finally:
        await sim.stop()


# Home Assistant ----------------------------------------------------------------------


@contextlib.contextmanager
def quiet_network() -> Iterator[None]:
    """Patch what pytest-homeassistant-custom-component patches for every test.

    The calendar platform needs the http integration; it is set up without binding a
    port, and the network integration sees one fixed adapter.
    """
    adapter = {
        "auto": True,
        "default": True,
        "enabled": True,
        "index": 0,
        "ipv4": [{"address": "10.10.10.10", "network_prefix": 24}],
        "ipv6": [],
        "name": "eth0",
    }
    with (
        patch(
            "homeassistant.components.network.util.ifaddr.get_adapters",
            return_value=[
                Mock(
                    nice_name="eth0",
                    ips=[Mock(is_IPv6=False, ip="10.10.10.10", network_prefix=24)],
                    index=0,
                )
            ],
        ),
        patch(
            "homeassistant.components.network.async_get_loaded_adapters",
            return_value=[adapter],
        ),
        patch(
            "homeassistant.components.network.util.async_get_source_ip",
            return_value="10.10.10.10",
        ),
        patch("homeassistant.components.http.HomeAssistantHTTP.async_bind"),
        patch("homeassistant.components.http.HomeAssistantHTTP.start"),
    ):
        yield


@asynccontextmanager
async def home_assistant() -> AsyncIterator[HomeAssistant]:
    """Run a real, in-process Home Assistant with a temporary config directory."""
    with tempfile.TemporaryDirectory() as config_dir, quiet_network():
        async with async_test_home_assistant(config_dir=config_dir) as hass:
            # Let the loader find custom_components/track123 (as the
            # enable_custom_integrations fixture does).
            hass.data.pop(loader.DATA_CUSTOM_COMPONENTS)
            frame.async_setup(hass)
            try:
                yield hass
            finally:
                await hass.async_stop(force=True)


async def setup_entry(hass: HomeAssistant, base_url: str) -> MockConfigEntry:
    """Add and set up a config entry for the simulator's account."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Track123",
        unique_id="benchmark",
        data={CONF_API_KEY: API_KEY, "base_url": base_url},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


class StateChanges:
    """Record state_changed events and write attempts while active."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Listen on ``hass``'s bus."""
        self.events: list[Event[EventStateChangedData]] = []
        self.attempts = 0
        self._unsub = hass.bus.async_listen(EVENT_STATE_CHANGED, self.events.append)

    @contextlib.contextmanager
    def counting_attempts(self) -> Iterator[None]:
        """Count calls of StateMachine.async_set_internal (writes, changed or not)."""
        original = StateMachine.async_set_internal

        def counting(machine: StateMachine, *args: Any, **kwargs: Any) -> None:
            self.attempts += 1
            original(machine, *args, **kwargs)

        with patch.object(StateMachine, "async_set_internal", counting):
            yield

    def stop(self) -> None:
        """Stop listening."""
        self._unsub()


@dataclass(slots=True)
class Measure:
    """Wall and CPU time of a block."""

    wall: float = 0.0
    cpu: float = 0.0
    system: float = 0.0


def _system_time() -> float:
    """Return the CPU time the kernel spent for this process (microsecond resolution)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime


@contextlib.contextmanager
def measured(profile: cProfile.Profile | None = None) -> Iterator[Measure]:
    """Measure wall and process CPU time of a block (garbage collected first)."""
    gc.collect()
    result = Measure()
    wall, cpu, system = time.perf_counter(), time.process_time(), _system_time()
    if profile:
        profile.enable()
    try:
        yield result
    finally:
        if profile:
            profile.disable()
        result.cpu = time.process_time() - cpu
        result.system = _system_time() - system
        result.wall = time.perf_counter() - wall


def timed(
    owner: object, method: str, into: Measure, results: list[Any] | None = None
) -> Callable[[], None]:
    """Add the CPU time spent in an async method of ``owner`` to ``into``.

    With ``results``, also collect what each call returned. Return what restores the
    method.
    """
    original = getattr(owner, method)

    async def measured_method(*args: Any) -> Any:
        cpu = time.process_time()
        try:
            result = await original(*args)
        finally:
            into.cpu += time.process_time() - cpu
        if results is not None:
            results.append(result)
        return result

    setattr(owner, method, measured_method)
    return lambda: delattr(owner, method)


# Results -----------------------------------------------------------------------------


@dataclass(slots=True)
class RefreshResult:
    """One refresh."""

    n: int
    changed_percent: float
    changed_expected: int
    requests: int
    requests_budget: int
    rate_limited: int
    wall_s: float
    cpu_ms: float
    cpu_fetch_ms: float
    cpu_transport_ms: float
    cpu_parse_ms: float
    cpu_integration_ms: float
    cpu_update_ms: float
    cpu_system_ms: float
    decode_ms: float
    simulator_cpu_ms: float
    state_changed: int
    state_changed_shipments: int
    write_attempts: int
    floor_cpu_ms: float | None = None
    floor_state_changed: int | None = None
    entity_floor_cpu_ms: float | None = None
    entity_floor_state_changed: int | None = None
    cpu_over_floor: float | None = None
    integration_over_floor: float | None = None
    update_over_floor: float | None = None
    decode_over_floor: float | None = None
    requests_per_endpoint: dict[str, int] = field(default_factory=dict)
    rounds: list[dict[str, Any]] = field(default_factory=list)
    other_changed: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SetupResult:
    """Setting up the config entry."""

    n: int
    wall_s: float
    cpu_s: float
    requests: int
    state_changed: int
    sensors: int = 0


@dataclass(slots=True)
class MemoryResult:
    """Memory kept after set-up, per shipment."""

    n: int
    total_bytes: int
    bytes_per_shipment: float
    by_origin_per_shipment: dict[str, float]


def combine(rounds: list[RefreshResult]) -> RefreshResult:
    """Return the median times and the worst counts of several rounds of a case."""
    first = rounds[0]

    def median(values: list[float | None]) -> float | None:
        known = [value for value in values if value is not None]
        return statistics.median(known) if known else None

    floor = median([r.floor_cpu_ms for r in rounds])
    entity_floor = median([r.entity_floor_cpu_ms for r in rounds])
    cpu = statistics.median(r.cpu_ms for r in rounds)
    integration = statistics.median(r.cpu_integration_ms for r in rounds)
    update = statistics.median(r.cpu_update_ms for r in rounds)
    decode = statistics.median(r.decode_ms for r in rounds)
    return RefreshResult(
        n=first.n,
        changed_percent=first.changed_percent,
        changed_expected=max(r.changed_expected for r in rounds),
        requests=max(r.requests for r in rounds),
        requests_budget=first.requests_budget,
        rate_limited=sum(r.rate_limited for r in rounds),
        wall_s=statistics.median(r.wall_s for r in rounds),
        cpu_ms=cpu,
        cpu_fetch_ms=statistics.median(r.cpu_fetch_ms for r in rounds),
        cpu_transport_ms=statistics.median(r.cpu_transport_ms for r in rounds),
        cpu_parse_ms=statistics.median(r.cpu_parse_ms for r in rounds),
        cpu_integration_ms=integration,
        cpu_update_ms=update,
        cpu_system_ms=statistics.median(r.cpu_system_ms for r in rounds),
        decode_ms=decode,
        simulator_cpu_ms=statistics.median(r.simulator_cpu_ms for r in rounds),
        state_changed=max(r.state_changed for r in rounds),
        state_changed_shipments=max(r.state_changed_shipments for r in rounds),
        write_attempts=max(r.write_attempts for r in rounds),
        floor_cpu_ms=floor,
        entity_floor_cpu_ms=entity_floor,
        entity_floor_state_changed=max(
            (
                r.entity_floor_state_changed
                for r in rounds
                if r.entity_floor_state_changed
            ),
            default=None,
        ),
        floor_state_changed=max(
            (r.floor_state_changed for r in rounds if r.floor_state_changed),
            default=None,
        ),
        cpu_over_floor=cpu / floor if floor else None,
        integration_over_floor=integration / floor if floor else None,
        update_over_floor=update / floor if floor else None,
        decode_over_floor=decode / floor if floor else None,
        requests_per_endpoint=first.requests_per_endpoint,
        other_changed=sorted({entity for r in rounds for entity in r.other_changed}),
        rounds=[
            {
                "requests": r.requests,
                "changed_expected": r.changed_expected,
                "state_changed_shipments": r.state_changed_shipments,
                "state_changed": r.state_changed,
                "cpu_ms": round(r.cpu_ms, 2),
                "cpu_fetch_ms": round(r.cpu_fetch_ms, 2),
                "cpu_transport_ms": round(r.cpu_transport_ms, 2),
                "cpu_integration_ms": round(r.cpu_integration_ms, 2),
                "floor_cpu_ms": r.floor_cpu_ms and round(r.floor_cpu_ms, 2),
                "entity_floor_cpu_ms": r.entity_floor_cpu_ms
                and round(r.entity_floor_cpu_ms, 2),
                "wall_s": round(r.wall_s, 3),
            }
            for r in rounds
        ],
    )


def requests_budget(n: int) -> int:
    """ceil(N / 100) parcel pages plus one request each for ocean and air (empty)."""
    return max(math.ceil(n / PAGE_SIZE), 1) + 2


# Measurements ------------------------------------------------------------------------


async def measure_refresh(
    hass: HomeAssistant,
    coordinator: Track123Coordinator,
    sim: SimulatorProcess,
    shipment_ids: set[str],
    *,
    n: int,
    changed_expected: int,
    fraction: float,
    profile: cProfile.Profile | None,
) -> tuple[RefreshResult, list[tuple[State, State]]]:
    """Refresh once; return the figures and the (old, new) states of shipments."""
    before = await sim.stats()
    changes = StateChanges(hass)
    fetch, transport = Measure(), Measure()
    exchanges: list[tuple[int, bytes, float | None]] = []
    # The coordinator's fetch: HTTP, JSON decoding, parsing.
    restore_fetch = timed(coordinator, "_async_fetch", fetch)
    # The client's HTTP exchanges: aiohttp and the kernel.
    restore_transport = timed(coordinator.client, "_exchange", transport, exchanges)
    try:
        with changes.counting_attempts(), measured(profile) as total:
            await coordinator.async_refresh()
            await hass.async_block_till_done()
    finally:
        restore_transport()
        restore_fetch()
        changes.stop()
    after = await sim.stats()
    shipment_events = [
        event for event in changes.events if event.data["entity_id"] in shipment_ids
    ]
    pairs = [
        (old, new)
        for event in shipment_events
        if (old := event.data["old_state"]) is not None
        and (new := event.data["new_state"]) is not None
    ]
    per_endpoint = Counter(after.per_endpoint)
    per_endpoint.subtract(before.per_endpoint)
    result = RefreshResult(
        n=n,
        changed_percent=fraction * 100,
        changed_expected=changed_expected,
        requests=after.requests - before.requests,
        requests_budget=requests_budget(n),
        rate_limited=after.rate_limited - before.rate_limited,
        wall_s=total.wall,
        cpu_ms=total.cpu * 1000,
        cpu_fetch_ms=fetch.cpu * 1000,
        cpu_transport_ms=transport.cpu * 1000,
        cpu_parse_ms=(fetch.cpu - transport.cpu) * 1000,
        cpu_integration_ms=(total.cpu - transport.cpu) * 1000,
        cpu_update_ms=(total.cpu - fetch.cpu) * 1000,
        cpu_system_ms=total.system * 1000,
        decode_ms=measure_decode([body for _, body, _ in exchanges]),
        simulator_cpu_ms=(after.cpu - before.cpu) * 1000,
        state_changed=len(changes.events),
        state_changed_shipments=len(shipment_events),
        write_attempts=changes.attempts,
        other_changed=sorted(
            {
                event.data["entity_id"]
                for event in changes.events
                if event.data["entity_id"] not in shipment_ids
            }
        ),
        requests_per_endpoint={k: v for k, v in per_endpoint.items() if v},
    )
    return result, pairs


def measure_decode(bodies: list[bytes], repeats: int = 5) -> float:
    """Median CPU (ms) of decoding every answer body once, and nothing else.

    The same decoder as the client's (Home Assistant's ``json_loads``, orjson), in a
    warm loop: a lower bound of what reading the answers costs any integration.
    """
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.process_time()
        for body in bodies:
            json_loads(body)
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


async def measure_rounds(
    hass: HomeAssistant, write: Callable[[int], None], repeats: int
) -> tuple[float, int]:
    """Return the median CPU (ms) of ``repeats`` rounds, and one round's state changes.

    A round is ``write(side)`` and ``hass.async_block_till_done()``; the side
    alternates between 1 (new states) and 0 (old states), so every round changes
    every entity.
    """
    times = []
    events = 0
    for repeat in range(repeats):
        changes = StateChanges(hass)
        with measured() as total:
            write((repeat + 1) % 2)
            await hass.async_block_till_done()
        changes.stop()
        events = len(changes.events)
        times.append(total.cpu * 1000)
    return statistics.median(times), events


async def measure_floor(
    hass: HomeAssistant, pairs: list[tuple[State, State]], repeats: int = 5
) -> tuple[float, int]:
    """CPU of writing the same state changes with hass.states.async_set alone.

    Returns the median CPU time (ms) of ``repeats`` rounds, and the state_changed events
    of one round. Rounds alternate between the old and new states so each one changes
    every entity.
    """
    if not pairs:
        return 0.0, 0
    ids = [f"sensor.benchmark_floor_{index}" for index in range(len(pairs))]
    rounds = [
        [(old.state, dict(old.attributes)) for old, _ in pairs],
        [(new.state, dict(new.attributes)) for _, new in pairs],
    ]

    def write(side: int) -> None:
        for entity_id, (state, attributes) in zip(ids, rounds[side], strict=True):
            hass.states.async_set(entity_id, state, attributes)

    write(0)
    await hass.async_block_till_done()
    result = await measure_rounds(hass, write, repeats)
    for entity_id in ids:
        hass.states.async_remove(entity_id)
    return result


class FloorSensor(SensorEntity):
    """A bare enum sensor that shows the state and attributes it is given."""

    _attr_should_poll = False
    _attr_device_class = SensorDeviceClass.ENUM

    def __init__(self, index: int, state: State) -> None:
        """Show ``state`` under an entity id of its own."""
        self.entity_id = f"sensor.benchmark_entity_floor_{index}"
        self._attr_name = state.attributes.get(ATTR_FRIENDLY_NAME)
        self._attr_options = state.attributes[SensorEntityCapabilityAttribute.OPTIONS]
        self.show(*self.shown(state))

    @staticmethod
    def shown(state: State) -> tuple[str, dict[str, Any]]:
        """Return the value and extra attributes that show ``state``."""
        attributes = dict(state.attributes)
        for own in (
            ATTR_FRIENDLY_NAME,
            ATTR_DEVICE_CLASS,
            SensorEntityCapabilityAttribute.OPTIONS,
        ):
            attributes.pop(own, None)
        return state.state, attributes

    def show(self, value: str, attributes: dict[str, Any]) -> None:
        """Take a value and extra attributes (written by async_write_ha_state)."""
        self._attr_native_value = value
        self._attr_extra_state_attributes = attributes


async def measure_entity_floor(
    hass: HomeAssistant, pairs: list[tuple[State, State]], repeats: int = 5
) -> tuple[float, int]:
    """CPU of bare sensor entities writing the same state changes.

    Home Assistant's entity machinery around each write (state and attributes
    computed from the entity's properties, then the state machine), with no
    integration: the same rounds as ``measure_floor``. Returns the median CPU time
    (ms) and the state_changed events of one round, with the state each entity shows
    the same as the shipment sensor's (checked).
    """
    if not pairs:
        return 0.0, 0
    platform = MockEntityPlatform(
        hass, domain="sensor", platform_name="benchmark_floor"
    )
    entities = [FloorSensor(index, old) for index, (old, _) in enumerate(pairs)]
    await platform.async_add_entities(entities)
    await hass.async_block_till_done()
    rounds = [
        [FloorSensor.shown(old) for old, _ in pairs],
        [FloorSensor.shown(new) for _, new in pairs],
    ]

    def write(side: int) -> None:
        for entity, (value, attributes) in zip(entities, rounds[side], strict=True):
            entity.show(value, attributes)
            entity.async_write_ha_state()

    result = await measure_rounds(hass, write, repeats)
    for entity, (old, new) in zip(entities, pairs, strict=True):
        written = hass.states.get(entity.entity_id)
        source = new if repeats % 2 else old
        assert written is not None
        assert (written.state, written.attributes) == (source.state, source.attributes)
    await platform.async_reset()
    return result


def shipment_entity_ids(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, str]:
    """Return the entity ids of the entry's shipment sensors, by tracking number."""
    return {
        registry_entry.unique_id.rsplit("_", 1)[-1]: registry_entry.entity_id
        for registry_entry in er.async_entries_for_config_entry(
            er.async_get(hass), entry.entry_id
        )
        if "_shipment_" in registry_entry.unique_id
    }


async def run_size(
    n: int, fraction: float, profile: bool, rounds: int = ROUNDS
) -> tuple[SetupResult, list[RefreshResult], dict[str, str]]:
    """Set up the entry with n parcels; refresh unchanged, then with ``fraction`` changed."""
    profiles: dict[str, str] = {}
    async with simulator(n, fraction, rounds) as sim, home_assistant() as hass:
        setup_changes = StateChanges(hass)
        with measured() as setup:
            entry = await setup_entry(hass, sim.base_url)
        setup_changes.stop()
        # Write the registries now, not 10 s later in the middle of a measurement.
        hass.bus.async_fire(EVENT_HOMEASSISTANT_FINAL_WRITE)
        await hass.async_block_till_done()
        stats = await sim.stats()
        setup_result = SetupResult(
            n, setup.wall, setup.cpu, stats.requests, len(setup_changes.events)
        )
        coordinator: Track123Coordinator = entry.runtime_data.coordinator
        sensors = shipment_entity_ids(hass, entry)
        # Home Assistant adds at most MAX_ENABLED_ENTITIES_PER_CONFIG_ENTRY enabled
        # entities per config entry: with 10 000 parcels some have no sensor.
        cap = MAX_ENABLED_ENTITIES_PER_CONFIG_ENTRY
        assert min(n, cap - OTHER_ENTITIES) <= len(sensors) <= min(n, cap)
        setup_result.sensors = len(sensors)
        ids = set(sensors.values())

        results = []
        for case_fraction in (0.0, fraction):
            case_rounds: list[RefreshResult] = []
            for round_ in range(rounds):
                if case_fraction:
                    await sim.advance(ADVANCE)
                profiler = cProfile.Profile() if profile and round_ == 0 else None
                result, pairs = await measure_refresh(
                    hass,
                    coordinator,
                    sim,
                    ids,
                    n=n,
                    changed_expected=(
                        sum(number in sensors for number in sim.changing[round_])
                        if case_fraction
                        else 0
                    ),
                    fraction=case_fraction,
                    profile=profiler,
                )
                if profiler is not None:
                    profiles[f"{n}@{case_fraction:.0%}"] = _profile_text(profiler)
                if pairs:
                    floor_ms, floor_events = await measure_floor(hass, pairs)
                    result.floor_cpu_ms = floor_ms
                    result.floor_state_changed = floor_events
                    entity_ms, entity_events = await measure_entity_floor(hass, pairs)
                    result.entity_floor_cpu_ms = entity_ms
                    result.entity_floor_state_changed = entity_events
                case_rounds.append(result)
            results.append(combine(case_rounds))
        assert await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
    return setup_result, results, profiles


def _profile_text(profiler: cProfile.Profile, limit: int = 45) -> str:
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(limit)
    return out.getvalue()


_ORIGINS = (
    ("integration", "custom_components/track123/"),
    # Home Assistant's json_loads (orjson), which the client decodes answers with.
    ("json", "homeassistant/util/json.py"),
    ("homeassistant", "homeassistant/"),
    ("json", "/json/"),
)


def _origin(filename: str) -> str:
    for name, marker in _ORIGINS:
        if marker in filename:
            return name
    return "other"


async def measure_memory(n: int) -> MemoryResult:
    """Memory allocated by setting up the entry and still held, per shipment.

    Everything the set-up keeps counts: the coordinator's shipments (parsed models),
    the sensor entities, their registry entries (with the JSON the registry keeps of
    each once written) and their states in the state machine. Allocations are
    grouped by the file that made them; strings decoded from the API's JSON and kept
    in the models count as "json".
    """
    async with simulator(n, 0.0) as sim, home_assistant() as hass:
        gc.collect()
        tracemalloc.start()
        try:
            entry = await setup_entry(hass, sim.base_url)
            await entry.runtime_data.coordinator.async_refresh()
            await hass.async_block_till_done()
            # The registries write their files some seconds after a change and then
            # keep each entry's JSON: measure that steady state at every N, not only
            # where the set-up outlasts the delay.
            hass.bus.async_fire(EVENT_HOMEASSISTANT_FINAL_WRITE)
            await hass.async_block_till_done()
            gc.collect()
            snapshot = tracemalloc.take_snapshot()
        finally:
            tracemalloc.stop()
        by_origin: Counter[str] = Counter()
        for stat in snapshot.statistics("filename"):
            by_origin[_origin(stat.traceback[0].filename)] += stat.size
        total = sum(by_origin.values())
        assert await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
    return MemoryResult(
        n=n,
        total_bytes=total,
        bytes_per_shipment=total / n,
        by_origin_per_shipment={
            name: round(size / n, 1) for name, size in by_origin.most_common()
        },
    )


# Report ------------------------------------------------------------------------------

EXPLANATION = """\
What is measured (simulator in a child process; its CPU is not in the CPU columns):
  requests   requests the simulator received during the refresh (sim_state.requests);
             budget = ceil(N/100) parcel pages + 1 ocean + 1 air query (both empty)
  429        requests the simulator refused for the rate limit (5/s per endpoint)
  wall       wall time of coordinator.async_refresh() + hass.async_block_till_done();
             dominated by the client pacing pages at 5/s
  CPU        time.process_time() of this process over the same block, split into:
    HTTP     the client's HTTP exchanges: aiohttp's request and response handling
             and the kernel's loopback TCP (Home Assistant's shared session; the
             integration decides only how many requests it makes)
    integ    the integration's update, everything else: "parse" (inside the
             coordinator's fetch: JSON decoding, change detection, parsing of the
             trackings that changed) + "update" (merge, status events, entity
             updates and Home Assistant's state writes)
  sys        the kernel's part of CPU (mostly loopback TCP to the simulator)
  decode     median CPU of decoding the refresh's answers once more with the same
             JSON decoder, and nothing else: what reading them costs at least
  writes     state_changed events (all / of shipment sensors) and write attempts
             (StateMachine.async_set_internal calls, changed or not)
  floor      median CPU of hass.states.async_set of the same changed states with the
             same attributes, no integration around it (+ async_block_till_done);
             int/fl = integ / floor, upd/fl = update / floor, dec/fl = decode / floor
  ent.fl     the same changes written by bare enum sensor entities (no integration):
             Home Assistant's entity machinery around each write, + the floor
"""


def print_report(
    setups: list[SetupResult],
    refreshes: list[RefreshResult],
    memory: list[MemoryResult],
) -> None:
    """Print the tables."""
    print(EXPLANATION)
    header = (
        f"{'N':>6} {'chg':>4} {'req':>4} {'budget':>6} {'429':>3} {'wall s':>7} "
        f"{'CPU ms':>7} {'HTTP':>6} {'integ':>6} {'parse':>6} {'update':>6} "
        f"{'sys':>5} {'writes':>9} {'attempts':>8} {'floor':>6} {'int/fl':>6} "
        f"{'upd/fl':>6} {'decode':>6} {'dec/fl':>6} {'ent.fl':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in refreshes:

        def ratio(value: float | None) -> str:
            return f"{value:6.1f}" if value else f"{'-':>6}"

        floor = f"{r.floor_cpu_ms:6.2f}" if r.floor_cpu_ms is not None else f"{'-':>6}"
        writes = f"{r.state_changed}/{r.state_changed_shipments}"
        print(
            f"{r.n:>6} {r.changed_percent:>3.0f}% {r.requests:>4} {r.requests_budget:>6} "
            f"{r.rate_limited:>3} {r.wall_s:>7.2f} {r.cpu_ms:>7.1f} "
            f"{r.cpu_transport_ms:>6.1f} {r.cpu_integration_ms:>6.1f} "
            f"{r.cpu_parse_ms:>6.1f} {r.cpu_update_ms:>6.1f} {r.cpu_system_ms:>5.1f} "
            f"{writes:>9} {r.write_attempts:>8} {floor} "
            f"{ratio(r.integration_over_floor)} {ratio(r.update_over_floor)} "
            f"{r.decode_ms:>6.1f} {ratio(r.decode_over_floor)} "
            f"{ratio(r.entity_floor_cpu_ms)}"
        )
    print()
    print(
        f"{'N':>6} {'setup wall s':>12} {'setup CPU s':>11} {'requests':>8} {'writes':>7} "
        f"{'sensors':>7}"
    )
    for s in setups:
        print(
            f"{s.n:>6} {s.wall_s:>12.2f} {s.cpu_s:>11.2f} {s.requests:>8} "
            f"{s.state_changed:>7} {s.sensors:>7}"
        )
    if memory:
        print()
        print(f"{'N':>6} {'KB/shipment':>11}  by origin (bytes/shipment)")
        for m in memory:
            origins = ", ".join(
                f"{k} {v:.0f}" for k, v in m.by_origin_per_shipment.items()
            )
            print(f"{m.n:>6} {m.bytes_per_shipment / 1024:>11.2f}  {origins}")


async def run(
    sizes: list[int], fraction: float, memory: bool, profile: bool, output: Path | None
) -> dict[str, Any]:
    """Run every measurement; print and return the results."""
    setups: list[SetupResult] = []
    refreshes: list[RefreshResult] = []
    memories: list[MemoryResult] = []
    profiles: dict[str, str] = {}
    for n in sizes:
        setup, results, texts = await run_size(n, fraction, profile)
        setups.append(setup)
        refreshes.extend(results)
        profiles.update(texts)
        if memory:
            memories.append(await measure_memory(n))
    print_report(setups, refreshes, memories)
    for name, text in profiles.items():
        print(f"\n=== profile of the refresh {name} ===\n{text}")
    report = {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "explanation": EXPLANATION,
        "refresh": [asdict(r) for r in refreshes],
        "setup": [asdict(s) for s in setups],
        "memory": [asdict(m) for m in memories],
    }
    if output is not None:
        output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {output}")
    return report


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.refresh")
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated numbers of parcels (default: 100,1000,10000)",
    )
    parser.add_argument(
        "--changed",
        type=float,
        default=CHANGED_FRACTION * 100,
        help="percent of shipments changed by the second refresh (default: 5)",
    )
    parser.add_argument("--no-memory", action="store_true", help="skip tracemalloc")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of each refresh"
    )
    parser.add_argument(
        "--output", type=Path, default=RESULTS, help="JSON file (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    asyncio.run(
        run(
            [int(size) for size in args.sizes.split(",")],
            args.changed / 100,
            not args.no_memory,
            args.profile,
            args.output,
        )
    )


if __name__ == "__main__":
    main()
