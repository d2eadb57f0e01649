"""One expected-delivery window, whatever form Track123 gives it."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from custom_components.track123.api import ExpectedDelivery
from custom_components.track123.api.parsing import (
    parse_expected_delivery,
    parse_ocean_shipment,
    parse_parcel,
)

MINUS_5 = timezone(timedelta(hours=-5))


def _at(*args: int, tz: timezone = UTC) -> datetime:
    """Return an aware datetime."""
    return datetime(*args, tzinfo=tz)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            {"expectedDelivery": "2026-09-25"},
            ExpectedDelivery(_at(2026, 9, 25), _at(2026, 9, 26), all_day=True),
        ),
        (
            {"expectedDelivery": "2026-09-25 ~ 2026-09-27"},
            ExpectedDelivery(_at(2026, 9, 25), _at(2026, 9, 28), all_day=True),
        ),
        (
            {"expectedDelivery": "2026-09-25 14:00:00"},
            ExpectedDelivery(_at(2026, 9, 25, 14), _at(2026, 9, 25, 14)),
        ),
        (
            {"expectedDelivery": "2026-09-25 09:00 ~ 2026-09-25 17:00"},
            ExpectedDelivery(_at(2026, 9, 25, 9), _at(2026, 9, 25, 17)),
        ),
        (
            {
                "expectedDeliveryTime": {
                    "start": "2026-05-03 08:00:00",
                    "end": "2026-05-03 20:00:00",
                    "timezone": "-05:00",
                }
            },
            ExpectedDelivery(
                _at(2026, 5, 3, 8, tz=MINUS_5), _at(2026, 5, 3, 20, tz=MINUS_5)
            ),
        ),
        (
            {"expectedDeliveryTime": {"start": "2026-05-03", "end": "2026-05-04"}},
            ExpectedDelivery(_at(2026, 5, 3), _at(2026, 5, 5), all_day=True),
        ),
        (
            {
                "expectedDeliveryTime": {
                    "start": "2026-05-03",
                    "end": "2026-05-04 12:00",
                }
            },
            ExpectedDelivery(_at(2026, 5, 3), _at(2026, 5, 4, 12)),
        ),
        (
            {"expectedDelivery": "2026-09-25 ~"},
            ExpectedDelivery(_at(2026, 9, 25), None, all_day=True),
        ),
        (
            {"expectedDeliveryTime": None, "expectedDelivery": 1_790_000_000_000},
            ExpectedDelivery(
                _at(2026, 9, 21, 14, 13, 20), _at(2026, 9, 21, 14, 13, 20)
            ),
        ),
        (
            {"expectedDelivery": "9999-12-31"},
            ExpectedDelivery(_at(9999, 12, 31), None, all_day=True),
        ),
        ({"expectedDelivery": "soon"}, None),
        ({}, None),
    ],
)
def test_window_forms(
    item: dict[str, object], expected: ExpectedDelivery | None
) -> None:
    """Dates cover whole days with an exclusive end; times give start = end."""
    assert parse_expected_delivery(item) == expected


def test_window_of_a_date_in_the_parcel_zone() -> None:
    """A bare date is a day in the zone of the parcel's newest event."""
    parcel = parse_parcel(
        {
            "trackNo": "9400100000000000000000",
            "expectedDelivery": "2026-09-25",
            "localLogisticsInfo": {
                "trackingDetails": [
                    {
                        "eventTime": "2026-09-23 18:00:00",
                        "timezone": "-05:00",
                        "eventDetail": "Arrived at USPS facility",
                    }
                ]
            },
        }
    )
    assert parcel.expected_delivery == ExpectedDelivery(
        _at(2026, 9, 25, tz=MINUS_5), _at(2026, 9, 26, tz=MINUS_5), all_day=True
    )


def test_ocean_eta_gives_the_window() -> None:
    """ETA and ETD read alike; the ETA's window is the shipment's expected delivery."""
    dated = parse_ocean_shipment(
        {"trackingNo": "X", "eta": "2026-05-20", "etd": "2026-04-22"}
    )
    assert dated.eta == _at(2026, 5, 20)
    assert dated.etd == _at(2026, 4, 22)
    assert dated.expected_delivery == ExpectedDelivery(
        _at(2026, 5, 20), _at(2026, 5, 21), all_day=True
    )
    timed = parse_ocean_shipment({"trackingNo": "X", "eta": "2026-05-20 06:00:00"})
    assert timed.expected_delivery == ExpectedDelivery(
        _at(2026, 5, 20, 6), _at(2026, 5, 20, 6)
    )
    assert parse_ocean_shipment({"trackingNo": "X"}).expected_delivery is None


def test_a_window_is_kept_once_for_every_shipment_expected_then() -> None:
    """Parcels expected the same day share one window; another zone keeps its own."""
    hours = {"start": "2026-09-25T08:00:00+08:00", "end": "2026-09-25T18:00:00+08:00"}
    first = parse_parcel({"trackNo": "A1", "expectedDeliveryTime": hours})
    second = parse_parcel({"trackNo": "B2", "expectedDeliveryTime": hours})
    # The same moments, written in UTC: equal, but shown with another offset.
    utc = parse_parcel(
        {
            "trackNo": "C3",
            "expectedDeliveryTime": {
                "start": "2026-09-25T00:00:00Z",
                "end": "2026-09-25T10:00:00Z",
            },
        }
    )

    assert first.expected_delivery is second.expected_delivery
    assert first.expected_delivery is not None and utc.expected_delivery is not None
    assert utc.expected_delivery.start == first.expected_delivery.start
    assert first.expected_delivery.start is not None
    assert first.expected_delivery.start.isoformat() == "2026-09-25T08:00:00+08:00"
    assert utc.expected_delivery.start is not None
    assert utc.expected_delivery.start.isoformat() == "2026-09-25T00:00:00+00:00"


def test_the_last_tracking_time_is_the_newest_events_when_equal() -> None:
    """One object for the same moment; a moment in another zone keeps its zone."""
    event = {"eventTime": "2026-09-25T10:00:00+02:00", "eventDetail": "Delivered"}
    parcel = parse_parcel(
        {
            "trackNo": "A1",
            "localLogisticsInfo": {"trackingDetails": [event]},
            "lastTrackingTime": "2026-09-25T10:00:00+02:00",
            "deliveredTime": "2026-09-25T08:00:00Z",
        }
    )

    assert parcel.events[0].time is not None
    assert parcel.last_tracking_time is parcel.events[0].time
    assert parcel.delivered_time == parcel.events[0].time
    assert parcel.delivered_time is not None
    assert parcel.delivered_time.isoformat() == "2026-09-25T08:00:00+00:00"
