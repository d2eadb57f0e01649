"""Tests of time parsing and formatting."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from custom_components.track123.api.parsing import (
    parse_air_shipment,
    parse_ocean_shipment,
    parse_parcel,
)
from custom_components.track123.api.times import (
    Stamp,
    event_stamp,
    format_time,
    parse_offset,
    parse_time,
    parse_zone,
)

PLUS_8 = timezone(timedelta(hours=8))
MINUS_7 = timezone(timedelta(hours=-7))
PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("-07:00", timezone(timedelta(hours=-7))),
        ("+0800", timezone(timedelta(hours=8))),
        ("+8", timezone(timedelta(hours=8))),
        ("-07", timezone(timedelta(hours=-7))),
        ("+05:45", timezone(timedelta(hours=5, minutes=45))),
        ("UTC+8", timezone(timedelta(hours=8))),
        ("GMT-3:30", timezone(-timedelta(hours=3, minutes=30))),
        ("Z", UTC),
        ("utc", UTC),
        ("+25:00", None),
        ("Europe/Paris", None),
        ("", None),
        (None, None),
        (7, None),
    ],
)
def test_parse_offset(value: object, expected: timezone | None) -> None:
    """Offsets in the usual spellings parse; anything else is None."""
    assert parse_offset(value) == expected


def test_parse_time_without_zone_is_utc() -> None:
    """A time without zone is UTC and aware."""
    parsed = parse_time("2026-04-29 05:39:00")
    assert parsed == datetime(2026, 4, 29, 5, 39, tzinfo=UTC)
    assert parsed is not None and parsed.tzinfo is UTC


def test_parse_time_with_given_zone() -> None:
    """A time without zone takes the given zone."""
    parsed = parse_time("2026-04-29 05:39:00", parse_offset("-07:00"))
    assert parsed == datetime(2026, 4, 29, 12, 39, tzinfo=UTC)


def test_parse_time_with_own_zone() -> None:
    """A zone in the text wins."""
    assert parse_time("2026-04-29T12:39:00Z") == datetime(
        2026, 4, 29, 12, 39, tzinfo=UTC
    )
    assert parse_time("2026-04-29T05:39:00-07:00", UTC) == datetime(
        2026, 4, 29, 12, 39, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1_777_464_000, datetime(2026, 4, 29, 12, 0, tzinfo=UTC)),
        (1_777_464_000_000, datetime(2026, 4, 29, 12, 0, tzinfo=UTC)),
        ("2026-05-01", datetime(2026, 5, 1, tzinfo=UTC)),
        ("", None),
        ("  ", None),
        ("yesterday", None),
        ("2026-13-45 99:00:00", None),
        (None, None),
        (True, None),
        (1e300, None),
        ([2026], None),
    ],
)
def test_parse_time_lenient(value: object, expected: datetime | None) -> None:
    """Epoch numbers, dates and garbage are handled without raising."""
    assert parse_time(value) == expected


def test_format_time() -> None:
    """Aware times are sent in UTC, naive ones as they are."""
    assert format_time(datetime(2026, 1, 1, 12, tzinfo=UTC)) == "2026-01-01 12:00:00"
    assert (
        format_time(datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=2))))
        == "2026-01-01 10:00:00"
    )
    assert format_time(datetime(2026, 1, 1, 12)) == "2026-01-01 12:00:00"  # noqa: DTZ001


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-04-29 05:39:00", datetime(2026, 4, 29, 5, 39, tzinfo=UTC)),
        ("2026/04/29 05:39:00", datetime(2026, 4, 29, 5, 39, tzinfo=UTC)),
        ("2026/4/9 5:39", datetime(2026, 4, 9, 5, 39, tzinfo=UTC)),
        ("2026-04-29 05:39", datetime(2026, 4, 29, 5, 39, tzinfo=UTC)),
        ("2026-04-29T05:39:00", datetime(2026, 4, 29, 5, 39, tzinfo=UTC)),
        ("2026-04-29T12:39:00Z", datetime(2026, 4, 29, 12, 39, tzinfo=UTC)),
        (
            "2026-04-29T12:39:00.123Z",
            datetime(2026, 4, 29, 12, 39, 0, 123000, tzinfo=UTC),
        ),
        (
            "2026-04-29 12:39:00.123456789",
            datetime(2026, 4, 29, 12, 39, 0, 123456, tzinfo=UTC),
        ),
        ("2026-04-29 13:39:00+08:00", datetime(2026, 4, 29, 5, 39, tzinfo=UTC)),
        ("2026-04-29 13:39:00+0800", datetime(2026, 4, 29, 5, 39, tzinfo=UTC)),
        ("2026-04-29 13:39:00 +8", datetime(2026, 4, 29, 5, 39, tzinfo=UTC)),
        ("2026-04-29T05:39:00-07", datetime(2026, 4, 29, 12, 39, tzinfo=UTC)),
        ("2026-04-29 05:39:00 UTC", datetime(2026, 4, 29, 5, 39, tzinfo=UTC)),
        ("2026-09-25", datetime(2026, 9, 25, tzinfo=UTC)),
        ("2026/09/25", datetime(2026, 9, 25, tzinfo=UTC)),
        ("1777464000", datetime(2026, 4, 29, 12, 0, tzinfo=UTC)),
        ("1777464000000", datetime(2026, 4, 29, 12, 0, tzinfo=UTC)),
        (1_777_464_000.5, datetime(2026, 4, 29, 12, 0, 0, 500000, tzinfo=UTC)),
        ("2026-04-29 05:39:00+25:00", None),
        ("2026-04-29 05:39:00 Mars", None),
        ("29.04.2026", None),
        ("2026-04-29 24:00:00", None),
        ("2026-04-29T24:00:00Z", None),
        ("2026-02-30 05:39:00", None),
        ("2026-04-29 05:39:6Z", None),
        ("99999999999999999999", None),
    ],
)
def test_every_plausible_format(value: object, expected: datetime | None) -> None:
    """Every format carriers and Track123 were seen writing; anything else is None."""
    assert parse_time(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Asia/Shanghai", ZoneInfo("Asia/Shanghai")),
        ("America/Argentina/Buenos_Aires", ZoneInfo("America/Argentina/Buenos_Aires")),
        ("Mars/Olympus", None),
        ("../../etc/passwd", None),
        ("+08:00", PLUS_8),
    ],
)
def test_parse_zone(value: str, expected: object) -> None:
    """A timezone field may be an offset or an IANA name."""
    assert parse_zone(value) == expected


def test_stamp_prefers_the_utc_time_when_it_agrees() -> None:
    """EventTimeZeroUTC and eventTime + timezone agree: the UTC time, with the zone."""
    stamp = event_stamp("2026-04-29T12:39:00Z", "2026-04-29 05:39:00", "-07:00", UTC)
    assert stamp == Stamp(
        datetime(2026, 4, 29, 12, 39, tzinfo=UTC),
        datetime(2026, 4, 29, 5, 39),  # noqa: DTZ001
        MINUS_7,
    )


def test_stamp_trusts_local_time_when_the_utc_time_contradicts_it() -> None:
    """The docs' webhook example: one eventTimeZeroUTC for every event."""
    shared = "2021-08-12T10:32:41Z"
    first = event_stamp(shared, "2021-08-12 10:32:41", "-04:00", UTC)
    second = event_stamp(shared, "2021-08-10 08:01:00", "-04:00", UTC)
    assert first.time == datetime(2021, 8, 12, 14, 32, 41, tzinfo=UTC)
    assert second.time == datetime(2021, 8, 10, 12, 1, tzinfo=UTC)


def test_stamp_of_a_zone_less_local_time() -> None:
    """Without timezone: the UTC time if a real zone could explain it, else the fallback."""
    implied = event_stamp("2026-04-29T12:39:00Z", "2026-04-29 05:39:00", None, PARIS)
    assert implied.time == datetime(2026, 4, 29, 12, 39, tzinfo=UTC)
    assert implied.zone == MINUS_7
    unrelated = event_stamp("2021-08-12T10:32:41Z", "2026-04-29 05:39:00", "", PARIS)
    assert unrelated.time == datetime(2026, 4, 29, 5, 39, tzinfo=PARIS)
    assert unrelated.zone is None
    odd_offset = event_stamp("2026-04-29T12:32:00Z", "2026-04-29 05:39:00", None, UTC)
    assert odd_offset.time == datetime(2026, 4, 29, 5, 39, tzinfo=UTC)


def test_stamp_with_only_one_time() -> None:
    """Only a UTC time, or only a local time carrying its own offset."""
    assert event_stamp("2026-04-29T12:39:00Z", None, "+08:00", UTC) == Stamp(
        datetime(2026, 4, 29, 12, 39, tzinfo=UTC), None, PLUS_8
    )
    own = event_stamp(None, "2026-04-29T20:39:00+08:00", None, UTC)
    assert own.time == datetime(2026, 4, 29, 12, 39, tzinfo=UTC)
    assert own.zone == PLUS_8
    assert event_stamp(None, None, None, UTC) == Stamp(None)


# The shape of the docs' webhook example: every event has the same eventTimeZeroUTC.
DOCS_EXAMPLE = {
    "createTime": "2021-09-24 14:57:51",
    "deliveredDays": 4,
    "deliveredTime": "2021-08-12 10:32:41",
    "id": 229255084490768384,
    "lastTrackingTime": "2021-08-12 10:32:41",
    "trackNo": "9261290306876200178939",
    "transitStatus": "DELIVERED",
    "transitSubStatus": "DELIVERED_01",
    "localLogisticsInfo": {
        "courierCode": "4px",
        "courierNameEN": "4PX",
        "trackingDetails": [
            {
                "address": "Mableton, GA",
                "eventDetail": "Delivered",
                "eventTime": "2021-08-12 10:32:41",
                "eventTimeZeroUTC": "2021-09-24T06:57:51Z",
                "timezone": "-04:00",
                "transitSubStatus": "DELIVERED_01",
            },
            {
                "address": "Shenzhen",
                "eventDetail": "Departed from facility",
                "eventTime": "2021-08-08 20:01:00",
                "eventTimeZeroUTC": "2021-09-24T06:57:51Z",
                "timezone": "+08:00",
                "transitSubStatus": "IN_TRANSIT_01",
            },
        ],
    },
}


def test_the_docs_example() -> None:
    """Each event at its own local time; zone-less shipment times in the matching zone."""
    parcel = parse_parcel(DOCS_EXAMPLE)
    assert [e.time for e in parcel.events] == [
        datetime(2021, 8, 12, 14, 32, 41, tzinfo=UTC),
        datetime(2021, 8, 8, 12, 1, tzinfo=UTC),
    ]
    assert parcel.delivered_time == datetime(2021, 8, 12, 14, 32, 41, tzinfo=UTC)
    assert parcel.last_tracking_time == parcel.delivered_time
    assert parcel.created_time == datetime(2021, 9, 24, 14, 57, 51, tzinfo=UTC)


def test_shipment_time_in_the_zone_of_the_event_it_matches() -> None:
    """A time equal to an older event's wall time takes that event's zone."""
    parcel = parse_parcel(
        DOCS_EXAMPLE
        | {"lastTrackingTime": "2021-08-08 20:01:00", "deliveredTime": None}
    )
    assert parcel.last_tracking_time == datetime(2021, 8, 8, 12, 1, tzinfo=UTC)
    other = parse_parcel(DOCS_EXAMPLE | {"deliveredTime": "2021-08-13 09:00:00"})
    # No event at that wall time: the newest event's zone (-04:00).
    assert other.delivered_time == datetime(2021, 8, 13, 13, 0, tzinfo=UTC)


def test_shipment_time_without_anything_to_infer_from() -> None:
    """No event with a zone: the caller's default zone; all times aware."""
    parcel = parse_parcel(
        {"trackNo": "X", "deliveredTime": "2026-05-02 14:00:00"}, zone=PARIS
    )
    assert parcel.delivered_time == datetime(2026, 5, 2, 14, tzinfo=PARIS)
    assert parse_parcel(
        {"trackNo": "X", "deliveredTime": "2026-05-02 14:00:00"}
    ).delivered_time == datetime(2026, 5, 2, 14, tzinfo=UTC)


def test_cargo_times_take_their_events_zones() -> None:
    """Ocean ETD and air flight times: the events' zones; UTC event times used."""
    ocean = parse_ocean_shipment(
        {
            "trackingNo": "MSKU1234567",
            "etd": "2026-04-22 10:00:00",
            "containers": [
                {
                    "events": [
                        {
                            "eventStatus": "DEPA",
                            "eventTime": "2026-04-22 10:00:00",
                            "eventTimeUTC": "2026-04-22T02:00:00Z",
                        }
                    ]
                }
            ],
        },
        zone=PARIS,
    )
    assert ocean.containers[0].events[0].time == datetime(2026, 4, 22, 2, tzinfo=UTC)
    assert ocean.etd == datetime(2026, 4, 22, 2, tzinfo=UTC)
    air = parse_air_shipment(
        {"trackingNo": "176-1", "flights": [{"departureTime": "2026-04-28 02:00:00"}]},
        zone=PARIS,
    )
    assert air.flights[0].departure_time == datetime(2026, 4, 28, 2, tzinfo=PARIS)


def test_stamp_at_the_edge_of_time() -> None:
    """A UTC time that cannot be brought to UTC is no evidence of a zone."""
    stamp = event_stamp("0001-01-01T00:00:00+14:00", "0001-01-01 10:00:00", None, UTC)
    assert stamp.time == datetime(1, 1, 1, 10, tzinfo=UTC)
    assert stamp.zone is None


def test_shipment_time_equal_to_an_event_utc_time_is_utc() -> None:
    """A service writing shipment times in UTC: the match with an event's UTC time says so."""
    parcel = parse_parcel(
        {
            "trackNo": "X",
            "deliveredTime": "2026-04-29 12:39:00",
            "lastTrackingTime": "2026-04-29 05:39:00",
            "localLogisticsInfo": {
                "trackingDetails": [
                    {
                        "eventTime": "2026-04-29 05:39:00",
                        "eventTimeZeroUTC": "2026-04-29T12:39:00Z",
                        "timezone": "-07:00",
                        "eventDetail": "Delivered",
                    },
                    {"eventTime": "0001-01-01T00:00:00+14:00", "eventDetail": "Odd"},
                ]
            },
        }
    )
    assert parcel.delivered_time == datetime(2026, 4, 29, 12, 39, tzinfo=UTC)
    # Equal to the event's local wall time: the event's zone wins.
    assert parcel.last_tracking_time == parcel.delivered_time
