"""Realism ``server_errors``, ``paths_v21`` and ``v21_only``; the endpoints every path serves."""

from __future__ import annotations

from datetime import timedelta

import pytest

from track123_simulator import SimulatorState

from .conftest import Api

AWB = "176-12345675"


async def test_server_errors_are_transient(api: Api, sim_state: SimulatorState) -> None:
    """At rate 1 every other request fails with A0200 (HTTP 200 or 500) or B0001, never two in a row."""
    sim_state.rate_limit_per_second = None
    sim_state.realism.update({"server_errors": True, "server_error_rate": 1.0})
    answers = [await api.post("tk/v2.1/track/query", {}) for _ in range(40)]
    codes = [a.json()["code"] for a in answers]
    assert codes[1::2] == ["00000"] * 20
    failures = {(a.status, a.json()["code"], a.json()["msg"]) for a in answers[::2]}
    assert failures == {
        (200, "A0200", "Server error."),
        (500, "A0200", "Server error."),
        (200, "B0001", "System error."),
    }


async def test_server_error_rate(api: Api, sim_state: SimulatorState) -> None:
    """At the default 5 %, a few of 200 requests fail; a failed import registers nothing."""
    sim_state.rate_limit_per_second = None
    sim_state.realism.apply("server_errors")
    numbers = [f"1Z999AA1{i:010d}" for i in range(200)]
    failed = []
    for number in numbers:
        answer = await api.post("tk/v2.1/track/import", [{"trackNo": number}])
        if answer.json()["code"] != "00000":
            failed.append(number)
    assert 2 <= len(failed) <= 25
    assert set(sim_state.parcels) == set(numbers) - set(failed)


@pytest.mark.parametrize(
    ("spec", "v1_code", "v21_code"),
    [
        ("none", "00000", "C0113"),
        ("paths_v21", "00000", "00000"),
        ("v21_only", "C0113", "00000"),
    ],
)
async def test_cargo_paths(
    api: Api, sim_state: SimulatorState, spec: str, v1_code: str, v21_code: str
) -> None:
    """Ocean and air under tk/v1 and tk/v2.1 as the switches say; parcels always under tk/v2.1."""
    sim_state.realism.apply(spec)
    sim_state.rate_limit_per_second = None
    for path in ("ocean/track/query", "aviation/track/query", "ocean/carrier/list"):
        method = "GET" if path.endswith("list") else "POST"
        v1 = await api.call(method, f"tk/v1/{path}", {} if method == "POST" else None)
        v21 = await api.call(
            method, f"tk/v2.1/{path}", {} if method == "POST" else None
        )
        assert (v1.json()["code"], v21.json()["code"]) == (v1_code, v21_code), path
        if v1_code == "C0113":
            assert (v1.status, v1.json()["msg"]) == (
                404,
                "The interface does not exist.",
            )
    assert (await api.post("tk/v2.1/track/query", {})).json()["code"] == "00000"


async def test_air_import_limited_to_three_per_second_on_both_paths(
    api: Api, sim_state: SimulatorState
) -> None:
    """The air import's 3 requests/s holds under tk/v2.1 too."""
    sim_state.realism.apply("paths_v21")
    codes = [
        (
            await api.post(
                "tk/v2.1/aviation/track/import", [{"trackingNo": f"176-{i:08d}"}]
            )
        ).json()["code"]
        for i in range(4)
    ]
    assert codes == ["00000", "00000", "00000", "A0706"]


async def test_air_delete_change_carrier_refresh(
    api: Api, sim_state: SimulatorState
) -> None:
    """Air waybills can be deleted, moved to another airline (one tracking) and retracked every 6 h."""
    sim_state.rate_limit_per_second = None
    sim_state.realism.apply("paths_v21")
    sim_state.add_air(AWB, scenario="delivered")
    sim_state.add_air("020-12345675", scenario="delivered")
    changed = await api.post(
        "tk/v2.1/aviation/track/update-carrier",
        {"trackingNo": "17612345675", "airlineCode": "LH"},
    )
    assert changed.json()["data"]["accepted"] == [
        {"trackingNo": "17612345675", "airlineCode": "LH"}
    ]
    item = await api.tracking("tk/v1/aviation/track/query", AWB)
    assert item["airlineCode"] == "LH"
    assert (await api.post("tk/v1/aviation/track/query", {})).json()["data"][
        "accepted"
    ]["totalElements"] == 2
    details = await api.post(
        "tk/v1/aviation/track/update-carrier",
        {
            "carrierCode": "EK",
            "details": [{"trackingNo": AWB}, {"trackingNo": "999-00000000"}],
        },
    )
    assert details.json()["data"]["accepted"] == [
        {"trackingNo": AWB, "airlineCode": "EK"}
    ]
    assert details.json()["data"]["rejected"][0]["trackNo"] == "999-00000000"
    for bad in ({"trackingNo": AWB}, {"trackingNo": AWB, "airlineCode": "ZZ"}):
        answer = await api.post("tk/v1/aviation/track/update-carrier", bad)
        assert answer.status == 400

    first = await api.post("tk/v1/aviation/track/refresh", {"trackingNo": AWB})
    assert first.json()["data"]["accepted"] == [
        {"trackingNo": AWB, "refreshTime": "2026-11-01 00:00:00"}
    ]
    again = await api.post("tk/v2.1/aviation/track/refresh", {"trackingNo": AWB})
    assert again.json()["code"] == "A0400"
    sim_state.clock.advance(timedelta(hours=6))
    assert (
        await api.post("tk/v1/aviation/track/refresh", [{"trackingNo": AWB}])
    ).json()["data"]["accepted"]

    gone = await api.post(
        "tk/v2.1/aviation/track/delete",
        [{"trackingNo": "17612345675"}, {"trackingNo": "999-00000000"}],
    )
    assert gone.json()["data"]["accepted"] == [
        {"trackingNo": "17612345675", "airlineCode": "EK"}
    ]
    assert (
        gone.json()["data"]["rejected"][0]["error"]["msg"] == "trackNo not registered"
    )
    assert list(sim_state.air) == ["020-12345675"]
    empty = await api.post("tk/v1/aviation/track/delete", [])
    assert (empty.status, empty.json()["code"]) == (400, "A0410")
    airlines = (await api.get("tk/v2.1/aviation/carrier/list")).json()["data"]
    assert "LH" in {a["courierCode"] for a in airlines}


async def test_parcel_retrack_and_remark(api: Api, sim_state: SimulatorState) -> None:
    """Parcel retrack (single and batch) at most every 6 h; an edited remark comes back in queries."""
    sim_state.add_parcel("1Z999AA10123456784", courier_code="ups")
    body = {"trackNo": "1Z999AA10123456784", "courierCode": "ups"}
    answer = await api.post("tk/v2.1/track/refresh", body)
    assert answer.json()["data"]["accepted"] == [
        {**body, "refreshTime": "2026-11-01 00:00:00"}
    ]
    refused = await api.post("tk/v2.1/track/refresh-batch", [body, {"trackNo": "GONE"}])
    rejected = refused.json()["data"]["rejected"]
    assert [r["error"]["msg"] for r in rejected] == [
        "Refresh is allowed at most once every 6 hours per tracking number",
        "trackNo not registered",
    ]
    assert (await api.post("tk/v2.1/track/refresh", {"trackNo": ""})).status == 400
    await api.post("tk/v2.1/track/update", {**body, "remark": "Running shoes"})
    item = await api.tracking("tk/v2.1/track/query", "1Z999AA10123456784")
    assert item["remark"] == "Running shoes"


async def test_ocean_change_carrier_details_form(
    api: Api, sim_state: SimulatorState
) -> None:
    """Ocean change-carrier also takes {carrierCode, details: [...]} and keeps one tracking."""
    sim_state.add_ocean("MSKU1234567", scenario="delivered")
    answer = await api.post(
        "tk/v1/ocean/track/update-carrier",
        {"carrierCode": "HLCU", "details": [{"trackingNo": "MSKU1234567", "type": 3}]},
    )
    assert answer.json()["data"]["accepted"] == [
        {"trackingNo": "MSKU1234567", "carrierCode": "HLCU"}
    ]
    page = (await api.post("tk/v1/ocean/track/query", {})).json()["data"]["accepted"]
    assert [(i["trackingNo"], i["carrierCode"]) for i in page["content"]] == [
        ("MSKU1234567", "HLCU")
    ]
