"""Sliding-window rate limiter on the monotonic clock."""

from __future__ import annotations

from collections import deque
import time

WINDOW_SECONDS = 1.0


class RateLimiter:
    """At most ``limit`` accepted requests per (key, endpoint) within any one second."""

    def __init__(self) -> None:
        """Start with no history."""
        self._hits: dict[tuple[str, str], deque[float]] = {}

    def allow(
        self, key: str, endpoint: str, limit: int, now: float | None = None
    ) -> bool:
        """Count one request; False when it is over the limit (and is not counted)."""
        moment = time.monotonic() if now is None else now
        hits = self._hits.setdefault((key, endpoint), deque())
        while hits and moment - hits[0] >= WINDOW_SECONDS:
            hits.popleft()
        if len(hits) >= limit:
            return False
        hits.append(moment)
        return True

    def reset(self) -> None:
        """Forget all history."""
        self._hits.clear()
