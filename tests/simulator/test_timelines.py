"""Timelines: statuses follow the latest visible event as the simulated clock advances."""

from __future__ import annotations

from datetime import timedelta

import pytest

from track123_simulator import (
    AIR_SCENARIOS,
    OCEAN_SCENARIOS,
    PARCEL_SCENARIOS,
    SimulatorState,
)
from track123_simulator.payloads import air_payload, ocean_payload, parcel_payload
from track123_simulator.timelines import parcel_plan, rng_for

from .conftest import PARCEL_STATUSES as ALL_STATUSES, Api

ALL_SUB_STATUSES = (
    {"INFO_RECEIVED_01"}
    | {f"IN_TRANSIT_0{i}" for i in range(1, 9)}
    | {f"WAITING_DELIVERY_0{i}" for i in range(1, 4)}
    | {f"DELIVERED_0{i}" for i in range(1, 5)}
    | {f"DELIVERY_FAILED_0{i}" for i in range(1, 5)}
    | {f"ABNORMAL_0{i}" for i in range(1, 9)}
)
FINAL_STATUS = {
    "delivered": "DELIVERED_01",
    "pickup_point": "DELIVERED_02",
    "failed_then_delivered": "DELIVERED_04",
    "delivery_failed": "DELIVERY_FAILED_04",
    "returned_to_sender": "ABNORMAL_06",
    "refused": "ABNORMAL_07",
    "unclaimed": "ABNORMAL_01",
    "lost": "ABNORMAL_03",
    "cancelled": "ABNORMAL_04",
    "customs_held": "ABNORMAL_02",
    "cross_border": "DELIVERED_03",
    "no_record": None,
    "expired": None,
}


def _walk(
    state: SimulatorState, number: str, days: int
) -> list[tuple[str, str | None]]:
    """Statuses seen hour by hour over ``days``."""
    shipment = state.parcels[number]
    seen = []
    for _ in range(days * 24):
        state.clock.advance(timedelta(hours=1))
        seen.append(shipment.status(state.clock.now()))
    return seen


def test_every_status_and_sub_status_is_reachable(sim_state: SimulatorState) -> None:
    """Together the scenarios pass through every status and sub-status of the seed."""
    statuses, subs = set(), set()
    numbers = []
    for index, scenario in enumerate(PARCEL_SCENARIOS):
        numbers.append(f"P{index}")
        sim_state.add_parcel(numbers[-1], courier_code="ups", scenario=scenario)
    for _ in range(40 * 24):
        for number in numbers:
            status, sub = sim_state.parcels[number].status(sim_state.clock.now())
            statuses.add(status)
            subs.add(sub)
        sim_state.clock.advance(timedelta(hours=1))
    assert statuses == ALL_STATUSES
    assert subs - {None} == ALL_SUB_STATUSES
    assert set(FINAL_STATUS) == set(PARCEL_SCENARIOS)


@pytest.mark.parametrize("scenario", PARCEL_SCENARIOS)
def test_scenario_ends_in_its_final_status(
    sim_state: SimulatorState, scenario: str
) -> None:
    """Each scenario starts at INIT and ends where it should; events are never in the future."""
    shipment = sim_state.add_parcel(
        "1Z999AA10123456784", courier_code="ups", scenario=scenario
    )
    assert shipment.status(sim_state.clock.now()) == ("INIT", None)
    seen = _walk(sim_state, "1Z999AA10123456784", 35)
    final = seen[-1]
    if FINAL_STATUS[scenario] is None:
        assert final[0] == ("NO_RECORD" if scenario == "no_record" else "EXPIRED")
    else:
        assert final[1] == FINAL_STATUS[scenario]
    item = parcel_payload(shipment, sim_state.clock.now())
    now_z = sim_state.clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    assert all(
        e["eventTimeZeroUTC"] <= now_z
        for e in item["localLogisticsInfo"]["trackingDetails"]
    )
    assert item["transitStatus"] == final[0]


def test_no_record_and_expired_tracking_status(sim_state: SimulatorState) -> None:
    """Numbers without data report trackingStatus 002 and go EXPIRED after 30 days."""
    shipment = sim_state.add_parcel("EXP1", scenario="expired")
    sim_state.clock.advance(timedelta(hours=3))
    item = parcel_payload(shipment, sim_state.clock.now())
    assert (item["transitStatus"], item["trackingStatus"]) == ("NO_RECORD", "002")
    sim_state.clock.advance(timedelta(days=30))
    assert parcel_payload(shipment, sim_state.clock.now())["transitStatus"] == "EXPIRED"


def test_default_scenario_is_deterministic() -> None:
    """Without a scenario, (seed, number) decides the timeline."""
    first = SimulatorState(seed=7).add_parcel("1Z999AA10123456784")
    again = SimulatorState(seed=7).add_parcel("1Z999AA10123456784")
    assert first.plan == again.plan
    assert first.courier_code == "ups"
    assert parcel_plan("delivered", rng_for(1, "parcel", "X")) == parcel_plan(
        "delivered", rng_for(1, "parcel", "X")
    )
    picked = {
        SimulatorState(seed=seed).add_parcel("LV209031969CN").plan.scenario
        for seed in range(60)
    }
    assert len(picked) > 5


async def test_status_moves_over_http_as_clock_advances(
    api: Api, sim_state: SimulatorState
) -> None:
    """The query answer changes as the control route advances the clock."""
    sim_state.add_parcel("1Z999AA10123456784", courier_code="ups", scenario="delivered")
    seen = []
    for _ in range(5):
        item = (
            await api.post("tk/v2.1/track/query", {"trackNos": ["1Z999AA10123456784"]})
        ).json()["data"]["accepted"]["content"][0]
        seen.append(item["transitStatus"])
        assert (
            await api.control("POST", "clock/advance", {"seconds": 12 * 3600})
        ).status == 200
        sim_state.rate_limiter.reset()
    assert seen[0] == "INIT"
    assert "IN_TRANSIT" in seen
    assert seen[-1] == "DELIVERED"


def test_ocean_delivered_covers_every_event_and_location(
    sim_state: SimulatorState,
) -> None:
    """The delivered ocean scenario goes INIT -> IN_TRANSIT -> FINAL through every eventStatus and locationType."""
    shipment = sim_state.add_ocean(
        "MSKU1234567", number_type=3, carrier_code="MAEU", scenario="delivered"
    )
    assert ocean_payload(shipment, sim_state.clock.now())["searchStatus"] == "INIT"
    sim_state.clock.advance(timedelta(days=5))
    item = ocean_payload(shipment, sim_state.clock.now())
    assert item["searchStatus"] == "IN_TRANSIT"
    assert item["containers"][0]["transitStatus"] == "IN_TRANSIT"
    assert item["pol"]["unlocode"] and item["pod"]["unlocode"] and item["eta"]
    sim_state.clock.advance(timedelta(days=40))
    item = ocean_payload(shipment, sim_state.clock.now())
    assert item["searchStatus"] == "FINAL"
    container = item["containers"][0]
    assert container["containerNo"] == "MSKU1234567"
    assert container["transitStatus"] == "DELIVERED"
    events = container["events"]
    assert {e["eventStatus"] for e in events} == {
        "STUF",
        "STRP",
        "LOAD",
        "DISC",
        "GTOT",
        "GTIN",
        "DEPA",
        "ARRI",
        "BERT",
        "HOLD",
        "CUST",
        "RELS",
        "UNKNOWN",
    }
    assert {e["locationType"] for e in events} == {"PRE", "POL", "POT", "POD", "PDE"}


@pytest.mark.parametrize(
    ("scenario", "final"),
    [
        ("no_record", "NO_RECORD"),
        ("expired", "EXPIRED"),
        ("customs_hold", "IN_TRANSIT"),
        ("multi_container", "FINAL"),
    ],
)
def test_ocean_other_scenarios(
    sim_state: SimulatorState, scenario: str, final: str
) -> None:
    """Other ocean scenarios end in their search status."""
    shipment = sim_state.add_ocean(
        "BOOK123", number_type=1, carrier_code="MSCU", scenario=scenario
    )
    sim_state.clock.advance(timedelta(days=45))
    item = ocean_payload(shipment, sim_state.clock.now())
    assert item["searchStatus"] == final
    if scenario == "multi_container":
        assert len(item["containers"]) == 2
    assert set(OCEAN_SCENARIOS) >= {scenario}


def test_air_paths(sim_state: SimulatorState) -> None:
    """Air waybills go BOOKED -> ... -> DELIVERED, or end in EXCEPTION / NO_RECORD / EXPIRED."""
    shipment = sim_state.add_air("176-12345675", scenario="delivered")
    seen = []
    for _ in range(48):
        seen.append(shipment.status(sim_state.clock.now()))
        sim_state.clock.advance(timedelta(hours=1))
    ordered = list(dict.fromkeys(seen))
    assert ordered == [
        "INIT",
        "BOOKED",
        "RECEIVED",
        "IN_TRANSIT",
        "ARRIVED",
        "NOTIFIED",
        "DELIVERED",
    ]
    item = air_payload(shipment, sim_state.clock.now())
    assert item["airlineCode"] == "EK"
    assert len(item["flights"]) == 2
    assert item["events"][0]["status"] == "DELIVERED"
    others = {
        s: sim_state.add_air(f"020-1234567{i}", scenario=s)
        for i, s in enumerate(("exception", "no_record", "expired"))
    }
    sim_state.clock.advance(timedelta(days=31))
    assert {s: a.status(sim_state.clock.now()) for s, a in others.items()} == {
        "exception": "EXCEPTION",
        "no_record": "NO_RECORD",
        "expired": "EXPIRED",
    }
    assert set(AIR_SCENARIOS) == {"delivered", "exception", "no_record", "expired"}
