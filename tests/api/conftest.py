"""Fixtures for the client tests: a client bound to the simulator."""

from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest

from custom_components.track123.api import Track123Client
from custom_components.track123.api.rate_limit import EndpointRateLimiter
from tests.fakes import RecordingSleep


@pytest.fixture
def api_key(sim_state) -> str:
    """Return the API key the simulator accepts."""
    return min(sim_state.api_keys)


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    """Yield an aiohttp session, closed after the test."""
    async with aiohttp.ClientSession() as client_session:
        yield client_session


@pytest.fixture
def fake_sleep() -> RecordingSleep:
    """Return a sleep that does not wait."""
    return RecordingSleep()


@pytest.fixture
def make_client(
    simulator,
    sim_state,
    session: aiohttp.ClientSession,
    api_key: str,
    fake_sleep: RecordingSleep,
) -> Callable[..., Track123Client]:
    """Build clients against the simulator; retries do not really sleep.

    The simulator's own rate limit is lifted so that fast test clients are not
    throttled; the rate limit tests set it back.
    """
    sim_state.rate_limit_per_second = None

    def factory(**kwargs: Any) -> Track123Client:
        options: dict[str, Any] = {
            "base_url": simulator.base_url,
            "sleep": fake_sleep,
            "rate_limiter": EndpointRateLimiter(10_000),
        }
        options.update(kwargs)
        key = options.pop("api_key", api_key)
        return Track123Client(key, session, **options)

    return factory


@pytest.fixture
def client(make_client: Callable[..., Track123Client]) -> Track123Client:
    """Return a client against the simulator with a permissive rate limiter."""
    return make_client()
