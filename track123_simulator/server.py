"""Run the simulator on a TCP port inside the current event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from types import TracebackType
from typing import Self

import aiohttp
from aiohttp import web

from .app import create_app
from .keys import API_PREFIX
from .state import SimulatorState
from .webhooks import Attempt

_LOGGER = logging.getLogger(__name__)


class SimulatorServer:
    """Async context manager serving ``state``; port 0 picks a free port.

    With ``webhook_interval`` (real seconds), a background task pushes the due
    webhook deliveries that often; without it, call :meth:`deliver_webhooks`.
    """

    def __init__(
        self,
        state: SimulatorState,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        webhook_interval: float | None = None,
    ) -> None:
        """Prepare (but do not start) the server."""
        self.state = state
        self.host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self.webhook_interval = webhook_interval
        self._session: aiohttp.ClientSession | None = None
        self._webhook_task: asyncio.Task[None] | None = None

    @property
    def port(self) -> int:
        """The port actually bound (after start)."""
        return self._port

    @property
    def root_url(self) -> str:
        """``http://host:port``."""
        return f"http://{self.host}:{self._port}"

    @property
    def base_url(self) -> str:
        """The Open API base URL, ending in ``/gateway/open-api/``."""
        return self.root_url + API_PREFIX

    async def start(self) -> None:
        """Bind and start serving."""
        runner = web.AppRunner(create_app(self.state), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self._port)
        await site.start()
        self._runner = runner
        if self._port == 0:
            self._port = int(runner.addresses[0][1])
        if self.webhook_interval is not None:
            self._webhook_task = asyncio.create_task(
                self._push_webhooks(self.webhook_interval)
            )

    async def deliver_webhooks(self) -> list[Attempt]:
        """Push every webhook delivery due on the simulated clock; return the attempts."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return await self.state.webhooks.deliver_due(self._session)

    async def _push_webhooks(self, interval: float) -> None:
        """Push due webhook deliveries every ``interval`` real seconds."""
        while True:
            try:
                await self.deliver_webhooks()
            except Exception:  # a simulator keeps serving
                _LOGGER.exception("Webhook delivery failed")
            await asyncio.sleep(interval)

    async def stop(self) -> None:
        """Stop serving and release the port."""
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
            self._webhook_task = None
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        """Start the server."""
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the server."""
        await self.stop()
