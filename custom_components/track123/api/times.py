"""Parsing and formatting of Track123 time values."""

from datetime import UTC, datetime, timedelta, timezone
import re

from .const import TIME_FORMAT

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
_MILLISECONDS_THRESHOLD = 100_000_000_000


def parse_offset(value: object) -> timezone | None:
    """Parse a UTC offset such as ``"-07:00"``, ``"+0800"`` or ``"UTC+8"``."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    if not (match := _OFFSET.match(text)):
        return None
    sign, hours, minutes = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta >= timedelta(hours=24):
        return None
    return timezone(-delta if sign == "-" else delta)


def parse_time(value: object, tz: timezone | None = None) -> datetime | None:
    """Parse a time into a timezone-aware datetime; ``None`` when absent or invalid.

    Accepts ``"YYYY-MM-DD HH:MM:SS"``, ISO-8601 (with or without zone) and epoch
    seconds or milliseconds. A time without zone is in ``tz``, else UTC.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            # Dividing a huge integer overflows too: it has to be inside the try.
            seconds = value / 1000 if abs(value) >= _MILLISECONDS_THRESHOLD else value
            return datetime.fromtimestamp(seconds, UTC)
        except OverflowError, OSError, ValueError:
            return None
    if not isinstance(value, str) or not (text := value.strip()):
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=tz or UTC)
    return parsed


def format_time(value: datetime) -> str:
    """Format a datetime as ``"YYYY-MM-DD HH:MM:SS"`` (aware times in UTC)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime(TIME_FORMAT)
