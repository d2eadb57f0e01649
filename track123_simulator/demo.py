"""A demo account: shipments of every kind, back-dated so that every main status is on show."""

from __future__ import annotations

from datetime import timedelta
import random

from .state import SimulatorState
from .timelines import air_plan, ocean_plan, parcel_plan

# (kind, scenario, status to show now)
DEMO_SPECS: tuple[tuple[str, str, str], ...] = (
    ("parcel", "delivered", "INIT"),
    ("parcel", "no_record", "NO_RECORD"),
    ("parcel", "delivered", "INFO_RECEIVED"),
    ("ocean", "delivered", "IN_TRANSIT"),
    ("air", "delivered", "IN_TRANSIT"),
    ("parcel", "cross_border", "IN_TRANSIT"),
    ("parcel", "delivered", "WAITING_DELIVERY"),
    ("parcel", "delivery_failed", "DELIVERY_FAILED"),
    ("parcel", "customs_held", "ABNORMAL"),
    ("parcel", "delivered", "DELIVERED"),
    ("ocean", "delivered", "FINAL"),
    ("air", "delivered", "DELIVERED"),
    ("parcel", "expired", "EXPIRED"),
    ("ocean", "no_record", "NO_RECORD"),
    ("air", "exception", "EXCEPTION"),
    ("air", "delivered", "NOTIFIED"),
    ("parcel", "pickup_point", "WAITING_DELIVERY"),
    ("parcel", "cross_border", "DELIVERED"),
    ("ocean", "expired", "EXPIRED"),
    ("air", "delivered", "BOOKED"),
    ("parcel", "returned_to_sender", "ABNORMAL"),
    ("ocean", "multi_container", "IN_TRANSIT"),
    ("air", "delivered", "ARRIVED"),
    ("parcel", "lost", "ABNORMAL"),
)


def _age(kind: str, scenario: str, status: str) -> timedelta:
    """How long ago a shipment of ``scenario`` must have been added to show ``status`` now."""
    rng = random.Random(0)  # noqa: S311 - offsets only; jitter is at most 20 minutes
    if kind == "parcel":
        offsets = [
            s.offset for s in parcel_plan(scenario, rng).steps if s.status == status
        ]
    elif kind == "air":
        plan = air_plan(scenario, rng, "EK")
        offsets = [e.offset for e in plan.events if e.status == status] + [
            o for o, n in plan.markers if n == status
        ]
    else:
        ocean = ocean_plan(scenario, rng, "X", 3, "MSKU")
        events = ocean.containers[0][1]
        offsets = [o for o, n in ocean.markers if n == status]
        if status == "IN_TRANSIT" and events:
            offsets = [events[len(events) // 2].offset]
        if status == "FINAL" and events:
            offsets = [events[-1].offset]
    return offsets[0] + timedelta(minutes=30) if offsets else timedelta(0)


def _number(kind: str, index: int, rng: random.Random) -> str:
    if kind == "ocean":
        return f"{rng.choice(['MSKU', 'MSCU', 'CMAU', 'HLXU'])}{rng.randint(0, 9_999_999):07d}"
    if kind == "air":
        serial = rng.randint(0, 9_999_999)
        return f"{rng.choice(['176', '020', '160', '057'])}-{serial:07d}{serial % 7}"
    patterns = (
        lambda: f"1Z{rng.randint(0, 16**16 - 1):016X}",
        lambda: f"{rng.randint(10**11, 10**12 - 1)}",
        lambda: f"9400{rng.randint(0, 10**18 - 1):018d}",
        lambda: f"LV{rng.randint(10**8, 10**9 - 1)}CN",
    )
    return patterns[index % len(patterns)]()


def populate_demo(state: SimulatorState, count: int) -> list[str]:
    """Add ``count`` shipments (cycling through DEMO_SPECS) and return their numbers."""
    rng = random.Random(f"demo:{state.seed}")  # noqa: S311 - simulation data
    now = state.clock.now()
    numbers: list[str] = []
    for index in range(count):
        kind, scenario, status = DEMO_SPECS[index % len(DEMO_SPECS)]
        added = now - _age(kind, scenario, status)
        number = _number(kind, index, rng)
        if kind == "parcel" and number not in state.parcels:
            state.add_parcel(
                number, None, scenario, remark=f"demo {status.lower()}", added_at=added
            )
        elif kind == "ocean" and number not in state.ocean:
            state.add_ocean(number, 3, None, scenario, added_at=added)
        elif kind == "air" and number not in state.air:
            state.add_air(number, None, scenario, added_at=added)
        numbers.append(number)
    return numbers
