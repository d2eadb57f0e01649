"""Tests of the per-endpoint sliding-window rate limiter."""

import pytest

from custom_components.track123.api.rate_limit import (
    EndpointRateLimiter,
    SlidingWindowLimiter,
)


class FakeTime:
    """A clock that only moves when slept on."""

    def __init__(self) -> None:
        """Start at zero."""
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        """Return the current time."""
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Advance the clock."""
        self.sleeps.append(seconds)
        self.now += seconds


def max_in_window(stamps: list[float], window: float) -> int:
    """Return the largest number of stamps within any half-open window."""
    return max(sum(1 for t in stamps if s <= t < s + window) for s in stamps)


async def test_never_more_than_limit_in_any_window() -> None:
    """Twenty acquisitions at five per second spread over four seconds."""
    fake = FakeTime()
    limiter = SlidingWindowLimiter(5, 1.0, clock=fake.clock, sleep=fake.sleep)
    stamps = []
    for _ in range(20):
        await limiter.acquire()
        stamps.append(fake.now)
    assert max_in_window(stamps, 1.0) == 5
    assert stamps[:5] == [0.0] * 5
    assert stamps[5] == pytest.approx(1.0)
    assert stamps[-1] == pytest.approx(3.0)


async def test_spaced_requests_do_not_wait() -> None:
    """Requests already spaced out are never delayed."""
    fake = FakeTime()
    limiter = SlidingWindowLimiter(3, 1.0, clock=fake.clock, sleep=fake.sleep)
    for _ in range(10):
        await limiter.acquire()
        fake.now += 0.4
    assert fake.sleeps == []


async def test_endpoints_are_independent() -> None:
    """Each endpoint has its own budget; overrides apply per endpoint."""
    fake = FakeTime()
    limiter = EndpointRateLimiter(
        5, {"air": 3}, 1.0, clock=fake.clock, sleep=fake.sleep
    )
    assert limiter.limit_for("air") == 3
    assert limiter.limit_for("parcel") == 5
    for _ in range(5):
        await limiter.acquire("parcel")
    for _ in range(3):
        await limiter.acquire("air")
    assert fake.sleeps == []
    await limiter.acquire("air")
    assert fake.sleeps == [1.0]


def test_invalid_limits() -> None:
    """Limits must be positive."""
    with pytest.raises(ValueError):
        SlidingWindowLimiter(0)
    with pytest.raises(ValueError):
        SlidingWindowLimiter(1, 0)


async def test_default_clock_is_event_loop() -> None:
    """Without injection the loop clock and asyncio.sleep are used."""
    limiter = SlidingWindowLimiter(1, 0.01)
    await limiter.acquire()
    await limiter.acquire()
