"""Run the simulator on a TCP port inside the current event loop."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from aiohttp import web

from .app import create_app
from .keys import API_PREFIX
from .state import SimulatorState


class SimulatorServer:
    """Async context manager serving ``state``; port 0 picks a free port."""

    def __init__(
        self, state: SimulatorState, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        """Prepare (but do not start) the server."""
        self.state = state
        self.host = host
        self._port = port
        self._runner: web.AppRunner | None = None

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

    async def stop(self) -> None:
        """Stop serving and release the port."""
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
