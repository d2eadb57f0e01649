"""Realism ``late_carrier``: no courier at first, the detected one later, sometimes another after."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from track123_simulator import SimulatorState

from .conftest import Api

UPS = "1Z999AA10123456784"
QUERY = "tk/v2.1/track/query"
HOUR = timedelta(hours=1)


def courier_of(item: dict[str, Any]) -> str | None:
    """Return the courier a parcel query item names (None: the field is absent)."""
    code: str | None = item["localLogisticsInfo"].get("courierCode")
    return code


async def test_courier_answered_late_then_detected(
    api: Api, sim_state: SimulatorState
) -> None:
    """Imported without a courier: none in the answers for the first hour at least, ``ups`` from six hours on."""
    sim_state.realism.apply("late_carrier")
    answer = await api.post("tk/v2.1/track/import", [{"trackNo": UPS}])
    assert answer.json()["data"]["accepted"] == [{"trackNo": UPS, "courierCode": ""}]
    assert courier_of(await api.tracking(QUERY, UPS)) in {"", None}
    sim_state.clock.advance(HOUR - timedelta(seconds=1))
    assert courier_of(await api.tracking(QUERY, UPS)) in {"", None}
    sim_state.clock.advance(5 * HOUR + timedelta(seconds=1))
    item = await api.tracking(QUERY, UPS)
    assert courier_of(item) == "ups"
    assert item["localLogisticsInfo"]["courierNameEN"] == "UPS"


async def test_courier_given_at_import_is_never_late(
    api: Api, sim_state: SimulatorState
) -> None:
    """A courier named at import is shown at once."""
    sim_state.realism.apply("late_carrier")
    await api.post("tk/v2.1/track/import", [{"trackNo": UPS, "courierCode": "ups"}])
    assert courier_of(await api.tracking(QUERY, UPS)) == "ups"
    assert sim_state.parcels[UPS].quirks == frozenset()


async def test_carrier_changes_keeping_number_and_timeline(
    api: Api, sim_state: SimulatorState
) -> None:
    """A re-detected parcel moves to another courier; it stays one tracking with the same events."""
    await api.control(
        "POST",
        "shipments",
        {
            "kind": "parcel",
            "number": UPS,
            "scenario": "failed_then_delivered",
            "quirks": ["late_carrier", "carrier_change"],
        },
    )
    sim_state.clock.advance(23 * HOUR)
    before = await api.tracking(QUERY, UPS)
    assert courier_of(before) == "ups"
    sim_state.clock.advance(26 * HOUR)
    after = await api.tracking(QUERY, UPS)
    assert courier_of(after) not in {"ups", "", None}
    assert after["id"] == before["id"]
    old_events = before["localLogisticsInfo"]["trackingDetails"]
    new_events = after["localLogisticsInfo"]["trackingDetails"]
    assert new_events[-len(old_events) :] == old_events
    page = (await api.post(QUERY, {})).json()["data"]["accepted"]
    assert [item["trackNo"] for item in page["content"]] == [UPS]
    truth = (await api.control("GET", "transitions?kind=parcel")).json()
    assert [(c["from"], c["to"]) for c in truth["courierChanges"]] == [
        ("", "ups"),
        ("ups", courier_of(after)),
    ]


async def test_update_courier_changes_the_one_tracking(
    api: Api, sim_state: SimulatorState
) -> None:
    """update-courier moves the existing tracking; a change Track123 had in store is dropped."""
    sim_state.realism.apply("late_carrier")
    sim_state.add_parcel(UPS, quirks=["late_carrier", "carrier_change"])
    sim_state.clock.advance(2 * HOUR)
    body = {"trackNo": UPS, "courierCode": "", "newCourierCode": "fedex"}
    answer = await api.post("tk/v2.1/track/update-courier", body)
    assert answer.json()["data"]["accepted"] == [
        {"trackNo": UPS, "courierCode": "fedex"}
    ]
    sim_state.clock.advance(72 * HOUR)
    page = (await api.post(QUERY, {})).json()["data"]["accepted"]
    assert page["totalElements"] == 1
    assert courier_of(page["content"][0]) == "fedex"
    assert list(sim_state.parcels) == [UPS]


async def test_courier_fields_empty_or_absent(
    api: Api, sim_state: SimulatorState
) -> None:
    """Before detection, some parcels answer empty courier fields, others none at all."""
    sim_state.realism.apply("late_carrier")
    sim_state.rate_limit_per_second = None
    for index in range(12):
        sim_state.add_parcel(f"1Z999AA1{index:010d}", scenario="delivered")
    sim_state.clock.advance(timedelta(minutes=59))
    page = (await api.post(QUERY, {})).json()["data"]["accepted"]
    shapes = {tuple(sorted(item["localLogisticsInfo"])) for item in page["content"]}
    assert shapes == {
        ("trackingDetails",),
        (
            "courierCode",
            "courierHomePage",
            "courierNameCN",
            "courierNameEN",
            "courierTrackingLink",
            "trackingDetails",
        ),
    }
    assert {courier_of(item) for item in page["content"]} == {"", None}


def test_share_of_late_and_changing_parcels_is_seeded() -> None:
    """Every parcel registered without courier is late; about a third change later; the same seed picks the same ones."""

    def quirky(seed: int) -> list[frozenset[str]]:
        state = SimulatorState(seed=seed)
        state.realism.apply("late_carrier")
        return [state.add_parcel(f"1Z999AA1{i:010d}").quirks for i in range(60)]

    first = quirky(1)
    assert all("late_carrier" in quirks for quirks in first)
    changing = sum("carrier_change" in quirks for quirks in first)
    assert 10 <= changing <= 30
    assert quirky(1) == first
    assert quirky(2) != first
