"""Air cargo scenarios: booking, acceptance, flights, arrival, notification, delivery."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
import random

from track123_simulator.places import AIRPORTS, Place


@dataclass(frozen=True, slots=True)
class Flight:
    """One flight leg."""

    flight_no: str
    origin: str
    destination: str
    departure: timedelta
    arrival: timedelta


@dataclass(frozen=True, slots=True)
class AirEventStep:
    """One air waybill event."""

    offset: timedelta
    status: str
    place: Place
    description: str
    flight_no: str = ""


@dataclass(frozen=True, slots=True)
class AirPlan:
    """The whole life of one air waybill."""

    scenario: str
    origin: str
    destination: str
    pieces: int
    weight: float
    flights: tuple[Flight, ...]
    events: tuple[AirEventStep, ...]
    markers: tuple[tuple[timedelta, str], ...] = ()


AIR_SCENARIOS: tuple[str, ...] = ("delivered", "exception", "no_record", "expired")

_HUBS = {
    "EK": "DXB",
    "LH": "FRA",
    "AF": "AMS",
    "KL": "AMS",
    "CX": "HKG",
    "CA": "PVG",
    "SQ": "HKG",
    "AA": "ORD",
}


def _h(hours: float) -> timedelta:
    return timedelta(hours=hours)


def air_plan(scenario: str, rng: random.Random, airline: str) -> AirPlan:
    """Build the plan of ``scenario`` for one air waybill carried by ``airline``."""
    if scenario not in AIR_SCENARIOS:
        raise ValueError(
            f"unknown air scenario {scenario!r}; known: {', '.join(AIR_SCENARIOS)}"
        )
    hub = _HUBS.get(airline, "DXB")
    origin = rng.choice([code for code in ("PVG", "HKG") if code != hub])
    dest = rng.choice([code for code in ("FRA", "AMS", "ORD", "JFK") if code != hub])
    pieces = rng.randint(1, 12)
    weight = round(rng.uniform(20, 900), 1)
    leg1, leg2 = (f"{airline}{rng.randint(100, 9999)}" for _ in range(2))
    flights = (
        Flight(leg1, origin, hub, _h(10), _h(18)),
        Flight(leg2, hub, dest, _h(22), _h(30)),
    )
    o, t, d = AIRPORTS[origin], AIRPORTS[hub], AIRPORTS[dest]
    events = [
        AirEventStep(_h(1), "BOOKED", o, f"Booked on flight {leg1}", leg1),
        AirEventStep(_h(6), "RECEIVED", o, "Received from shipper", leg1),
        AirEventStep(_h(10), "IN_TRANSIT", o, f"Departed on flight {leg1}", leg1),
        AirEventStep(_h(18), "ARRIVED", t, f"Arrived on flight {leg1}", leg1),
    ]
    markers: tuple[tuple[timedelta, str], ...] = ()
    if scenario == "delivered":
        events += [
            AirEventStep(_h(22), "IN_TRANSIT", t, f"Departed on flight {leg2}", leg2),
            AirEventStep(_h(30), "ARRIVED", d, f"Arrived on flight {leg2}", leg2),
            AirEventStep(_h(33), "NOTIFIED", d, "Consignee notified of arrival", leg2),
            AirEventStep(_h(40), "DELIVERED", d, "Delivered to consignee", leg2),
        ]
    elif scenario == "exception":
        events.append(
            AirEventStep(
                _h(24),
                "EXCEPTION",
                t,
                "Pieces missing at transfer, shipment offloaded",
                leg2,
            )
        )
    else:
        events = []
        markers = ((_h(2), "NO_RECORD"),)
        if scenario == "expired":
            markers += ((timedelta(days=30), "EXPIRED"),)
    return AirPlan(
        scenario, origin, dest, pieces, weight, flights, tuple(events), markers
    )
