"""Realism ``unknown_codes``: statuses and sub-statuses no document lists."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from track123_simulator import SimulatorState

from .conftest import Api

HOUR = timedelta(hours=1)


async def _parcel_statuses(
    api: Api, sim_state: SimulatorState, number: str
) -> list[tuple[str, str | None, str]]:
    """(transitStatus, transitSubStatus, trackingStatus) of a parcel, hour by hour over five days."""
    seen = []
    for _ in range(120):
        sim_state.clock.advance(HOUR)
        item = await api.tracking("tk/v2.1/track/query", number)
        seen.append(
            (item["transitStatus"], item["transitSubStatus"], item["trackingStatus"])
        )
    return seen


async def test_unknown_parcel_codes(api: Api, sim_state: SimulatorState) -> None:
    """A sub-status of a known family, a status of an unknown family with its own events, an unknown query status."""
    sim_state.rate_limit_per_second = None
    for number, quirk in (
        ("1Z999AA10000000001", "unknown_sub_status"),
        ("1Z999AA10000000002", "unknown_status"),
        ("1Z999AA10000000003", "unknown_tracking_status"),
    ):
        answer = await api.control(
            "POST",
            "shipments",
            {
                "kind": "parcel",
                "number": number,
                "scenario": "delivered",
                "quirks": [quirk],
            },
        )
        assert answer.status == 201
    sub = await _parcel_statuses(api, sim_state, "1Z999AA10000000001")
    assert ("IN_TRANSIT", "IN_TRANSIT_11", "001") in sub
    assert sub[-1][0] == "DELIVERED"
    sim_state.clock.set(sim_state.parcels["1Z999AA10000000002"].added_at)
    held = await _parcel_statuses(api, sim_state, "1Z999AA10000000002")
    assert ("CUSTOMS_HOLD", "CUSTOMS_HOLD_01", "001") in held
    assert held[-1][0] == "DELIVERED"
    item = await api.tracking("tk/v2.1/track/query", "1Z999AA10000000002")
    details = item["localLogisticsInfo"]["trackingDetails"]
    assert "CUSTOMS_HOLD_01" in [e["transitSubStatus"] for e in details]
    item = await api.tracking("tk/v2.1/track/query", "1Z999AA10000000003")
    assert item["trackingStatus"] == "007"


async def test_unknown_cargo_codes(api: Api, sim_state: SimulatorState) -> None:
    """Ocean: searchStatus PENDING before the first event, an event TSHP; air: MANIFESTED for a while."""
    sim_state.rate_limit_per_second = None
    sim_state.add_ocean(
        "MSKU1234567",
        scenario="delivered",
        quirks=["unknown_search_status", "unknown_event_status"],
    )
    sim_state.add_air(
        "176-12345675", scenario="delivered", quirks=["unknown_aviation_status"]
    )
    search, aviation = [], []
    for _ in range(40):
        sim_state.clock.advance(HOUR)
        ocean = await api.tracking("tk/v1/ocean/track/query", "MSKU1234567")
        air = await api.tracking("tk/v1/aviation/track/query", "176-12345675")
        search.append(ocean["searchStatus"])
        aviation.append(air["aviationStatus"])
    assert search[:3] == ["PENDING", "PENDING", "IN_TRANSIT"]
    assert "MANIFESTED" in aviation
    assert aviation[-1] == "DELIVERED"
    assert "MANIFESTED" in [e["status"] for e in air["events"]]
    sim_state.clock.advance(timedelta(days=40))
    ocean = await api.tracking("tk/v1/ocean/track/query", "MSKU1234567")
    assert "TSHP" in [e["eventStatus"] for e in ocean["containers"][0]["events"]]
    assert ocean["searchStatus"] == "FINAL"


def test_quirks_are_seeded_and_only_with_the_switch() -> None:
    """With the switch, some shipments of each kind get an unknown code, the same ones for the same seed; none without."""

    def chosen(switch: str) -> Counter[str]:
        state = SimulatorState(seed=1)
        state.realism.apply(switch)
        found: Counter[str] = Counter()
        for i in range(100):
            found.update(
                state.add_parcel(f"1Z999AA1{i:010d}", courier_code="ups").quirks
            )
            found.update(state.add_ocean(f"MSKU{i:07d}").quirks)
            found.update(state.add_air(f"176-{i:08d}").quirks)
        return found

    found = chosen("unknown_codes")
    assert set(found) == {
        "unknown_sub_status",
        "unknown_status",
        "unknown_tracking_status",
        "unknown_search_status",
        "unknown_event_status",
        "unknown_aviation_status",
    }
    assert all(count < 50 for count in found.values())
    assert chosen("unknown_codes") == found
    assert chosen("none") == Counter()


async def test_quirks_are_checked(api: Api) -> None:
    """A quirk another kind has, or none has, is refused."""
    for body in (
        {"kind": "air", "number": "176-12345675", "quirks": ["unknown_status"]},
        {"kind": "parcel", "number": "X1", "quirks": "unknown_status"},
    ):
        assert (await api.control("POST", "shipments", body)).status == 400
    summary = (await api.control("GET", "state")).json()
    assert summary["parcels"] == {}
    assert summary["air"] == {}
