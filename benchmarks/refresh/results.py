"""The figures of a refresh, a set-up and a memory measurement, and their medians."""

from __future__ import annotations

from dataclasses import dataclass, field
import statistics
from typing import Any

# Goal 3: the integration's CPU in a refresh at most this many times what cannot be
# avoided (decoding Track123's answers + Home Assistant's entity machinery writing
# the same states).
UPDATE_GOAL_RATIO = 2.0
# Goal 4: the integration's own memory per shipment, in bytes.
MEMORY_GOAL_BYTES = 1.5 * 1024
# Origins of memory (memory.py) that are the integration's: its code, and the text
# decoded from Track123's answers that its models keep.
INTEGRATION_ORIGINS = ("integration", "json")


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
    # decode + entity floor: what reading the answers and writing the same states
    # through entities cost without the integration; and integration / that.
    unavoidable_ms: float | None = None
    integration_over_unavoidable: float | None = None
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

    @property
    def integration_per_shipment(self) -> float:
        """Bytes per shipment the integration keeps (its code and the answers' text)."""
        return sum(self.by_origin_per_shipment.get(o, 0.0) for o in INTEGRATION_ORIGINS)

    @property
    def homeassistant_per_shipment(self) -> float:
        """Bytes per shipment Home Assistant keeps (states, registries, entities)."""
        return self.by_origin_per_shipment.get("homeassistant", 0.0)

    @property
    def rest_per_shipment(self) -> float:
        """Bytes per shipment allocated elsewhere (the standard library, aiohttp)."""
        return (
            self.bytes_per_shipment
            - self.integration_per_shipment
            - self.homeassistant_per_shipment
        )


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
    unavoidable = decode + entity_floor if entity_floor is not None else None
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
        unavoidable_ms=unavoidable,
        integration_over_unavoidable=(
            integration / unavoidable if unavoidable else None
        ),
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
                "decode_ms": round(r.decode_ms, 2),
                "wall_s": round(r.wall_s, 3),
            }
            for r in rounds
        ],
    )
