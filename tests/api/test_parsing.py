"""Tests of response parsing on hand-written payloads."""

from datetime import UTC, datetime
import json

import pytest

from custom_components.track123.api import (
    AirEventStatus,
    AirStatus,
    EventSource,
    OceanEventStatus,
    OceanLocationType,
    OceanNumberType,
    OceanSearchStatus,
    OceanTransitStatus,
    Page,
    ParcelStatus,
    ParcelSubStatus,
    QueryStatus,
    Rejected,
    Track123ResponseError,
)
from custom_components.track123.api.parsing import (
    as_float,
    as_int,
    as_str,
    parse_air_shipment,
    parse_couriers,
    parse_expected_delivery,
    parse_import_result,
    parse_ocean_shipment,
    parse_page,
    parse_parcel,
    parse_query_result,
    parse_rejected,
)

PARCEL = {
    "id": "1",
    "trackNo": "LV209031969CN",
    "orderNo": "",
    "createTime": "2026-04-25 10:00:00",
    "shipFrom": "CN",
    "shipTo": "US",
    "trackingStatus": "001",
    "transitStatus": "IN_TRANSIT",
    "transitSubStatus": "IN_TRANSIT_02",
    "shipTime": "2026-04-26 08:00:00",
    "deliveredTime": None,
    "lastTrackingTime": "2026-04-30 09:00:00",
    "transitDays": 4,
    "remark": "gift",
    "expectedDelivery": "2026-05-03 00:00:00",
    "somethingNew": {"ignored": True},
    "localLogisticsInfo": {
        "courierCode": "cainiao",
        "courierNameEN": "Cainiao",
        "courierTrackingLink": "https://example.invalid/track",
        "trackingDetails": [
            {
                "address": "SHENZHEN, CN",
                "eventTime": "2026-04-27 10:00:00",
                "timezone": "+08:00",
                "eventDetail": "Departed from sorting center",
                "transitSubStatus": "IN_TRANSIT_01",
            },
            {
                "address": "SHENZHEN, CN",
                "eventTime": "2026-04-26 08:00:00",
                "eventTimeZeroUTC": "2026-04-26T00:00:00Z",
                "timezone": "+08:00",
                "eventDetail": "Accepted",
                "transitSubStatus": None,
            },
        ],
    },
    "lastMileInfo": {
        "lmTrackNo": "9400100000000000000000",
        "openApiWayBillInfo": {
            "courierCode": "usps",
            "trackingDetails": [
                {
                    "address": "MEMPHIS, TN, US",
                    "eventTime": "2026-04-29 05:39:00",
                    "eventTimeZeroUTC": "2026-04-29T12:39:00Z",
                    "timezone": "-07:00",
                    "eventDetail": "Arrived at hub",
                    "transitSubStatus": "IN_TRANSIT_02",
                },
                # Duplicate of the local "Departed" event, reported by the last mile.
                {
                    "address": "Shenzhen",
                    "eventTimeZeroUTC": "2026-04-27T02:00:00Z",
                    "eventDetail": "Departed from sorting center",
                    "transitSubStatus": "IN_TRANSIT_01",
                },
                "not an event",
            ],
        },
    },
}


def test_parcel_fields() -> None:
    """Top-level fields, courier and last-mile details are read."""
    parcel = parse_parcel(PARCEL)
    assert parcel.track_no == "LV209031969CN"
    assert parcel.courier_code == "cainiao"
    assert parcel.courier_name == "Cainiao"
    assert parcel.tracking_link == "https://example.invalid/track"
    assert parcel.order_no is None
    assert parcel.remark == "gift"
    assert parcel.query_status is QueryStatus.NORMAL_QUERY
    assert parcel.status is ParcelStatus.IN_TRANSIT
    assert parcel.sub_status is ParcelSubStatus.IN_TRANSIT_02
    assert parcel.ship_from == "CN"
    assert parcel.ship_to == "US"
    assert parcel.created_time == datetime(2026, 4, 25, 10, tzinfo=UTC)
    assert parcel.ship_time == datetime(2026, 4, 26, 8, tzinfo=UTC)
    assert parcel.delivered_time is None
    # Zone-less: in the zone of the newest event (Memphis, -07:00).
    assert parcel.last_tracking_time == datetime(2026, 4, 30, 16, tzinfo=UTC)
    assert parcel.transit_days == 4
    assert parcel.last_mile_track_no == "9400100000000000000000"
    assert parcel.last_mile_courier_code == "usps"


def test_parcels_share_repeated_texts() -> None:
    """Texts that recur across parcels are one object in memory; numbers are not."""
    # Decoded separately, as from two answers: equal strings, distinct objects.
    first, second = (json.loads(json.dumps(PARCEL)) for _ in range(2))
    assert (
        first["localLogisticsInfo"]["courierNameEN"]
        is not (second["localLogisticsInfo"]["courierNameEN"])
    )

    one, two = parse_parcel(first), parse_parcel(second)

    assert one.courier_name is two.courier_name
    assert one.ship_to is two.ship_to
    assert one.events[0].description is two.events[0].description
    assert one.events[0].location is two.events[0].location
    assert one.track_no == two.track_no
    assert one.track_no is not two.track_no


def test_parcel_events_merged_newest_first() -> None:
    """Local and last-mile events merge by time, newest first, without duplicates."""
    parcel = parse_parcel(PARCEL)
    assert [e.description for e in parcel.events] == [
        "Arrived at hub",
        "Departed from sorting center",
        "Accepted",
    ]
    assert [e.time for e in parcel.events] == [
        datetime(2026, 4, 29, 12, 39, tzinfo=UTC),
        datetime(2026, 4, 27, 2, tzinfo=UTC),
        datetime(2026, 4, 26, 0, tzinfo=UTC),
    ]
    newest = parcel.last_event
    assert newest is not None
    assert newest.source is EventSource.LAST_MILE
    assert newest.location == "MEMPHIS, TN, US"
    assert newest.sub_status is ParcelSubStatus.IN_TRANSIT_02
    assert parcel.events[1].source is EventSource.LOCAL
    assert parcel.events[2].sub_status is ParcelSubStatus.UNKNOWN


def test_events_without_time_keep_their_place() -> None:
    """An undated event stays after the event before it, or first if it was first."""
    parcel = parse_parcel(
        {
            "trackNo": "X",
            "localLogisticsInfo": {
                "trackingDetails": [
                    {"eventDetail": "b"},
                    {"eventDetail": "a", "eventTime": "2026-01-01 00:00:00"},
                    {"eventDetail": "c", "eventTime": "garbage"},
                ]
            },
        }
    )
    assert [e.description for e in parcel.events] == ["b", "a", "c"]


def test_null_sub_status_and_unknown_enums() -> None:
    """Null or unknown statuses become UNKNOWN."""
    parcel = parse_parcel(
        {
            "trackNo": "X",
            "trackingStatus": "099",
            "transitStatus": "TELEPORTED",
            "transitSubStatus": None,
        }
    )
    assert parcel.query_status is QueryStatus.UNKNOWN
    assert parcel.status is ParcelStatus.UNKNOWN
    assert parcel.sub_status is ParcelSubStatus.UNKNOWN
    assert parcel.events == ()
    assert parcel.last_event is None


def test_minimal_and_wrongly_typed_parcel() -> None:
    """Missing or wrongly typed fields never raise."""
    parcel = parse_parcel(
        {
            "trackNo": 12345,
            "transitDays": "seven",
            "createTime": 17,
            "localLogisticsInfo": "oops",
            "lastMileInfo": [],
            "expectedDelivery": {"start": None},
        }
    )
    assert parcel.track_no == "12345"
    assert parcel.transit_days is None
    assert parcel.created_time == datetime(1970, 1, 1, 0, 0, 17, tzinfo=UTC)
    assert parcel.courier_code is None
    assert parcel.expected_delivery is None
    assert parse_parcel({}).track_no == ""


@pytest.mark.parametrize("value", [None, [], "text", 3])
def test_parcel_not_an_object(value: object) -> None:
    """A tracking that is not an object is a response error."""
    with pytest.raises(Track123ResponseError):
        parse_parcel(value)


def test_expected_delivery_string() -> None:
    """The string form gives start == end."""
    expected = parse_expected_delivery({"expectedDelivery": "2026-05-03 00:00:00"})
    assert expected is not None
    assert expected.start == expected.end == datetime(2026, 5, 3, tzinfo=UTC)


def test_expected_delivery_range_string() -> None:
    """A ``start ~ end`` range of dates covers both days: the end is exclusive."""
    expected = parse_expected_delivery({"expectedDelivery": "2026-05-03 ~ 2026-05-05"})
    assert expected is not None
    assert expected.start == datetime(2026, 5, 3, tzinfo=UTC)
    assert expected.end == datetime(2026, 5, 6, tzinfo=UTC)
    assert expected.all_day


def test_expected_delivery_object() -> None:
    """The ``expectedDeliveryTime`` object honours its timezone."""
    parcel = parse_parcel(
        {
            "trackNo": "X",
            "expectedDelivery": "",
            "expectedDeliveryTime": {
                "start": "2026-05-03 08:00:00",
                "end": "2026-05-03 20:00:00",
                "timezone": "-05:00",
            },
        }
    )
    assert parcel.expected_delivery is not None
    assert parcel.expected_delivery.start == datetime(2026, 5, 3, 13, tzinfo=UTC)
    assert parcel.expected_delivery.end == datetime(2026, 5, 4, 1, tzinfo=UTC)


def test_expected_delivery_absent() -> None:
    """No usable value gives None."""
    assert parse_expected_delivery({}) is None
    assert parse_expected_delivery({"expectedDelivery": "soon"}) is None


def test_import_result() -> None:
    """Accepted, already tracked (A0400 "has been imported") and rejected split."""
    result = parse_import_result(
        {
            "accepted": [{"trackNo": "A1"}, "A2", {"nope": 1}, 5.5],
            "rejected": [
                {
                    "index": 2,
                    "trackNo": "A3",
                    "error": {
                        "code": "A0400",
                        "msg": "The order number has been imported",
                    },
                },
                {
                    "index": 3,
                    "error": {"code": "A0400", "msg": "Invalid tracking number"},
                },
                {"trackNo": "A5", "code": "A0410", "msg": "courierCode is null"},
                42,
            ],
        },
        ["A1", "A2", "A3", "A4", "A5"],
    )
    assert result.accepted == ("A1", "A2", "5.5")
    assert result.already_tracked == ("A3",)
    assert result.rejected == (
        Rejected("A4", "A0400", "Invalid tracking number"),
        Rejected("A5", "A0410", "courierCode is null"),
    )


def test_import_result_empty_and_broken() -> None:
    """Null data is empty; non-object data is a response error."""
    assert parse_import_result(None).accepted == ()
    with pytest.raises(Track123ResponseError):
        parse_import_result(["A1"])


def test_rejected_forms() -> None:
    """A rejected entry may be a bare number or lack an index."""
    assert parse_rejected("A1") == Rejected("A1", None, None)
    assert parse_rejected({"index": 9}, ["A"]) == Rejected(None, None, None)
    assert parse_rejected(None) is None


def test_page_and_query_result() -> None:
    """Paging fields are read and items parsed."""
    data = {
        "accepted": {
            "content": [{"trackNo": "A"}, {"trackNo": "B"}],
            "totalElements": "5",
            "totalPages": 3,
            "currentPage": 1.0,
            "cursor": "abc",
        },
        "rejected": [
            {
                "trackNo": "C",
                "error": {"code": "A0400", "msg": "trackNo not registered"},
            }
        ],
    }
    page = parse_page(data, parse_parcel)
    assert [p.track_no for p in page.items] == ["A", "B"]
    assert (page.cursor, page.current_page, page.total_pages, page.total_elements) == (
        "abc",
        1,
        3,
        5,
    )
    assert not page.is_last
    result = parse_query_result(data, parse_parcel)
    assert [p.track_no for p in result.items] == ["A", "B"]
    assert result.rejected == (Rejected("C", "A0400", "trackNo not registered"),)


def test_page_variants() -> None:
    """Missing, list-shaped and broken pages."""
    assert parse_page(None, parse_parcel) == Page()
    assert parse_page({"accepted": None}, parse_parcel) == Page()
    assert [
        p.track_no
        for p in parse_page({"accepted": [{"trackNo": "A"}]}, parse_parcel).items
    ] == ["A"]
    assert parse_page({"accepted": {}}, parse_parcel).is_last
    with pytest.raises(Track123ResponseError):
        parse_page("nope", parse_parcel)
    with pytest.raises(Track123ResponseError):
        parse_page({"accepted": "nope"}, parse_parcel)
    with pytest.raises(Track123ResponseError):
        parse_page({"accepted": {"content": ["nope"]}}, parse_parcel)


def test_page_is_last() -> None:
    """The last page: no items, no cursor, or current page reached total pages."""
    assert Page(items=(1,), cursor="c", current_page=2, total_pages=2).is_last
    assert not Page(items=(1,), cursor="c").is_last
    assert Page(items=(1,), cursor=None).is_last
    assert Page(items=(), cursor="c").is_last


def test_couriers() -> None:
    """Courier lists in several spellings; entries without a code are skipped."""
    couriers = parse_couriers(
        [
            {
                "courierCode": "ups",
                "courierNameEN": "UPS",
                "courierNameCN": "UPS中文",
                "courierHomePage": "https://ups.com",
            },
            {"carrierCode": "MAEU", "carrierName": "Maersk"},
            {"airlineCode": "176", "airlineName": "Emirates"},
            {"courierNameEN": "no code"},
            "junk",
        ]
    )
    assert [(c.code, c.name) for c in couriers] == [
        ("ups", "UPS"),
        ("MAEU", "Maersk"),
        ("176", "Emirates"),
    ]
    assert couriers[0].name_cn == "UPS中文"
    assert couriers[0].home_page == "https://ups.com"
    assert parse_couriers({"list": [{"courierCode": "dhl"}]})[0].code == "dhl"
    assert parse_couriers({"other": 1}) == ()
    assert parse_couriers(None) == ()


OCEAN = {
    "trackingNo": "MSKU1234567",
    "type": 3,
    "carrierCode": "MAEU",
    "searchStatus": "IN_TRANSIT",
    "pol": {"name": "Shanghai", "unlocode": "CNSHA", "country": "CN"},
    "pod": "Rotterdam",
    "eta": "2026-05-20 06:00:00",
    "containers": [
        {
            "containerNo": "MSKU1234567",
            "transitStatus": "IN_TRANSIT",
            "events": [
                {
                    "eventStatus": "GTIN",
                    "eventTime": "2026-04-20 08:00:00",
                    "locationType": "POL",
                    "location": {
                        "name": "Shanghai",
                        "unlocode": "CNSHA",
                        "country": "CN",
                    },
                    "description": "Gate in",
                },
                {
                    "eventStatus": "DEPA",
                    "eventTime": "2026-04-22 10:00:00",
                    "locationType": "POL",
                    "location": {"name": "Shanghai"},
                    "vessel": "MAERSK ESSEX",
                    "voyage": "123W",
                },
                {"eventStatus": "WARP", "locationType": "MARS"},
                None,
            ],
        },
        {"containerNo": "MSKU7654321", "transitStatus": "??", "events": []},
        "junk",
    ],
}


def test_ocean_shipment() -> None:
    """Ocean shipment, ports, containers and events, newest first."""
    shipment = parse_ocean_shipment(OCEAN)
    assert shipment.tracking_no == "MSKU1234567"
    assert shipment.number_type is OceanNumberType.CONTAINER
    assert shipment.carrier_code == "MAEU"
    assert shipment.search_status is OceanSearchStatus.IN_TRANSIT
    assert shipment.port_of_loading is not None
    assert shipment.port_of_loading.unlocode == "CNSHA"
    assert shipment.port_of_discharge is not None
    assert shipment.port_of_discharge.name == "Rotterdam"
    assert shipment.eta == datetime(2026, 5, 20, 6, tzinfo=UTC)
    assert len(shipment.containers) == 2
    first = shipment.containers[0]
    assert first.status is OceanTransitStatus.IN_TRANSIT
    # The undated event followed DEPA in the list, and stays after it.
    assert [e.status for e in first.events] == [
        OceanEventStatus.DEPA,
        OceanEventStatus.UNKNOWN,
        OceanEventStatus.GTIN,
    ]
    assert first.events[0].vessel == "MAERSK ESSEX"
    assert first.events[0].voyage == "123W"
    assert first.events[0].location_type is OceanLocationType.POL
    assert first.events[1].location_type is OceanLocationType.UNKNOWN
    assert (first.events[1].status_code, first.events[1].location_type_code) == (
        "WARP",
        "MARS",
    )
    assert shipment.containers[1].status is OceanTransitStatus.UNKNOWN
    assert shipment.containers[1].last_event is None
    last = shipment.last_event
    assert last is not None and last.status is OceanEventStatus.DEPA


def test_ocean_last_event_variants() -> None:
    """Untimed events are used only when nothing is timed."""
    shipment = parse_ocean_shipment(
        {"trackingNo": "X", "containers": [{"events": [{"eventStatus": "LOAD"}]}]}
    )
    assert shipment.last_event is not None
    assert shipment.last_event.status is OceanEventStatus.LOAD
    empty = parse_ocean_shipment({"trackingNo": "X", "type": "2", "pol": {}})
    assert empty.last_event is None
    assert empty.number_type is OceanNumberType.BILL_OF_LADING
    assert empty.port_of_loading is None
    with pytest.raises(Track123ResponseError):
        parse_ocean_shipment([])


def test_air_shipment() -> None:
    """Air waybill, flights and events, newest first."""
    shipment = parse_air_shipment(
        {
            "trackingNo": "176-12345675",
            "airlineCode": "EK",
            "aviationStatus": "ARRIVED",
            "origin": "DXB",
            "destination": "JFK",
            "pieces": "3",
            "weight": "120.5",
            "flights": [
                {
                    "flightNo": "EK201",
                    "from": "DXB",
                    "to": "JFK",
                    "departureTime": "2026-04-28 02:00:00",
                    "arrivalTime": "2026-04-28 16:00:00",
                },
                7,
            ],
            "events": [
                {"status": "BOOKED", "eventTime": "2026-04-27 09:00:00"},
                {
                    "status": "ARRIVED",
                    "eventTime": "2026-04-28 12:00:00",
                    "timezone": "-04:00",
                    "location": "JFK",
                    "flightNo": "EK201",
                    "pieces": 3,
                    "description": "Arrived",
                },
                {"status": "BEAMED"},
                [],
            ],
        }
    )
    assert shipment.awb == "176-12345675"
    assert shipment.airline_code == "EK"
    assert shipment.status is AirStatus.ARRIVED
    assert (shipment.origin, shipment.destination) == ("DXB", "JFK")
    assert shipment.pieces == 3
    assert shipment.weight == 120.5
    assert len(shipment.flights) == 1
    assert shipment.flights[0].origin == "DXB"
    # Zone-less, and equal to the ARRIVED event's UTC time (12:00 at -04:00): UTC.
    assert shipment.flights[0].arrival_time == datetime(2026, 4, 28, 16, tzinfo=UTC)
    assert [e.status for e in shipment.events] == [
        AirEventStatus.ARRIVED,
        AirEventStatus.UNKNOWN,  # undated, after the event before it
        AirEventStatus.BOOKED,
    ]
    assert shipment.events[1].status_code == "BEAMED"
    last = shipment.last_event
    assert last is not None and last.time == datetime(2026, 4, 28, 16, tzinfo=UTC)
    assert last.pieces == 3
    empty = parse_air_shipment({"awb": "1", "weight": "heavy", "aviationStatus": None})
    assert empty.status is AirStatus.UNKNOWN
    assert empty.weight is None
    assert empty.last_event is None
    with pytest.raises(Track123ResponseError):
        parse_air_shipment("176-1")


@pytest.mark.parametrize(
    ("value", "text", "integer", "number"),
    [
        ("  ", None, None, None),
        (True, None, None, None),
        (3, "3", 3, 3.0),
        (2.5, "2.5", None, 2.5),
        ("4", "4", 4, 4.0),
        ("nan", "nan", None, None),
        ("x", "x", None, None),
        (None, None, None, None),
        ([], None, None, None),
    ],
)
def test_primitive_readers(value: object, text, integer, number) -> None:
    """Primitive readers are lenient."""
    assert as_str(value) == text
    assert as_int(value) == integer
    assert as_float(value) == number


def test_primitive_readers_on_a_huge_integer() -> None:
    """An integer of more digits than str() may write is no text and no float."""
    huge = 10**5000
    assert as_str(huge) is None
    assert as_int(huge) == huge
    assert as_float(huge) is None
