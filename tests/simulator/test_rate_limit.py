"""Rate limiting: 5 requests per second per key and endpoint (3 for air import)."""

from __future__ import annotations

from track123_simulator import SimulatorState
from track123_simulator.ratelimit import RateLimiter

from .conftest import Api

QUERY = "tk/v2.1/track/query"


async def test_sixth_request_in_a_second_is_limited(api: Api) -> None:
    """The sixth quick request answers HTTP 429, A0706 and Retry-After: 1; other endpoints are unaffected."""
    answers = [await api.post(QUERY, {}) for _ in range(6)]
    assert [a.status for a in answers[:5]] == [200] * 5
    limited = answers[5]
    assert limited.status == 429
    assert limited.json()["code"] == "A0706"
    assert limited.headers["Retry-After"] == "1"
    assert (await api.get("tk/v2.1/courier/list")).status == 200


async def test_air_import_allows_three(api: Api) -> None:
    """Air import allows three requests per second."""
    statuses = [
        (
            await api.post(
                "tk/v1/aviation/track/import", [{"trackingNo": f"176-1234567{i}"}]
            )
        ).status
        for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


async def test_rate_limit_can_be_disabled(api: Api, sim_state: SimulatorState) -> None:
    """``rate_limit_per_second = None`` disables limiting."""
    sim_state.rate_limit_per_second = None
    assert {(await api.post(QUERY, {})).status for _ in range(10)} == {200}


def test_sliding_window() -> None:
    """The window slides: a request is allowed again once the oldest is a second old."""
    limiter = RateLimiter()
    assert all(limiter.allow("k", "e", 2, now=t) for t in (0.0, 0.5))
    assert not limiter.allow("k", "e", 2, now=0.9)
    assert limiter.allow("k", "e", 2, now=1.0)
    assert limiter.allow("other", "e", 2, now=1.0)
