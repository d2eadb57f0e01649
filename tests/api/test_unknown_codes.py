"""Codes the library does not know are kept as raw text, mapped to their family, logged once."""

import logging

import pytest

from custom_components.track123.api import (
    AirEventStatus,
    AirStatus,
    OceanEventStatus,
    OceanSearchStatus,
    OceanTransitStatus,
    ParcelStatus,
    ParcelSubStatus,
    QueryStatus,
    codes,
)
from custom_components.track123.api.parsing import (
    parse_air_shipment,
    parse_ocean_shipment,
    parse_parcel,
)


@pytest.fixture(autouse=True)
def fresh_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no code reported yet."""
    monkeypatch.setattr(codes, "_REPORTED", set())


@pytest.mark.parametrize(
    ("code", "family"),
    [
        ("IN_TRANSIT_11", ParcelStatus.IN_TRANSIT),
        ("WAITING_DELIVERY_9", ParcelStatus.WAITING_DELIVERY),
        ("delivered_05", ParcelStatus.DELIVERED),
        ("ABNORMAL_02", ParcelStatus.ABNORMAL),
        ("TELEPORTED_01", ParcelStatus.UNKNOWN),
        ("IN_TRANSIT", ParcelStatus.UNKNOWN),
        ("IN_TRANSIT_X", ParcelStatus.UNKNOWN),
        (None, ParcelStatus.UNKNOWN),
        (7, ParcelStatus.UNKNOWN),
    ],
)
def test_sub_status_family(code: object, family: ParcelStatus) -> None:
    """A sub-status belongs to the status its prefix names, known or not."""
    assert ParcelSubStatus.family(code) is family


def test_parcel_keeps_raw_codes_and_takes_the_family() -> None:
    """A new transit status and sub-status: raw text kept, status from the family."""
    parcel = parse_parcel(
        {
            "trackNo": "LV209031969CN",
            "trackingStatus": "007",
            "transitStatus": "IN_CUSTOMS",
            "transitSubStatus": "IN_TRANSIT_11",
            "localLogisticsInfo": {
                "trackingDetails": [
                    {
                        "eventTime": "2026-04-29 05:39:00",
                        "timezone": "-07:00",
                        "eventDetail": "Held at customs",
                        "transitSubStatus": "IN_TRANSIT_11",
                    }
                ]
            },
        }
    )
    assert parcel.status is ParcelStatus.IN_TRANSIT
    assert parcel.status_code == "IN_CUSTOMS"
    assert parcel.sub_status is ParcelSubStatus.UNKNOWN
    assert parcel.sub_status_code == "IN_TRANSIT_11"
    assert parcel.query_status is QueryStatus.UNKNOWN
    assert parcel.query_status_code == "007"
    [event] = parcel.events
    assert event.sub_status is ParcelSubStatus.UNKNOWN
    assert event.sub_status_code == "IN_TRANSIT_11"


def test_missing_status_takes_the_known_sub_status_family() -> None:
    """No transitStatus but a known sub-status: the sub-status's family."""
    parcel = parse_parcel({"trackNo": "X", "transitSubStatus": "DELIVERED_03"})
    assert parcel.status is ParcelStatus.DELIVERED
    assert parcel.status_code is None
    assert parcel.sub_status is ParcelSubStatus.DELIVERED_03


def test_known_status_wins_over_the_family() -> None:
    """A known transitStatus is kept even when the sub-status says otherwise."""
    parcel = parse_parcel(
        {"trackNo": "X", "transitStatus": "EXPIRED", "transitSubStatus": "DELIVERED_01"}
    )
    assert parcel.status is ParcelStatus.EXPIRED


def test_unknown_without_a_family_stays_unknown() -> None:
    """Neither status nor sub-status known: UNKNOWN, raw codes kept."""
    parcel = parse_parcel(
        {"trackNo": "X", "transitStatus": "LOST", "transitSubStatus": "LOST_01"}
    )
    assert parcel.status is ParcelStatus.UNKNOWN
    assert (parcel.status_code, parcel.sub_status_code) == ("LOST", "LOST_01")


def test_cargo_keeps_raw_codes() -> None:
    """Ocean and air statuses the library does not know keep their raw text."""
    ocean = parse_ocean_shipment(
        {
            "trackingNo": "MSKU1234567",
            "searchStatus": "PARTIAL",
            "containers": [
                {
                    "containerNo": "MSKU1234567",
                    "transitStatus": "ON_RAIL",
                    "events": [{"eventStatus": "RAIL", "eventTime": "2026-04-20"}],
                }
            ],
        }
    )
    assert ocean.search_status is OceanSearchStatus.UNKNOWN
    assert ocean.search_status_code == "PARTIAL"
    container = ocean.containers[0]
    assert container.status is OceanTransitStatus.UNKNOWN
    assert container.status_code == "ON_RAIL"
    assert container.events[0].status is OceanEventStatus.UNKNOWN
    assert container.events[0].status_code == "RAIL"
    air = parse_air_shipment(
        {
            "trackingNo": "176-12345675",
            "aviationStatus": "OFFLOADED",
            "events": [{"status": "OFFLOADED", "eventTime": "2026-04-28 12:00:00"}],
        }
    )
    assert air.status is AirStatus.UNKNOWN
    assert air.status_code == "OFFLOADED"
    assert air.events[0].status is AirEventStatus.UNKNOWN
    assert air.events[0].status_code == "OFFLOADED"


def test_unknown_codes_are_logged_once_per_code(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Polling the same unknown code again and again logs it once, with the code."""
    caplog.set_level(logging.INFO, logger=codes.__name__)
    payload = {"trackNo": "X", "transitStatus": "IN_CUSTOMS"}
    for _ in range(5):
        parse_parcel(payload)
    parse_parcel({"trackNo": "Y", "transitStatus": "ON_HOLD"})
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "'IN_CUSTOMS'" in messages[0] and "ParcelStatus" in messages[0]
    assert "'ON_HOLD'" in messages[1]
    assert all(r.levelno == logging.WARNING for r in caplog.records)


def test_known_and_empty_codes_are_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    """Known codes, UNKNOWN itself, null and empty values log nothing."""
    caplog.set_level(logging.INFO, logger=codes.__name__)
    parse_parcel(
        {"trackNo": "X", "transitStatus": "DELIVERED", "transitSubStatus": None}
    )
    OceanEventStatus.parse("UNKNOWN")
    ParcelStatus.parse("  ")
    assert caplog.records == []


def test_reports_are_bounded(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server sending endless new garbage cannot grow the record without end."""
    monkeypatch.setattr(codes, "_MAX_REPORTED", 3)
    caplog.set_level(logging.INFO, logger=codes.__name__)
    for index in range(10):
        ParcelStatus.parse(f"GARBAGE_{index}")
    assert len(caplog.records) == 3
