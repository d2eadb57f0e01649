"""Parcel scenarios: each a list of steps relative to the time the parcel was added."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
import random

from track123_simulator.places import (
    CN_EXPORT,
    CN_ORIGINS,
    US_DESTINATIONS,
    US_GATEWAY,
    US_HUBS,
    US_ORIGINS,
    Place,
)

# Who signs for a delivered parcel (``extraInfo.signedBy``).
SIGNERS: tuple[str, ...] = (
    "J. MILLER",
    "A. NGUYEN",
    "M. GARCIA",
    "S. PATEL",
    "K. JOHNSON",
    "L. SCHMIDT",
)


@dataclass(frozen=True, slots=True)
class ParcelStep:
    """A status change; with ``detail`` it is also a carrier event."""

    offset: timedelta
    status: str
    sub_status: str | None = None
    detail: str | None = None
    place: Place | None = None
    last_mile: bool = False


@dataclass(frozen=True, slots=True)
class ParcelPlan:
    """The whole life of one parcel."""

    scenario: str
    steps: tuple[ParcelStep, ...]
    ship_from: str
    ship_to: str
    last_mile_courier: str | None = None
    dest_offset: str = "+00:00"


@dataclass(frozen=True, slots=True)
class _Route:
    origin: Place
    hub: Place
    dest: Place


def _ev(
    hours: float, sub: str, detail: str, place: Place, *, last_mile: bool = False
) -> ParcelStep:
    status = sub.rsplit("_", 1)[0]
    return ParcelStep(timedelta(hours=hours), status, sub, detail, place, last_mile)


def _mark(hours: float, status: str) -> ParcelStep:
    return ParcelStep(timedelta(hours=hours), status)


def _domestic_start(r: _Route) -> list[ParcelStep]:
    return [
        _ev(
            1,
            "INFO_RECEIVED_01",
            "Shipping label created, carrier awaits item",
            r.origin,
        ),
        _ev(5, "IN_TRANSIT_01", "Picked up by carrier", r.origin),
        _ev(9, "IN_TRANSIT_02", "Arrived at sort facility", r.hub),
        _ev(14, "IN_TRANSIT_01", "Departed sort facility", r.hub),
        _ev(26, "IN_TRANSIT_07", "Arrived at local delivery facility", r.dest),
    ]


def _out_for_delivery(hours: float, r: _Route) -> ParcelStep:
    return _ev(hours, "WAITING_DELIVERY_01", "Out for delivery", r.dest)


def _delivered(r: _Route) -> list[ParcelStep]:
    return [
        *_domestic_start(r),
        _out_for_delivery(34, r),
        _ev(38, "DELIVERED_01", "Delivered, left at front door", r.dest),
    ]


def _pickup_point(r: _Route) -> list[ParcelStep]:
    return [
        *_domestic_start(r),
        _ev(
            34,
            "WAITING_DELIVERY_02",
            "Available for pickup at the access point",
            r.dest,
        ),
        _ev(
            58, "DELIVERED_02", "Picked up by the recipient at the access point", r.dest
        ),
    ]


def _failed_then_delivered(r: _Route) -> list[ParcelStep]:
    return [
        *_domestic_start(r),
        _out_for_delivery(34, r),
        _ev(
            38,
            "DELIVERY_FAILED_02",
            "Delivery attempted: recipient not at home",
            r.dest,
        ),
        _ev(
            40,
            "WAITING_DELIVERY_03",
            "Delivery rescheduled for the next business day",
            r.dest,
        ),
        _out_for_delivery(58, r),
        _ev(
            61,
            "DELIVERY_FAILED_03",
            "Delivery attempted: recipient could not be reached",
            r.dest,
        ),
        _ev(
            62, "WAITING_DELIVERY_03", "Notice left, second delivery scheduled", r.dest
        ),
        _out_for_delivery(82, r),
        _ev(85, "DELIVERED_04", "Delivered, left with a neighbour", r.dest),
    ]


def _delivery_failed(r: _Route) -> list[ParcelStep]:
    return [
        *_domestic_start(r),
        _out_for_delivery(34, r),
        _ev(
            38,
            "DELIVERY_FAILED_04",
            "Delivery not completed: delivery exception",
            r.dest,
        ),
    ]


def _returned_to_sender(r: _Route) -> list[ParcelStep]:
    return [
        *_domestic_start(r),
        _out_for_delivery(34, r),
        _ev(
            37,
            "DELIVERY_FAILED_01",
            "Delivery failed: address incomplete or incorrect",
            r.dest,
        ),
        _ev(60, "ABNORMAL_07", "Returning to sender: undeliverable address", r.dest),
        _ev(90, "IN_TRANSIT_02", "Return shipment arrived at sort facility", r.hub),
        _ev(120, "ABNORMAL_06", "Return received by the sender", r.origin),
    ]


def _refused(r: _Route) -> list[ParcelStep]:
    return [
        *_domestic_start(r),
        _out_for_delivery(34, r),
        _ev(36, "ABNORMAL_05", "Delivery refused by the recipient", r.dest),
        _ev(50, "ABNORMAL_07", "Returning to sender: refused by recipient", r.dest),
    ]


def _unclaimed(r: _Route) -> list[ParcelStep]:
    return [
        *_domestic_start(r),
        _ev(
            34, "WAITING_DELIVERY_02", "Available for pickup at the post office", r.dest
        ),
        _ev(
            34 + 24 * 10,
            "ABNORMAL_01",
            "Unclaimed: not collected within 10 days",
            r.dest,
        ),
    ]


def _lost(r: _Route) -> list[ParcelStep]:
    return [
        *_domestic_start(r)[:4],
        _ev(
            40, "ABNORMAL_08", "Shipment exception: delayed, under investigation", r.hub
        ),
        _ev(96, "ABNORMAL_03", "Package lost in transit, claim opened", r.hub),
    ]


def _cancelled(r: _Route) -> list[ParcelStep]:
    return [
        _ev(
            1,
            "INFO_RECEIVED_01",
            "Shipping label created, carrier awaits item",
            r.origin,
        ),
        _ev(30, "ABNORMAL_04", "Shipment cancelled by the sender", r.origin),
    ]


def _no_record(_: _Route) -> list[ParcelStep]:
    return [_mark(2, "NO_RECORD")]


def _expired(_: _Route) -> list[ParcelStep]:
    return [_mark(2, "NO_RECORD"), _mark(24 * 30, "EXPIRED")]


def _cross_border_start(r: _Route) -> list[ParcelStep]:
    return [
        _ev(
            2,
            "INFO_RECEIVED_01",
            "Order information received, awaiting pickup",
            r.origin,
        ),
        _ev(8, "IN_TRANSIT_01", "Parcel picked up by the carrier", r.origin),
        _ev(14, "IN_TRANSIT_02", "Arrived at the sorting center", r.origin),
        _ev(
            24,
            "IN_TRANSIT_04",
            "Dispatched: bag sealed and on its way to the airport",
            CN_EXPORT,
        ),
        _ev(36, "IN_TRANSIT_05", "Handed over to the airline", CN_EXPORT),
        _ev(44, "IN_TRANSIT_08", "Flight departed", CN_EXPORT),
        _ev(58, "IN_TRANSIT_06", "Arrived in the destination country", US_GATEWAY),
    ]


def _cross_border(r: _Route) -> list[ParcelStep]:
    return [
        *_cross_border_start(r),
        _ev(70, "IN_TRANSIT_03", "Customs clearance completed", US_GATEWAY),
        _ev(76, "IN_TRANSIT_01", "Handed over to the last-mile carrier", US_GATEWAY),
        _ev(84, "IN_TRANSIT_07", "Arrived at the post office", r.dest, last_mile=True),
        _ev(100, "WAITING_DELIVERY_01", "Out for delivery", r.dest, last_mile=True),
        _ev(
            104,
            "DELIVERED_03",
            "Delivered, signed by J. MILLER",
            r.dest,
            last_mile=True,
        ),
    ]


def _customs_held(r: _Route) -> list[ParcelStep]:
    return [
        *_cross_border_start(r),
        _ev(
            66,
            "ABNORMAL_02",
            "Held by customs: additional documents required",
            US_GATEWAY,
        ),
    ]


_Builder = Callable[[_Route], list[ParcelStep]]

_DOMESTIC: dict[str, _Builder] = {
    "delivered": _delivered,
    "pickup_point": _pickup_point,
    "failed_then_delivered": _failed_then_delivered,
    "delivery_failed": _delivery_failed,
    "returned_to_sender": _returned_to_sender,
    "refused": _refused,
    "unclaimed": _unclaimed,
    "lost": _lost,
    "cancelled": _cancelled,
    "no_record": _no_record,
    "expired": _expired,
}
_CROSS_BORDER: dict[str, _Builder] = {
    "cross_border": _cross_border,
    "customs_held": _customs_held,
}

PARCEL_SCENARIOS: tuple[str, ...] = (*_DOMESTIC, *_CROSS_BORDER)


def parcel_plan(scenario: str, rng: random.Random) -> ParcelPlan:
    """Build the plan of ``scenario``; times get a small deterministic jitter from ``rng``."""
    cross = scenario in _CROSS_BORDER
    builder = _CROSS_BORDER.get(scenario) or _DOMESTIC.get(scenario)
    if builder is None:
        raise ValueError(
            f"unknown parcel scenario {scenario!r}; known: {', '.join(PARCEL_SCENARIOS)}"
        )
    origins = CN_ORIGINS if cross else US_ORIGINS
    route = _Route(
        rng.choice(origins), rng.choice(US_HUBS), rng.choice(US_DESTINATIONS)
    )
    steps = tuple(
        ParcelStep(
            step.offset + timedelta(minutes=rng.randint(0, 20)),
            step.status,
            step.sub_status,
            step.detail,
            step.place,
            step.last_mile,
        )
        for step in builder(route)
    )
    return ParcelPlan(
        scenario=scenario,
        steps=steps,
        ship_from="CN" if cross else "US",
        ship_to="US",
        last_mile_courier="usps" if scenario == "cross_border" else None,
        dest_offset=route.dest.utc_offset,
    )
