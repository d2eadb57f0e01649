"""Fixtures for the simulator tests: an HTTP helper bound to the running simulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
import json
from typing import Any

import aiohttp
import pytest

from track123_simulator import SimulatorServer

# The documented parcel transitStatus values.
PARCEL_STATUSES = frozenset(
    {
        "INIT",
        "NO_RECORD",
        "INFO_RECEIVED",
        "IN_TRANSIT",
        "WAITING_DELIVERY",
        "DELIVERY_FAILED",
        "ABNORMAL",
        "DELIVERED",
        "EXPIRED",
    }
)


@dataclass
class Answer:
    """One HTTP answer."""

    status: int
    headers: dict[str, str]
    text: str
    content_type: str

    def json(self) -> Any:
        """Decode the body as JSON."""
        return json.loads(self.text)


class Api:
    """Calls the simulator's Open API with the test key."""

    def __init__(self, session: aiohttp.ClientSession, server: SimulatorServer) -> None:
        """Bind to a session and a running server."""
        self.session = session
        self.server = server

    async def call(
        self,
        method: str,
        endpoint: str,
        body: Any = None,
        *,
        key: str | None = "test-key",
        raw: str | None = None,
    ) -> Answer:
        """Send one request and read the whole answer."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if key is not None:
            headers["Track123-Api-Secret"] = key
        kwargs: dict[str, Any] = {"headers": headers}
        if raw is not None:
            kwargs["data"] = raw
        elif body is not None:
            kwargs["json"] = body
        async with self.session.request(
            method, self.server.base_url + endpoint, **kwargs
        ) as resp:
            return Answer(
                resp.status, dict(resp.headers), await resp.text(), resp.content_type
            )

    async def post(self, endpoint: str, body: Any = None, **kwargs: Any) -> Answer:
        """POST ``body`` as JSON."""
        return await self.call("POST", endpoint, body, **kwargs)

    async def get(self, endpoint: str, **kwargs: Any) -> Answer:
        """GET ``endpoint``."""
        return await self.call("GET", endpoint, **kwargs)

    async def tracking(self, endpoint: str, number: str) -> dict[str, Any]:
        """Query one number on ``endpoint`` and return its tracking object."""
        key = "trackNos" if endpoint.startswith("tk/v2.1/track") else "trackingNos"
        answer = await self.post(endpoint, {key: [number]})
        content: list[dict[str, Any]] = answer.json()["data"]["accepted"]["content"]
        assert len(content) == 1, answer.text
        return content[0]

    async def control(self, method: str, path: str, body: Any = None) -> Answer:
        """Call a control route under ``/_simulator/``."""
        url = f"{self.server.root_url}/_simulator/{path}"
        async with self.session.request(method, url, json=body) as resp:
            return Answer(
                resp.status, dict(resp.headers), await resp.text(), resp.content_type
            )


@pytest.fixture
async def api(simulator: SimulatorServer) -> AsyncIterator[Api]:
    """Return an ``Api`` helper over the running simulator."""
    async with aiohttp.ClientSession() as session:
        yield Api(session, simulator)
