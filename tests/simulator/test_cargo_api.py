"""Ocean and air endpoints."""

from __future__ import annotations

from datetime import timedelta

from track123_simulator import SimulatorState

from .conftest import Api


async def test_ocean_import_query_delete(api: Api, sim_state: SimulatorState) -> None:
    """Import (carrier detected from the prefix), duplicate, query, update-carrier and delete."""
    data = (
        await api.post(
            "tk/v1/ocean/track/import",
            [
                {"trackingNo": "MSKU1234567", "type": 3},
                {"trackingNo": "BK1", "type": 1, "carrierCode": "MSCU"},
                {"trackingNo": "ZZZZ1"},
            ],
        )
    ).json()["data"]
    assert [a["carrierCode"] for a in data["accepted"]] == ["MAEU", "MSCU"]
    assert data["rejected"][0]["error"]["code"] == "A0410"
    dup = (
        await api.post(
            "tk/v1/ocean/track/import",
            [{"trackingNo": "MSKU1234567", "carrierCode": "MAEU", "type": 3}],
        )
    ).json()["data"]
    assert dup["rejected"][0]["error"]["msg"] == "The order number has been imported"
    sim_state.clock.advance(timedelta(days=2))
    page = (
        await api.post(
            "tk/v1/ocean/track/query", [{"trackingNo": "MSKU1234567", "type": 3}]
        )
    ).json()["data"]["accepted"]
    expected = sim_state.ocean["MSKU1234567"].search_status(sim_state.clock.now())
    assert page["content"][0]["searchStatus"] == expected
    page = (await api.post("tk/v1/ocean/track/query", {"queryPageSize": 1})).json()[
        "data"
    ]["accepted"]
    assert (page["totalElements"], page["totalPages"]) == (2, 2)
    changed = (
        await api.post(
            "tk/v1/ocean/track/update-carrier",
            {"trackingNo": "BK1", "type": 1, "carrierCode": "HLCU"},
        )
    ).json()["data"]
    assert changed["accepted"][0]["carrierCode"] == "HLCU"
    gone = (
        await api.post("tk/v1/ocean/track/delete", [{"trackingNo": "BK1", "type": 1}])
    ).json()["data"]
    assert gone["accepted"] == [{"trackingNo": "BK1", "type": 1}]
    assert (await api.get("tk/v1/ocean/carrier/list")).json()["data"][0][
        "courierCode"
    ] == "MAEU"


async def test_ocean_refresh_once_per_six_hours(
    api: Api, sim_state: SimulatorState
) -> None:
    """A second refresh within 6 simulated hours answers A0400."""
    sim_state.add_ocean(
        "MSKU1234567", number_type=3, carrier_code="MAEU", scenario="delivered"
    )
    body = {"trackingNo": "MSKU1234567", "type": 3}
    assert (await api.post("tk/v1/ocean/track/refresh", body)).json()["code"] == "00000"
    sim_state.clock.advance(timedelta(hours=5))
    again = (await api.post("tk/v1/ocean/track/refresh", body)).json()
    assert again["code"] == "A0400"
    sim_state.clock.advance(timedelta(hours=1))
    assert (await api.post("tk/v1/ocean/track/refresh", body)).json()["code"] == "00000"


async def test_air_import_and_query(api: Api, sim_state: SimulatorState) -> None:
    """Air import validates numbers; query finds a waybill with or without the dash."""
    data = (
        await api.post(
            "tk/v1/aviation/track/import",
            [
                {"trackingNo": "176-12345675"},
                {"trackingNo": "bad"},
                {"trackingNo": "17612345675"},
            ],
        )
    ).json()["data"]
    assert [a["airlineCode"] for a in data["accepted"]] == ["EK"]
    assert [r["error"]["msg"] for r in data["rejected"]] == [
        "Invalid air waybill number",
        "The order number has been imported",
    ]
    too_many = await api.post(
        "tk/v1/aviation/track/import",
        [{"trackingNo": f"020-{i:08d}"} for i in range(101)],
    )
    assert too_many.status == 400
    sim_state.clock.advance(timedelta(days=3))
    page = (
        await api.post(
            "tk/v1/aviation/track/query",
            {"trackingNos": ["17612345675", "999-00000000"]},
        )
    ).json()["data"]
    assert page["accepted"]["content"][0]["trackingNo"] == "176-12345675"
    assert page["rejected"][0]["trackNo"] == "999-00000000"
    assert any(
        a["courierCode"] == "EK"
        for a in (await api.get("tk/v1/aviation/courier/list")).json()["data"]
    )
