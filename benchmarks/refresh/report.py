"""The tables printed at the end of a run, and the JSON file of every figure."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
import json
from pathlib import Path
import sys
from typing import Any

from .results import (
    MEMORY_GOAL_BYTES,
    UPDATE_GOAL_RATIO,
    MemoryResult,
    RefreshResult,
    SetupResult,
)

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
  unavoid.   decode + ent.fl: reading the answers and writing the changed states
             through entities, with no integration; int/un = integ / unavoid.
  memory     tracemalloc after set-up, per shipment: the integration's share (its
             code, and the answers' text its models keep), Home Assistant's
             (states, registries, entities) and the rest (standard library, aiohttp)
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
    print_update_goal(refreshes)
    if memory:
        print_memory(memory)


def _met(met: bool) -> str:
    return "met" if met else "NOT met"


def _heading(title: str, header: str) -> None:
    """Print a goal's table heading: its title, the columns and a rule."""
    print(f"\n{title}\n{header}\n{'-' * len(header)}")


def print_update_goal(refreshes: list[RefreshResult]) -> None:
    """Print, per changed case, the integration's CPU beside its floor and goal."""
    changed = [r for r in refreshes if r.unavoidable_ms is not None]
    if not changed:
        return
    _heading(
        f"Update: integration CPU <= {UPDATE_GOAL_RATIO:g} x (decode + entity floor)",
        f"{'N':>6} {'chg':>4} {'integ ms':>8} {'parse':>6} {'update':>6} "
        f"{'decode':>6} {'ent.fl':>6} {'unavoid':>7} {'int/un':>6} {'goal':>7}",
    )
    for r in changed:
        ratio = r.integration_over_unavoidable or 0.0
        print(
            f"{r.n:>6} {r.changed_percent:>3.0f}% {r.cpu_integration_ms:>8.1f} "
            f"{r.cpu_parse_ms:>6.1f} {r.cpu_update_ms:>6.1f} {r.decode_ms:>6.1f} "
            f"{r.entity_floor_cpu_ms or 0.0:>6.1f} {r.unavoidable_ms or 0.0:>7.1f} "
            f"{ratio:>6.2f} {_met(ratio <= UPDATE_GOAL_RATIO):>7}"
        )


def print_memory(memory: list[MemoryResult]) -> None:
    """Print memory per shipment: the integration's share beside Home Assistant's."""
    _heading(
        f"Memory per shipment: the integration's <= {MEMORY_GOAL_BYTES / 1024:g} KB",
        f"{'N':>6} {'total KB':>8} {'integ KB':>8} {'HA KB':>6} {'rest KB':>7} "
        f"{'goal':>7}  by origin (bytes/shipment)",
    )
    for m in memory:
        origins = ", ".join(f"{k} {v:.0f}" for k, v in m.by_origin_per_shipment.items())
        integration = m.integration_per_shipment
        print(
            f"{m.n:>6} {m.bytes_per_shipment / 1024:>8.2f} {integration / 1024:>8.2f} "
            f"{m.homeassistant_per_shipment / 1024:>6.2f} "
            f"{m.rest_per_shipment / 1024:>7.2f} "
            f"{_met(integration <= MEMORY_GOAL_BYTES):>7}  {origins}"
        )


def print_profiles(profiles: dict[str, str]) -> None:
    """Print the cProfile text of each profiled refresh."""
    for name, text in profiles.items():
        print(f"\n=== profile of the refresh {name} ===\n{text}")


def as_json(
    setups: list[SetupResult],
    refreshes: list[RefreshResult],
    memory: list[MemoryResult],
) -> dict[str, Any]:
    """Return every figure of the run, as written to the JSON file."""
    return {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "explanation": EXPLANATION,
        "refresh": [asdict(r) for r in refreshes],
        "setup": [asdict(s) for s in setups],
        "memory": [
            {
                **asdict(m),
                "integration_per_shipment": round(m.integration_per_shipment, 1),
                "homeassistant_per_shipment": round(m.homeassistant_per_shipment, 1),
                "rest_per_shipment": round(m.rest_per_shipment, 1),
            }
            for m in memory
        ],
        "goals": {
            "update_ratio": UPDATE_GOAL_RATIO,
            "memory_bytes_per_shipment": MEMORY_GOAL_BYTES,
        },
    }


def write_json(report: dict[str, Any], output: Path) -> None:
    """Write the report to ``output`` and say so."""
    output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {output}")
