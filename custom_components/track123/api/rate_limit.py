"""Sliding-window rate limiting, per endpoint."""

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Mapping

type Clock = Callable[[], float]
type Sleep = Callable[[float], Awaitable[None]]


def _loop_time() -> float:
    """Return the running event loop's monotonic clock."""
    return asyncio.get_running_loop().time()


class SlidingWindowLimiter:
    """Allow at most ``limit`` acquisitions in any ``window`` seconds."""

    def __init__(
        self,
        limit: int,
        window: float = 1.0,
        *,
        clock: Clock = _loop_time,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        """Create a limiter; ``clock`` and ``sleep`` are injectable for tests."""
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self._limit = limit
        self._window = window
        self._clock = clock
        self._sleep = sleep
        self._stamps: deque[float] = deque()

    async def acquire(self) -> None:
        """Wait until a request may be sent, then record it."""
        while True:
            now = self._clock()
            while self._stamps and now - self._stamps[0] >= self._window:
                self._stamps.popleft()
            if len(self._stamps) < self._limit:
                self._stamps.append(now)
                return
            await self._sleep(self._stamps[0] + self._window - now)


class EndpointRateLimiter:
    """One sliding-window limiter per endpoint, created on first use."""

    def __init__(
        self,
        default_limit: int,
        limits: Mapping[str, int] | None = None,
        window: float = 1.0,
        *,
        clock: Clock = _loop_time,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        """Use ``limits`` for the listed endpoints and ``default_limit`` for others."""
        self._default_limit = default_limit
        self._limits = dict(limits or {})
        self._window = window
        self._clock = clock
        self._sleep = sleep
        self._limiters: dict[str, SlidingWindowLimiter] = {}

    def limit_for(self, endpoint: str) -> int:
        """Return the number of requests allowed per window for an endpoint."""
        return self._limits.get(endpoint, self._default_limit)

    async def acquire(self, endpoint: str) -> None:
        """Wait until a request to ``endpoint`` may be sent."""
        limiter = self._limiters.get(endpoint)
        if limiter is None:
            limiter = self._limiters[endpoint] = SlidingWindowLimiter(
                self.limit_for(endpoint),
                self._window,
                clock=self._clock,
                sleep=self._sleep,
            )
        await limiter.acquire()
