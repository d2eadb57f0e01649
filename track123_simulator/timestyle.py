"""How answers write times: plain (the documented format), local without a zone, or odd.

``PLAIN`` writes what the simulator always wrote. With ``local`` (realism switch
``local_times``) and ``odd`` (``odd_times``) the choices are fixed per event by the
seed and a key, so the same event reads the same on every poll.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .realism import pick, roll
from .timefmt import fmt, fmt_local, iso_z, offset_delta

# Zones some carriers write every event in, wherever it happened.
CARRIER_ZONES: tuple[str, ...] = ("+05:30", "+09:30", "-03:30", "+08:00", "+05:45")
UNDATED: tuple[str, ...] = ("", "--", "N/A", "0000-00-00 00:00:00")
_CARRIER_ZONE_SHARE = 0.25
_NO_UTC_SHARE = 0.15
_ODD_SHARE = 0.2
_UNDATED_SHARE = 0.07
_BARE_DATE_SHARE = 0.35


def written_offset(offset: str, form: int) -> str:
    """``+08:00`` written as ``+08:00`` (0), ``+0800`` (1) or ``+8`` (2; ``+5:30`` off the hour)."""
    sign, (hours, minutes) = offset[0], offset[1:].split(":")
    if form == 1:
        return f"{sign}{hours}{minutes}"
    if form == 2:
        short = str(int(hours))
        return f"{sign}{short}" if minutes == "00" else f"{sign}{short}:{minutes}"
    return offset


def odd_time(moment: datetime, offset: str, form: int) -> Any:
    """``moment`` in one of the odd forms carriers use (local forms at ``offset``)."""
    local = (moment.astimezone(UTC) + offset_delta(offset)).replace(tzinfo=None)
    millis = int(moment.timestamp() * 1000)
    forms: tuple[Any, ...] = (
        local.strftime("%Y/%m/%d %H:%M:%S"),
        local.strftime("%Y-%m-%d %H:%M"),
        iso_z(moment),
        local.strftime("%Y-%m-%dT%H:%M:%S") + offset,
        millis,
        str(millis),
    )
    return forms[form % len(forms)]


@dataclass(frozen=True, slots=True)
class TimeStyle:
    """The time-writing switches in force, and the seed their choices come from."""

    seed: int = 0
    local: bool = False
    odd: bool = False

    def shipment_time(self, moment: datetime | None, offset: str) -> str | None:
        """Write a shipment-level time: UTC, or local at ``offset`` without a zone."""
        if moment is None:
            return None
        return fmt_local(moment, offset) if self.local else fmt(moment)

    def expected(self, moment: datetime, offset: str, number: str) -> str | None:
        """``expectedDelivery``: like a shipment time, some parcels with a bare date."""
        text = self.shipment_time(moment, offset)
        if (
            self.local
            and text
            and roll(self.seed, "bare-date", number) < _BARE_DATE_SHARE
        ):
            return text[:10]
        return text

    def carrier_zone(self, number: str) -> str | None:
        """Return the zone a parcel's carrier writes every event in (None: each event's own)."""
        if self.local and roll(self.seed, "carrier-zone", number) < _CARRIER_ZONE_SHARE:
            return pick(CARRIER_ZONES, self.seed, "carrier-zone-pick", number)
        return None

    def parcel_event(
        self, moment: datetime, offset: str, key: tuple[object, ...]
    ) -> dict[str, Any]:
        """``eventTime``, ``eventTimeZeroUTC`` and ``timezone`` of a parcel event."""
        times: dict[str, Any] = {
            "eventTime": fmt_local(moment, offset),
            "eventTimeZeroUTC": iso_z(moment),
            "timezone": offset,
        }
        if self.local:
            times["timezone"] = written_offset(
                offset, int(roll(self.seed, "tz-form", *key) * 3)
            )
            if roll(self.seed, "no-utc", *key) < _NO_UTC_SHARE:
                del times["eventTimeZeroUTC"]
        return self._oddly(times, moment, offset, key)

    def cargo_event(
        self,
        moment: datetime,
        offset: str,
        key: tuple[object, ...],
        utc_field: str | None,
    ) -> dict[str, Any]:
        """``eventTime`` of an ocean or air event (UTC, or local with ``utc_field`` beside)."""
        if not self.local:
            return self._oddly({"eventTime": fmt(moment)}, moment, "+00:00", key)
        times: dict[str, Any] = {"eventTime": fmt_local(moment, offset)}
        if utc_field and roll(self.seed, "no-utc", *key) >= _NO_UTC_SHARE:
            times[utc_field] = fmt(moment)
        return self._oddly(times, moment, offset, key)

    def _oddly(
        self,
        times: dict[str, Any],
        moment: datetime,
        offset: str,
        key: tuple[object, ...],
    ) -> dict[str, Any]:
        """Rewrite ``eventTime`` in an odd form, or leave the event undated, now and then."""
        if not self.odd:
            return times
        chance = roll(self.seed, "odd", *key)
        if chance < _ODD_SHARE:
            form = int(roll(self.seed, "odd-form", *key) * 6)
            return times | {"eventTime": odd_time(moment, offset, form)}
        if chance < _ODD_SHARE + _UNDATED_SHARE:
            undated = {k: v for k, v in times.items() if k == "timezone"}
            return undated | {"eventTime": pick(UNDATED, self.seed, "undated", *key)}
        return times


PLAIN = TimeStyle()
