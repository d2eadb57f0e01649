"""The ground truth: every status transition, readable through the control route."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from track123_simulator import SimulatorState

from .conftest import Api

UPS = "1Z999AA10123456784"
STEP = timedelta(minutes=10)


async def _truth(api: Api, query: str = "") -> dict[str, Any]:
    answer = await api.control("GET", f"transitions{query}")
    assert answer.status == 200
    truth: dict[str, Any] = answer.json()
    return truth


async def test_transitions_of_every_kind(api: Api, sim_state: SimulatorState) -> None:
    """Each status change of parcels, ocean and air, with its simulated time, in time order."""
    parcel = sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    sim_state.add_ocean("MSKU1234567", scenario="no_record")
    sim_state.add_air("176-12345675", scenario="exception")
    sim_state.clock.advance(timedelta(days=3))
    truth = await _truth(api)
    rows = [(c["kind"], c["number"], c["from"], c["to"]) for c in truth["transitions"]]
    assert [r for r in rows if r[0] == "parcel"] == [
        ("parcel", UPS, "INIT", "INFO_RECEIVED"),
        ("parcel", UPS, "INFO_RECEIVED", "IN_TRANSIT"),
        ("parcel", UPS, "IN_TRANSIT", "WAITING_DELIVERY"),
        ("parcel", UPS, "WAITING_DELIVERY", "DELIVERED"),
    ]
    assert [r[2:] for r in rows if r[0] == "ocean"] == [("INIT", "NO_RECORD")]
    assert [r[3] for r in rows if r[0] == "air"] == [
        "BOOKED",
        "RECEIVED",
        "IN_TRANSIT",
        "ARRIVED",
        "EXCEPTION",
    ]
    times = [datetime.fromisoformat(c["at"]) for c in truth["transitions"]]
    assert times == sorted(times)
    delivered = next(c for c in truth["transitions"] if c["to"] == "DELIVERED")
    step = next(s for s in parcel.plan.steps if s.status == "DELIVERED")
    assert datetime.fromisoformat(delivered["at"]) == parcel.added_at + step.offset
    only_air = await _truth(api, "?kind=air&number=176-12345675")
    assert {c["kind"] for c in only_air["transitions"]} == {"air"}
    assert len(only_air["transitions"]) == 5


async def test_deleted_tracking_keeps_its_past(
    api: Api, sim_state: SimulatorState
) -> None:
    """A deleted tracking keeps the transitions it had; registered again it starts from INIT."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    sim_state.clock.advance(timedelta(hours=12))
    await api.post("tk/v2.1/track/delete", {"trackNos": [UPS]})
    sim_state.clock.advance(timedelta(days=3))
    truth = await _truth(api)
    assert [c["to"] for c in truth["transitions"]] == ["INFO_RECEIVED", "IN_TRANSIT"]
    sim_state.add_parcel(UPS, courier_code="ups", scenario="cancelled")
    sim_state.clock.advance(timedelta(days=2))
    truth = await _truth(api, f"?number={UPS}")
    assert [(c["from"], c["to"]) for c in truth["transitions"]] == [
        ("INIT", "INFO_RECEIVED"),
        ("INFO_RECEIVED", "IN_TRANSIT"),
        ("INIT", "INFO_RECEIVED"),
        ("INFO_RECEIVED", "ABNORMAL"),
    ]
    sim_state.clock.set(sim_state.clock.now() - timedelta(days=10))
    assert (await _truth(api))["transitions"] == []


async def test_every_transition_a_close_poll_sees(
    api: Api, sim_state: SimulatorState
) -> None:
    """Polled every 10 minutes, parcels (with realism on) show exactly the ground truth's transitions."""
    sim_state.rate_limit_per_second = None
    sim_state.realism.apply("all,-server_errors,-v21_only")
    scenarios = (
        "failed_then_delivered",
        "cross_border",
        "returned_to_sender",
        "expired",
    )
    for index, scenario in enumerate(scenarios):
        quirks = ["unknown_status"] if index == 1 else None
        sim_state.add_parcel(f"1Z999AA1{index:010d}", scenario=scenario, quirks=quirks)
    seen: dict[str, str] = dict.fromkeys(sim_state.parcels, "INIT")
    observed = []
    for _ in range(6 * 24 * 6):
        sim_state.clock.advance(STEP)
        page = (await api.post("tk/v2.1/track/query", {})).json()["data"]["accepted"]
        for item in page["content"]:
            number, status = item["trackNo"], item["transitStatus"]
            if status != seen[number]:
                observed.append((number, seen[number], status))
                seen[number] = status
    truth = await _truth(api, "?kind=parcel")
    expected = [(c["number"], c["from"], c["to"]) for c in truth["transitions"]]
    assert sorted(observed) == sorted(expected)
    assert ("1Z999AA10000000001", "IN_TRANSIT", "CUSTOMS_HOLD") in expected
