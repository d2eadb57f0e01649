"""Simulated clock: timezone-aware UTC, optionally running at a chosen speed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import time


def _require_aware(moment: datetime) -> datetime:
    """Return ``moment`` in UTC, rejecting naive datetimes."""
    if moment.tzinfo is None:
        raise ValueError("SimClock needs a timezone-aware datetime")
    return moment.astimezone(UTC)


class SimClock:
    """A clock that only moves when told to, or at ``speed`` simulated seconds per real second."""

    def __init__(self, start: datetime | None = None, *, speed: float = 0.0) -> None:
        """Start at ``start`` (default: the current wall-clock second)."""
        if start is None:
            start = datetime.now(UTC).replace(microsecond=0)
        self._base = _require_aware(start)
        self._speed = speed
        self._mono = time.monotonic()

    @property
    def speed(self) -> float:
        """Simulated seconds per real second (0: frozen)."""
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        if value < 0:
            raise ValueError("speed must not be negative")
        self._rebase()
        self._speed = value

    def now(self) -> datetime:
        """Return the current simulated time (UTC)."""
        if self._speed == 0:
            return self._base
        elapsed = (time.monotonic() - self._mono) * self._speed
        return self._base + timedelta(seconds=elapsed)

    def advance(self, delta: timedelta) -> datetime:
        """Move the clock forward by ``delta`` and return the new time."""
        if delta < timedelta(0):
            raise ValueError("the clock cannot go backwards")
        self._rebase()
        self._base += delta
        return self._base

    def set(self, moment: datetime) -> datetime:
        """Jump to ``moment`` (any direction) and return it."""
        self._base = _require_aware(moment)
        self._mono = time.monotonic()
        return self._base

    def _rebase(self) -> None:
        self._base = self.now()
        self._mono = time.monotonic()
