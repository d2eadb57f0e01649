"""Shipment quirks: undocumented statuses and late or changing couriers.

Chosen once per shipment when it is added (seeded by number, so tests can find them, or
named explicitly through ``add_*(quirks=...)`` and the control route), and written into
its timeline, so polls, webhook pushes and the ground truth all agree on them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from .couriers import PARCEL_COURIERS, detect_parcel_couriers
from .realism import Realism, pick, roll
from .timelines.air import AirEventStep, AirPlan
from .timelines.ocean import OceanEventStep, OceanPlan
from .timelines.parcel import ParcelPlan, ParcelStep

UNKNOWN_SUB_STATUS = "IN_TRANSIT_11"
UNKNOWN_STATUS = "CUSTOMS_HOLD"
UNKNOWN_TRACKING_STATUS = "007"
UNKNOWN_SEARCH_STATUS = "PENDING"
UNKNOWN_OCEAN_EVENT = "TSHP"
UNKNOWN_AVIATION_STATUS = "MANIFESTED"

QUIRKS: dict[str, tuple[str, ...]] = {
    "parcel": (
        "unknown_sub_status",
        "unknown_status",
        "unknown_tracking_status",
        "late_carrier",
        "carrier_change",
    ),
    "ocean": ("unknown_search_status", "unknown_event_status"),
    "air": ("unknown_aviation_status",),
}
# (quirk, share of the shipments) per kind, drawn from one roll: the bands do not overlap.
_UNKNOWN_BANDS: dict[str, tuple[tuple[str, float], ...]] = {
    "parcel": (
        ("unknown_sub_status", 0.12),
        ("unknown_status", 0.10),
        ("unknown_tracking_status", 0.08),
    ),
    "ocean": (("unknown_search_status", 0.2), ("unknown_event_status", 0.2)),
    "air": (("unknown_aviation_status", 0.3),),
}
_CARRIER_CHANGE_SHARE = 0.3


def check_quirks(kind: str, quirks: frozenset[str]) -> None:
    """Raise ValueError for a quirk ``kind`` does not have."""
    unknown = sorted(quirks - set(QUIRKS[kind]))
    if unknown:
        raise ValueError(
            f"unknown {kind} quirk {', '.join(unknown)}; known: {', '.join(QUIRKS[kind])}"
        )


def chosen_quirks(
    kind: str, realism: Realism, seed: int, number: str, *, courier_given: bool = True
) -> frozenset[str]:
    """Return the quirks the realism switches give a new shipment (seeded by its number)."""
    chosen: set[str] = set()
    if realism.unknown_codes:
        chance = roll(seed, "quirk", kind, number)
        for quirk, share in _UNKNOWN_BANDS[kind]:
            if chance < share:
                chosen.add(quirk)
                break
            chance -= share
    if realism.late_carrier and kind == "parcel" and not courier_given:
        chosen.add("late_carrier")
        if roll(seed, "carrier-change", number) < _CARRIER_CHANGE_SHARE:
            chosen.add("carrier_change")
    return frozenset(chosen)


def parcel_with_quirks(plan: ParcelPlan, quirks: frozenset[str]) -> ParcelPlan:
    """``plan`` with an undocumented sub-status or status written in, as ``quirks`` ask."""
    steps = list(plan.steps)
    moving = [i for i, step in enumerate(steps) if step.status == "IN_TRANSIT"]
    if "unknown_sub_status" in quirks and moving:
        index = moving[min(1, len(moving) - 1)]
        steps[index] = replace(steps[index], sub_status=UNKNOWN_SUB_STATUS)
    dated = [i for i, step in enumerate(steps) if step.detail is not None]
    if "unknown_status" in quirks and len(dated) >= 2:
        before, after = steps[dated[1]], steps[dated[2] if len(dated) > 2 else dated[1]]
        hold = ParcelStep(
            before.offset + (after.offset - before.offset) / 2
            if after is not before
            else before.offset + timedelta(hours=1),
            UNKNOWN_STATUS,
            f"{UNKNOWN_STATUS}_01",
            "Held for inspection by the customs authority",
            before.place,
            before.last_mile,
        )
        steps.insert(dated[1] + 1, hold)
    return replace(plan, steps=tuple(steps))


def ocean_with_quirks(plan: OceanPlan, quirks: frozenset[str]) -> OceanPlan:
    """``plan`` with an undocumented searchStatus or event status written in."""
    if "unknown_search_status" in quirks:
        plan = replace(
            plan,
            markers=((timedelta(minutes=30), UNKNOWN_SEARCH_STATUS), *plan.markers),
        )
    if "unknown_event_status" in quirks:
        containers = []
        for number, steps in plan.containers:
            if steps:
                middle = steps[len(steps) // 2]
                extra = OceanEventStep(
                    middle.offset + timedelta(hours=1),
                    UNKNOWN_OCEAN_EVENT,
                    middle.location_type,
                    middle.place,
                    "Transshipment planned on a connecting vessel",
                    middle.vessel,
                    middle.voyage,
                )
                at = len(steps) // 2 + 1
                steps = (*steps[:at], extra, *steps[at:])
            containers.append((number, steps))
        plan = replace(plan, containers=tuple(containers))
    return plan


def air_with_quirks(plan: AirPlan, quirks: frozenset[str]) -> AirPlan:
    """``plan`` with an undocumented aviationStatus (and event status) written in."""
    if "unknown_aviation_status" not in quirks or len(plan.events) < 3:
        return plan
    received = plan.events[1]
    manifested = AirEventStep(
        received.offset + timedelta(hours=2),
        UNKNOWN_AVIATION_STATUS,
        received.place,
        f"Manifested on flight {received.flight_no}",
        received.flight_no,
    )
    return replace(plan, events=(*plan.events[:2], manifested, *plan.events[2:]))


def courier_schedule(
    seed: int,
    number: str,
    added_at: datetime,
    detected: str,
    quirks: frozenset[str],
) -> tuple[tuple[datetime, str], ...]:
    """When each courier shows: late detection, and a later change, as ``quirks`` ask."""
    if "late_carrier" not in quirks:
        return ((added_at, detected),)
    found_after = timedelta(hours=1 + 5 * roll(seed, "detect-after", number))
    schedule = [(added_at + found_after, detected)]
    if "carrier_change" in quirks:
        others = [c.code for c in detect_parcel_couriers(number) if c.code != detected]
        other = (
            others[0]
            if others
            else pick(
                tuple(sorted(set(PARCEL_COURIERS) - {detected})),
                seed,
                "other-courier",
                number,
            )
        )
        change_after = timedelta(hours=24 + 24 * roll(seed, "change-after", number))
        schedule.append((added_at + change_after, other))
    return tuple(schedule)
