"""Fixtures for the client tests: a client bound to the simulator, or to a scripted server."""

from collections.abc import AsyncIterator, Callable
import json
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer
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


class Script:
    """The next answer of the scripted server, and the requests it saw."""

    def __init__(self) -> None:
        """Answer an empty success by default."""
        self.status = 200
        self.body: str | bytes = json.dumps({"code": "00000", "data": None})
        self.headers: dict[str, str] = {}
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        self.bodies: list[tuple[str, Any]] = []
        self.by_path: dict[str, tuple[int, str]] = {}

    def reply(self, body: Any, status: int = 200, **headers: str) -> None:
        """Set the next answer (dicts and lists are sent as JSON, bytes as they are)."""
        self.status = status
        self.body = body if isinstance(body, str | bytes) else json.dumps(body)
        self.headers = headers

    def reply_at(self, path: str, body: Any, status: int = 200) -> None:
        """Answer requests to one path (after the base URL) this way."""
        self.by_path[path] = (
            status,
            body if isinstance(body, str) else json.dumps(body),
        )


@pytest.fixture
async def script() -> AsyncIterator[tuple[Script, str]]:
    """Yield a scripted server and its base URL."""
    state = Script()

    async def handler(request: web.Request) -> web.Response:
        state.seen.append((request.method, request.path, dict(request.headers)))
        path = request.path.removeprefix("/gateway/open-api/")
        raw = await request.read()
        state.bodies.append((path, json.loads(raw) if raw else None))
        if path in state.by_path:
            status, text = state.by_path[path]
            return web.Response(status=status, text=text)
        body = state.body if isinstance(state.body, bytes) else state.body.encode()
        return web.Response(status=state.status, body=body, headers=state.headers)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield state, str(server.make_url("/gateway/open-api"))
    finally:
        await server.close()


@pytest.fixture
async def scripted(script) -> AsyncIterator[tuple[Script, Track123Client]]:
    """Yield a client against the scripted server."""
    state, base_url = script

    async def no_sleep(_: float) -> None:
        return None

    async with aiohttp.ClientSession() as session:
        yield (
            state,
            Track123Client(
                "secret-key",
                session,
                base_url=base_url,
                max_retries=1,
                sleep=no_sleep,
                rate_limiter=EndpointRateLimiter(1000),
            ),
        )
