"""Ocean scenarios: container events from empty pick-up (STUF) to gate-out at destination."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
import random

from track123_simulator.places import (
    OCEAN_PDE,
    OCEAN_POD,
    OCEAN_POL,
    OCEAN_POT,
    OCEAN_PRE,
    Place,
)


@dataclass(frozen=True, slots=True)
class OceanEventStep:
    """One container event; ``delivers`` marks the container as delivered."""

    offset: timedelta
    event_status: str
    location_type: str
    place: Place
    description: str
    vessel: str = ""
    voyage: str = ""
    delivers: bool = False


@dataclass(frozen=True, slots=True)
class OceanPlan:
    """The whole life of one ocean shipment."""

    scenario: str
    pre: Place
    pol: Place
    pot: Place
    pod: Place
    pde: Place
    eta_offset: timedelta
    containers: tuple[tuple[str, tuple[OceanEventStep, ...]], ...]
    markers: tuple[tuple[timedelta, str], ...] = ()


OCEAN_SCENARIOS: tuple[str, ...] = (
    "delivered",
    "multi_container",
    "customs_hold",
    "no_record",
    "expired",
)

_VESSELS = (
    "MAERSK EMDEN",
    "MSC GULSUN",
    "CMA CGM JACQUES SAADE",
    "EVER GIVEN",
    "COSCO UNIVERSE",
    "HMM ALGECIRAS",
)


def _d(days: float, hours: float = 0) -> timedelta:
    return timedelta(days=days, hours=hours)


def _full_route(
    plan_places: tuple[Place, ...], vessels: tuple[tuple[str, str], ...]
) -> list[OceanEventStep]:
    pre, pol, pot, pod, pde = plan_places
    (v1, voy1), (v2, voy2) = vessels
    return [
        OceanEventStep(
            _d(0, 3),
            "STUF",
            "PRE",
            pre,
            "Empty container released to shipper for stuffing",
        ),
        OceanEventStep(_d(1), "GTIN", "POL", pol, "Gate in full at port of loading"),
        OceanEventStep(_d(3), "LOAD", "POL", pol, "Loaded on vessel", v1, voy1),
        OceanEventStep(_d(3, 6), "DEPA", "POL", pol, "Vessel departed", v1, voy1),
        OceanEventStep(
            _d(10), "ARRI", "POT", pot, "Vessel arrived at transshipment port", v1, voy1
        ),
        OceanEventStep(
            _d(10, 8), "DISC", "POT", pot, "Discharged at transshipment port", v1, voy1
        ),
        OceanEventStep(_d(11), "UNKNOWN", "POT", pot, "Transshipment status update"),
        OceanEventStep(
            _d(12), "LOAD", "POT", pot, "Loaded on connecting vessel", v2, voy2
        ),
        OceanEventStep(_d(12, 6), "DEPA", "POT", pot, "Vessel departed", v2, voy2),
        OceanEventStep(
            _d(30), "ARRI", "POD", pod, "Vessel arrived at port of discharge", v2, voy2
        ),
        OceanEventStep(_d(30, 4), "BERT", "POD", pod, "Vessel berthed", v2, voy2),
        OceanEventStep(_d(31), "DISC", "POD", pod, "Discharged from vessel", v2, voy2),
        OceanEventStep(
            _d(31, 6), "HOLD", "POD", pod, "Container on hold: customs inspection"
        ),
        OceanEventStep(_d(33), "CUST", "POD", pod, "Customs released"),
        OceanEventStep(_d(33, 4), "RELS", "POD", pod, "Carrier released"),
        OceanEventStep(
            _d(34), "GTOT", "POD", pod, "Gate out full for on-carriage by rail"
        ),
        OceanEventStep(_d(35), "ARRI", "PDE", pde, "Arrived at place of delivery"),
        OceanEventStep(
            _d(35, 6),
            "GTOT",
            "PDE",
            pde,
            "Gate out: delivered to consignee",
            delivers=True,
        ),
        OceanEventStep(_d(38), "STRP", "PDE", pde, "Empty container returned"),
    ]


def _container_no(prefix: str, rng: random.Random) -> str:
    return f"{prefix or 'TGHU'}{rng.randint(0, 9_999_999):07d}"


def ocean_plan(
    scenario: str, rng: random.Random, number: str, number_type: int, prefix: str
) -> OceanPlan:
    """Build the plan of ``scenario`` for one ocean shipment."""
    if scenario not in OCEAN_SCENARIOS:
        raise ValueError(
            f"unknown ocean scenario {scenario!r}; known: {', '.join(OCEAN_SCENARIOS)}"
        )
    places = (
        rng.choice(OCEAN_PRE),
        rng.choice(OCEAN_POL),
        rng.choice(OCEAN_POT),
        rng.choice(OCEAN_POD),
        rng.choice(OCEAN_PDE),
    )
    first, second = rng.sample(_VESSELS, 2)
    vessels = (
        (first, f"{rng.randint(100, 999)}W"),
        (second, f"{rng.randint(100, 999)}E"),
    )
    route = _full_route(places, vessels)
    if scenario == "customs_hold":
        route = [step for step in route if step.offset <= _d(31, 6)]
    markers: tuple[tuple[timedelta, str], ...] = ()
    if scenario in {"no_record", "expired"}:
        route = []
        markers = ((_d(0, 2), "NO_RECORD"),)
        if scenario == "expired":
            markers += ((_d(30), "EXPIRED"),)
    first_no = number if number_type == 3 else _container_no(prefix, rng)
    containers = [(first_no, tuple(route))]
    if scenario == "multi_container":
        late = tuple(
            OceanEventStep(
                s.offset + _d(0, 5),
                s.event_status,
                s.location_type,
                s.place,
                s.description,
                s.vessel,
                s.voyage,
                s.delivers,
            )
            for s in route
        )
        containers.append((_container_no(prefix, rng), late))
    return OceanPlan(
        scenario=scenario,
        pre=places[0],
        pol=places[1],
        pot=places[2],
        pod=places[3],
        pde=places[4],
        eta_offset=_d(30),
        containers=tuple(containers),
        markers=markers,
    )
