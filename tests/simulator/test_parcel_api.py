"""Parcel endpoints: import, query, real-time query, delete, update, couriers."""

from __future__ import annotations

from datetime import timedelta

from track123_simulator import SimulatorState

from .conftest import Api

IMPORT = "tk/v2.1/track/import"
QUERY = "tk/v2.1/track/query"


async def test_import_accepts_and_detects_courier(
    api: Api, sim_state: SimulatorState
) -> None:
    """Accepted entries echo the input; a missing courierCode is detected from the number."""
    answer = await api.post(
        IMPORT,
        [
            {"trackNo": "1Z999AA10123456784", "orderNo": "o-1", "remark": "gift"},
            {"trackNo": "LV209031969CN", "courierCode": "saf"},
        ],
    )
    data = answer.json()["data"]
    assert answer.status == 200
    assert data["rejected"] == []
    assert data["accepted"][0] == {
        "trackNo": "1Z999AA10123456784",
        "orderNo": "o-1",
        "remark": "gift",
        "courierCode": "ups",
    }
    assert data["accepted"][1]["courierCode"] == "saf"
    assert sim_state.parcels["1Z999AA10123456784"].order_no == "o-1"


async def test_duplicate_import_is_rejected(api: Api) -> None:
    """Importing an existing number (or the same number twice) is a rejected A0400 entry."""
    await api.post(IMPORT, [{"trackNo": "1Z999AA10123456784"}])
    answer = await api.post(
        IMPORT,
        [
            {"trackNo": "9400111899223344556677"},
            {"trackNo": "1Z999AA10123456784"},
            {"courierCode": "ups"},
        ],
    )
    data = answer.json()["data"]
    assert [a["trackNo"] for a in data["accepted"]] == ["9400111899223344556677"]
    assert data["rejected"][0] == {
        "index": 1,
        "trackNo": "1Z999AA10123456784",
        "error": {"code": "A0400", "msg": "The order number has been imported"},
    }
    assert data["rejected"][1]["error"]["code"] == "A0410"


async def test_import_validation(api: Api) -> None:
    """A body that is not an array, is empty, holds over 100 items or is not JSON answers HTTP 400."""
    for body, code in (
        ({"trackNo": "X"}, "A0400"),
        ([], "A0410"),
        ([{"trackNo": f"N{i}"} for i in range(101)], "A0400"),
    ):
        answer = await api.post(IMPORT, body)
        assert (answer.status, answer.json()["code"]) == (400, code)
    answer = await api.post(IMPORT, raw="[{not json")
    assert (answer.status, answer.json()["code"]) == (400, "A0400")
    answer = await api.post(
        IMPORT, [{"trackNo": "X1", "courierCode": "no-such-courier"}]
    )
    assert (
        answer.json()["data"]["rejected"][0]["error"]["msg"] == "Invalid courier code"
    )


async def test_query_by_numbers_and_infos(api: Api, sim_state: SimulatorState) -> None:
    """Both ``trackNos`` and ``trackNoInfos`` work; unknown numbers are rejected."""
    sim_state.add_parcel("1Z999AA10123456784", courier_code="ups", scenario="delivered")
    sim_state.clock.advance(timedelta(days=2))
    answer = await api.post(QUERY, {"trackNos": ["1Z999AA10123456784", "UNKNOWN1"]})
    data = answer.json()["data"]
    item = data["accepted"]["content"][0]
    assert item["transitStatus"] == "DELIVERED"
    assert item["transitSubStatus"] == "DELIVERED_01"
    assert data["rejected"] == [
        {
            "trackNo": "UNKNOWN1",
            "error": {"code": "A0400", "msg": "trackNo not registered"},
        }
    ]
    answer = await api.post(
        QUERY,
        {"trackNoInfos": [{"trackNo": "1Z999AA10123456784", "courierCode": "ups"}]},
    )
    assert answer.json()["data"]["accepted"]["totalElements"] == 1


async def test_query_over_100_numbers_is_rejected(api: Api) -> None:
    """More than 100 numbers answers HTTP 400 A0400."""
    answer = await api.post(QUERY, {"trackNos": [f"N{i}" for i in range(101)]})
    assert (answer.status, answer.json()["code"]) == (400, "A0400")


async def test_parcel_item_has_every_documented_field(
    api: Api, sim_state: SimulatorState
) -> None:
    """A query item carries all documented fields in the documented formats."""
    sim_state.add_parcel(
        "1Z999AA10123456784", courier_code="ups", scenario="cross_border"
    )
    sim_state.clock.advance(timedelta(days=5))
    item = (await api.post(QUERY, {"trackNos": ["1Z999AA10123456784"]})).json()["data"][
        "accepted"
    ]["content"][0]
    for field in (
        "id",
        "trackNo",
        "orderNo",
        "createTime",
        "nextUpdateTime",
        "shipFrom",
        "shipTo",
        "trackingStatus",
        "transitStatus",
        "transitSubStatus",
        "shipTime",
        "orderTime",
        "receiptTime",
        "deliveredTime",
        "lastTrackingTime",
        "transitDays",
        "stayDays",
        "deliveredDays",
        "remark",
        "shipmentType",
        "localLogisticsInfo",
        "lastMileInfo",
        "extraInfo",
    ):
        assert field in item, field
    assert "expectedDelivery" in item or "expectedDeliveryTime" in item
    local = item["localLogisticsInfo"]
    assert set(local) == {
        "courierCode",
        "courierNameEN",
        "courierNameCN",
        "courierHomePage",
        "courierTrackingLink",
        "trackingDetails",
    }
    event = local["trackingDetails"][0]
    assert set(event) == {
        "address",
        "eventTime",
        "eventTimeZeroUTC",
        "timezone",
        "eventDetail",
        "transitSubStatus",
    }
    assert event["eventTimeZeroUTC"].endswith("Z")
    times = [e["eventTimeZeroUTC"] for e in local["trackingDetails"]]
    assert times == sorted(times, reverse=True)
    last_mile = item["lastMileInfo"]
    assert last_mile["lmTrackNo"]
    assert (
        last_mile["openApiWayBillInfo"]["trackingDetails"][0]["transitSubStatus"]
        == "DELIVERED_03"
    )
    assert item["transitStatus"] == "DELIVERED"
    assert item["deliveredTime"] is not None


async def test_expected_delivery_has_both_shapes(sim_state: SimulatorState) -> None:
    """Some parcels carry the string ``expectedDelivery``, others the ``expectedDeliveryTime`` object."""
    from track123_simulator.payloads import parcel_payload

    shipments = [
        sim_state.add_parcel(f"1Z999AA1012345{i:04d}", scenario="delivered")
        for i in range(20)
    ]
    sim_state.clock.advance(timedelta(hours=12))
    items = [parcel_payload(s, sim_state.clock.now()) for s in shipments]
    assert any(isinstance(i.get("expectedDelivery"), str) for i in items)
    assert any(
        isinstance(i.get("expectedDeliveryTime"), dict)
        and set(i["expectedDeliveryTime"]) == {"start", "end", "timezone"}
        for i in items
    )


async def test_realtime_query(api: Api, sim_state: SimulatorState) -> None:
    """``data.accepted`` is one tracking object."""
    sim_state.add_parcel("1Z999AA10123456784", courier_code="ups", scenario="delivered")
    data = (
        await api.post(
            "tk/v2.1/track/query-realtime",
            {"trackNo": "1Z999AA10123456784", "courierCode": "ups"},
        )
    ).json()["data"]
    assert data["accepted"]["trackNo"] == "1Z999AA10123456784"
    assert data["accepted"]["transitStatus"] == "INIT"
    data = (await api.post("tk/v2.1/track/query-realtime", {"trackNo": "NOPE"})).json()[
        "data"
    ]
    assert data["accepted"] is None
    assert data["rejected"][0]["error"]["msg"] == "trackNo not registered"


async def test_delete_both_body_forms(api: Api, sim_state: SimulatorState) -> None:
    """Delete takes an array of {trackNo, courierCode} or {"trackNos": [...]}."""
    sim_state.add_parcel("1Z999AA10123456784", courier_code="ups")
    sim_state.add_parcel("LV209031969CN")
    data = (
        await api.post(
            "tk/v2.1/track/delete",
            [{"trackNo": "1Z999AA10123456784", "courierCode": "ups"}],
        )
    ).json()["data"]
    assert data["accepted"] == [{"trackNo": "1Z999AA10123456784", "courierCode": "ups"}]
    data = (
        await api.post("tk/v2.1/track/delete", {"trackNos": ["LV209031969CN", "GONE"]})
    ).json()["data"]
    assert [a["trackNo"] for a in data["accepted"]] == ["LV209031969CN"]
    assert data["rejected"][0]["trackNo"] == "GONE"
    assert sim_state.parcels == {}


async def test_update_and_update_courier(api: Api, sim_state: SimulatorState) -> None:
    """Update changes remark/order number; update-courier changes the courier."""
    sim_state.add_parcel("1Z999AA10123456784", courier_code="ups")
    data = (
        await api.post(
            "tk/v2.1/track/update",
            {"trackNo": "1Z999AA10123456784", "remark": "new", "orderNo": "o-9"},
        )
    ).json()["data"]
    assert data["accepted"][0]["trackNo"] == "1Z999AA10123456784"
    assert sim_state.parcels["1Z999AA10123456784"].remark == "new"
    body = {
        "trackNo": "1Z999AA10123456784",
        "courierCode": "ups",
        "newCourierCode": "fedex",
    }
    data = (await api.post("tk/v2.1/track/update-courier", body)).json()["data"]
    assert data["accepted"] == [
        {"trackNo": "1Z999AA10123456784", "courierCode": "fedex"}
    ]
    answer = await api.post(
        "tk/v2.1/track/update-courier", {**body, "newCourierCode": "nope"}
    )
    assert (answer.status, answer.json()["code"]) == (400, "A0400")


async def test_courier_detection(api: Api) -> None:
    """Detection answers candidate couriers, best first."""
    data = (
        await api.post("tk/v2.1/courier/detection", {"trackNo": "1Z999AA10123456784"})
    ).json()["data"]
    assert data[0]["courierCode"] == "ups"
    data = (
        await api.post("tk/v2.1/courier/detection", {"trackNo": "LV209031969CN"})
    ).json()["data"]
    assert data[0]["courierCode"] in {"china-post", "dhl-ecommerce"}
    assert (await api.post("tk/v2.1/courier/detection", {"trackNo": "???"})).json()[
        "data"
    ] == []
    assert (await api.post("tk/v2.1/courier/detection", {})).status == 400


async def test_unknown_endpoint(api: Api) -> None:
    """An unknown path answers C0113."""
    answer = await api.post("tk/v9/nothing", {})
    assert (answer.status, answer.json()["code"]) == (404, "C0113")
