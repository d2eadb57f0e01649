"""Tests of time parsing and formatting."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from custom_components.track123.api.times import format_time, parse_offset, parse_time


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("-07:00", timezone(timedelta(hours=-7))),
        ("+0800", timezone(timedelta(hours=8))),
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
