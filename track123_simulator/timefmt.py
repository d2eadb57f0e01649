"""Time formatting and parsing in the API's string formats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

API_FORMAT = "%Y-%m-%d %H:%M:%S"


def fmt(moment: datetime | None) -> str | None:
    """``YYYY-MM-DD HH:MM:SS`` in UTC, or None."""
    return None if moment is None else moment.astimezone(UTC).strftime(API_FORMAT)


def fmt_local(moment: datetime, utc_offset: str) -> str:
    """``YYYY-MM-DD HH:MM:SS`` at the given ``+HH:MM`` offset."""
    return (moment.astimezone(UTC) + offset_delta(utc_offset)).strftime(API_FORMAT)


def iso_z(moment: datetime) -> str:
    """ISO-8601 UTC with a ``Z`` suffix."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def offset_delta(utc_offset: str) -> timedelta:
    """``"-07:00"`` -> ``timedelta(hours=-7)``."""
    sign = -1 if utc_offset.startswith("-") else 1
    hours, minutes = utc_offset.lstrip("+-").split(":")
    return sign * timedelta(hours=int(hours), minutes=int(minutes))


def parse_api_time(text: str) -> datetime:
    """Parse ``YYYY-MM-DD HH:MM:SS`` (or ISO-8601) as UTC; raise ValueError otherwise."""
    text = text.strip()
    try:
        parsed = datetime.strptime(text, API_FORMAT)  # noqa: DTZ007 - made aware below
    except ValueError:
        parsed = datetime.fromisoformat(text)
    return (
        parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    )
