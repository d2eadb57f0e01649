"""Parsing and formatting of Track123 time values, and the zones they are in.

Track123 writes times in many ways (``2026-04-29 05:39:00``, ``2026/04/29 05:39``,
ISO-8601 with ``T``, ``Z`` or an offset, epoch seconds or milliseconds, bare dates)
and often without a zone. Events carry the carrier's local time (``eventTime``) with
its offset (``timezone``) and a UTC time (``eventTimeZeroUTC``) that is not always
right; shipment-level times carry no zone at all. This module reads all of them and
decides each time's zone.
"""

from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
import re
from typing import NamedTuple
from zoneinfo import ZoneInfo

from .const import TIME_FORMAT
from .models import ExpectedDelivery

_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){1,2}")
_DATE_TIME = re.compile(
    r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|UTC|GMT|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_EPOCH = re.compile(r"-?\d{1,20}(?:\.\d+)?")
# Epoch values at least this large are milliseconds (1e11 s is in the year 5138).
_MILLISECONDS_THRESHOLD = 100_000_000_000
# Expected windows kept once for all shipments (the most recently read).
SHARED_WINDOWS = 1024
# How far a UTC time may be from the local time and zone it comes with and still
# be the same moment (carriers round to the minute).
_AGREEMENT = timedelta(minutes=1)
_EARLIEST_OFFSET = timedelta(hours=-12)
_LATEST_OFFSET = timedelta(hours=14)
_OFFSET_STEP = timedelta(minutes=15)


def parse_offset(value: object) -> timezone | None:
    """Parse a UTC offset such as ``"-07:00"``, ``"+0800"``, ``"+8"`` or ``"UTC+8"``."""
    if not isinstance(value, str):
        return None
    return _offset(value)


@lru_cache(maxsize=256)
def _offset(value: str) -> timezone | None:
    """Parse an offset's text; cached, as every event of a carrier repeats a few."""
    text = value.strip()
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    if not (match := _OFFSET.fullmatch(text)):
        return None
    sign, hours, minutes = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta >= timedelta(hours=24):
        return None
    return timezone(-delta if sign == "-" else delta)


@lru_cache(maxsize=64)
def _named_zone(name: str) -> tzinfo | None:
    """Return the IANA zone of a name, None when there is none of that name."""
    try:
        return ZoneInfo(name)
    except ValueError, KeyError, OSError:
        return None


def parse_zone(value: object) -> tzinfo | None:
    """Parse a ``timezone`` field: an offset or an IANA name (``Asia/Shanghai``)."""
    if (offset := parse_offset(value)) is not None:
        return offset
    if isinstance(value, str) and _ZONE_NAME.fullmatch(text := value.strip()):
        return _named_zone(text)
    return None


class Reading(NamedTuple):
    """A time as written: the moment (naive when written without zone) and whether it is a bare date."""

    moment: datetime
    date_only: bool = False


def _from_epoch(number: float) -> Reading | None:
    """Read epoch seconds or milliseconds, told apart by magnitude."""
    try:
        seconds = number / 1000 if abs(number) >= _MILLISECONDS_THRESHOLD else number
        return Reading(datetime.fromtimestamp(seconds, UTC))
    except OverflowError, OSError, ValueError:
        return None


def _common_form(text: str) -> Reading | None:
    """Read ``YYYY-MM-DD HH:MM:SS`` (or with ``T``), bare or with ``Z``: most times.

    The standard library reads these faster than the general pattern, to the same
    moment; None leaves any other text to the pattern.
    """
    size = len(text)
    if not (
        (size == 19 or (size == 20 and text[19] == "Z"))
        and text[4] == text[7] == "-"
        and text[10] in " T"
        and text[13] == text[16] == ":"
        and text[11:13] != "24"  # the standard library reads 24:00 as the next day
        and text.isascii()
    ):
        return None
    try:
        return Reading(datetime.fromisoformat(text))
    except ValueError:
        return None


def read_time(value: object) -> Reading | None:
    """Read a time in any of Track123's forms; None for anything else, never an error."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(value)
    if not isinstance(value, str) or not (text := value.strip()):
        return None
    if (common := _common_form(text)) is not None:
        return common
    if _EPOCH.fullmatch(text):
        return _from_epoch(float(text) if "." in text else int(text))
    if not (match := _DATE_TIME.fullmatch(text)):
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    tz = parse_offset(zone) if zone else None
    if zone and tz is None:
        return None
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        moment = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            micro,
            tzinfo=tz,
        )
    except ValueError:
        return None
    return Reading(moment, date_only=hour is None and tz is None)


def parse_time(value: object, tz: tzinfo | None = None) -> datetime | None:
    """Parse a time into a timezone-aware datetime; ``None`` when absent or invalid.

    A time written without zone is in ``tz``, else UTC.
    """
    if (reading := read_time(value)) is None:
        return None
    moment = reading.moment
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz or UTC)


def format_time(value: datetime) -> str:
    """Format a datetime as ``"YYYY-MM-DD HH:MM:SS"`` (aware times in UTC)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime(TIME_FORMAT)


# Events ----------------------------------------------------------------------------


class Stamp(NamedTuple):
    """When an event happened, the local wall time it was written in, and its zone."""

    time: datetime | None
    wall: datetime | None = None
    zone: tzinfo | None = None


def _plausible_offset(wall: datetime, utc: datetime) -> tzinfo | None:
    """Return the zone that makes ``wall`` the moment ``utc``, if a real zone could."""
    try:
        offset = wall - utc.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        return None
    offset = timedelta(minutes=round(offset / timedelta(minutes=1)))
    if not _EARLIEST_OFFSET <= offset <= _LATEST_OFFSET or offset % _OFFSET_STEP:
        return None
    return timezone(offset)


def event_stamp(
    utc_value: object, local_value: object, zone_value: object, fallback: tzinfo
) -> Stamp:
    """Decide an event's time from its UTC time, its local time and its zone.

    The UTC time is preferred, unless it contradicts the local time and zone (the
    docs' own example gives every event the same UTC time). A local time without a
    zone takes the zone its UTC time implies, when a real zone could; else
    ``fallback``.
    """
    utc = parse_time(utc_value, UTC)
    local = read_time(local_value)
    zone = parse_zone(zone_value)
    if local is None:
        return Stamp(utc, None, zone)
    wall = local.moment.replace(tzinfo=None)
    zone = zone or local.moment.tzinfo
    if zone is not None:
        local_time = local.moment if local.moment.tzinfo else wall.replace(tzinfo=zone)
        if utc is not None and abs(utc - local_time) <= _AGREEMENT:
            return Stamp(utc, wall, zone)
        return Stamp(local_time, wall, zone)
    if utc is not None and (implied := _plausible_offset(wall, utc)) is not None:
        return Stamp(utc, wall, implied)
    return Stamp(wall.replace(tzinfo=fallback), wall, None)


def _utc_wall(moment: datetime) -> datetime | None:
    """Return a moment's UTC wall time, None at the edges of time."""
    try:
        return moment.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        return None


class ZoneGuide:
    """The zone of a shipment's zone-less times, learnt from its events.

    Track123 documents no zone for shipment-level times (``deliveredTime``,
    ``lastTrackingTime``, ``expectedDelivery``, ETA, ...). A time equal to an event's
    local wall time is in that event's zone; else one equal to an event's UTC time
    is UTC; any other is in the newest event's zone; without events that have a
    zone, in ``fallback``.
    """

    def __init__(self, stamps: list[Stamp], fallback: tzinfo) -> None:
        """Learn from stamps given newest first."""
        self._by_wall: dict[datetime, tzinfo] = {}
        self._utc_walls: set[datetime] = set()
        for stamp in reversed(stamps):
            if stamp.wall is not None and stamp.zone is not None:
                self._by_wall[stamp.wall] = stamp.zone
            if stamp.time is not None and (utc := _utc_wall(stamp.time)) is not None:
                self._utc_walls.add(utc)
        self._newest = next((s.zone for s in stamps if s.zone is not None), fallback)

    def zone_for(self, wall: datetime | None) -> tzinfo:
        """Return the zone of a local wall time (None: of a date)."""
        if wall is not None:
            if (zone := self._by_wall.get(wall)) is not None:
                return zone
            if wall in self._utc_walls:
                return UTC
        return self._newest

    def time(self, value: object) -> datetime | None:
        """Read a shipment-level time; one without zone gets the inferred zone."""
        if (reading := read_time(value)) is None:
            return None
        moment = reading.moment
        return moment if moment.tzinfo else moment.replace(tzinfo=self.zone_for(moment))

    def window(
        self, start: object, end: object, zone_value: object = None
    ) -> ExpectedDelivery | None:
        """Read an expected-delivery window; a date covers its whole day.

        A single value (``end`` is ``start``) that is a date gives that day, from
        00:00 to the next day's 00:00; a timed one gives start = end. ``zone_value``
        (the object form's ``timezone``) wins over the inferred zone.
        """
        zone = parse_zone(zone_value)
        first, last = read_time(start), read_time(end)
        begin = self._bound(first, zone, next_day=False)
        finish = self._bound(last, zone, next_day=True)
        if begin is None and finish is None:
            return None
        readings = [reading for reading in (first, last) if reading is not None]
        window = ExpectedDelivery(
            begin, finish, all_day=all(r.date_only for r in readings)
        )
        return shared_window(window, (_zone_of(begin), _zone_of(finish)))

    def _bound(
        self, reading: Reading | None, zone: tzinfo | None, *, next_day: bool
    ) -> datetime | None:
        """Return one end of a window; a date's end is the next day's 00:00."""
        if reading is None:
            return None
        moment = reading.moment
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone or self.zone_for(moment))
        if not (reading.date_only and next_day):
            return moment
        try:
            following = moment.date() + timedelta(days=1)
        except OverflowError:
            return None
        return datetime.combine(following, time(), tzinfo=moment.tzinfo)


def _zone_of(moment: datetime | None) -> tzinfo | None:
    """Return a moment's zone, if any."""
    return None if moment is None else moment.tzinfo


@lru_cache(maxsize=SHARED_WINDOWS)
def shared_window(
    window: ExpectedDelivery, _zones: tuple[tzinfo | None, tzinfo | None]
) -> ExpectedDelivery:
    """Return one copy of a window for every shipment expected then.

    Carriers estimate by the day, so thousands of shipments share a few windows.
    Equal moments in other zones compare equal, so the zones are part of the key.
    """
    return window


def same_moment(moment: datetime | None, kept: datetime | None) -> datetime | None:
    """Return ``kept`` when it is the same moment in the same zone, else ``moment``.

    A shipment's last tracking or delivery time is often its newest event's: one
    object, not two.
    """
    if (
        moment is not None
        and kept is not None
        and moment == kept
        and moment.tzinfo == kept.tzinfo
    ):
        return kept
    return moment
