"""Set-up and refreshes of the integration, measured against the simulator."""

from __future__ import annotations

from collections import Counter
import cProfile
import gc
import io
import pstats
import statistics
import time

from homeassistant.const import EVENT_HOMEASSISTANT_FINAL_WRITE
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers.entity_platform import MAX_ENABLED_ENTITIES_PER_CONFIG_ENTRY
from homeassistant.util.json import json_loads

from .floors import measure_entity_floor, measure_floor
from .home_assistant import StateChanges, home_assistant
from .internals import (
    OTHER_ENTITIES,
    Track123Coordinator,
    coordinator_of,
    setup_entry,
    shipment_entity_ids,
    timed_fetch,
)
from .results import RefreshResult, SetupResult, combine
from .scenario import ADVANCE, API_KEY, ROUNDS, requests_budget
from .simulator import SimulatorProcess, simulator
from .timing import Measure, measured


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
    try:
        with (
            timed_fetch(coordinator, fetch, transport) as bodies,
            changes.counting_attempts(),
            measured(profile) as total,
        ):
            await coordinator.async_refresh()
            await hass.async_block_till_done()
    finally:
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
        decode_ms=measure_decode(bodies),
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


async def run_size(
    n: int, fraction: float, profile: bool, rounds: int = ROUNDS
) -> tuple[SetupResult, list[RefreshResult], dict[str, str]]:
    """Set up the entry with n parcels; refresh unchanged, then with ``fraction`` changed."""
    profiles: dict[str, str] = {}
    async with simulator(n, fraction, rounds) as sim, home_assistant() as hass:
        setup_changes = StateChanges(hass)
        with measured() as setup:
            entry = await setup_entry(hass, sim.base_url, API_KEY)
        setup_changes.stop()
        # Write the registries now, not 10 s later in the middle of a measurement.
        hass.bus.async_fire(EVENT_HOMEASSISTANT_FINAL_WRITE)
        await hass.async_block_till_done()
        stats = await sim.stats()
        setup_result = SetupResult(
            n, setup.wall, setup.cpu, stats.requests, len(setup_changes.events)
        )
        coordinator = coordinator_of(entry)
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
