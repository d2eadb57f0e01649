"""The simulator in a child process, so that its CPU is not measured with ours."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
import multiprocessing
from multiprocessing.connection import Connection
import time
from typing import Any

from track123_simulator import SimulatorServer, SimulatorState

from .scenario import API_KEY, RATE_LIMIT, ROUNDS, populate


@dataclass(frozen=True, slots=True)
class SimStats:
    """What the simulator saw so far."""

    requests: int
    rate_limited: int
    cpu: float
    per_endpoint: dict[str, int]


def _simulator_process(conn: Connection, n: int, fraction: float, rounds: int) -> None:
    """Child process: serve the simulator and answer commands on ``conn``."""
    asyncio.run(_serve_simulator(conn, n, fraction, rounds))


async def _serve_simulator(
    conn: Connection, n: int, fraction: float, rounds: int
) -> None:
    state = SimulatorState(
        api_keys={API_KEY},
        seed=1,
        start=datetime.now(UTC).replace(microsecond=0),
        rate_limit_per_second=RATE_LIMIT,
    )
    changing = populate(state, n, fraction, rounds)
    limited = 0
    allow = state.rate_limiter.allow

    def counting_allow(
        key: str, endpoint: str, limit: int, now: float | None = None
    ) -> bool:
        nonlocal limited
        allowed = allow(key, endpoint, limit, now)
        limited += not allowed
        return allowed

    state.rate_limiter.allow = counting_allow  # type: ignore[method-assign]
    loop = asyncio.get_running_loop()
    async with SimulatorServer(state, host="127.0.0.1", port=0) as server:
        conn.send((server.base_url, changing))
        while True:
            command, argument = await loop.run_in_executor(None, conn.recv)
            if command == "stop":
                conn.send(None)
                return
            if command == "advance":
                state.clock.advance(argument)
            conn.send(
                SimStats(
                    len(state.requests),
                    limited,
                    time.process_time(),
                    state.requests_per_endpoint(),
                )
            )


class SimulatorProcess:
    """The simulator running in a child process, so its CPU is not measured here."""

    def __init__(self, n: int, fraction: float, rounds: int = ROUNDS) -> None:
        """Prepare a simulator with n parcels, ``fraction`` of them about to change."""
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_simulator_process, args=(child, n, fraction, rounds), daemon=True
        )
        self.base_url = ""
        self.changing: list[list[str]] = []

    async def _call(self, command: str, argument: Any = None) -> Any:
        self._conn.send((command, argument))
        return await asyncio.to_thread(self._conn.recv)

    async def start(self) -> None:
        """Start the child and wait until it serves."""
        self._process.start()
        self.base_url, self.changing = await asyncio.to_thread(self._conn.recv)

    async def stats(self) -> SimStats:
        """Return the simulator's request count and CPU time."""
        result: SimStats = await self._call("stats")
        return result

    async def advance(self, delta: timedelta) -> None:
        """Move the simulated clock forward."""
        await self._call("advance", delta)

    async def stop(self) -> None:
        """Stop the child."""
        if self._process.is_alive():
            await self._call("stop")
        self._process.join(timeout=10)
        self._conn.close()


@asynccontextmanager
async def simulator(
    n: int, fraction: float, rounds: int = ROUNDS
) -> AsyncIterator[SimulatorProcess]:
    """Run a simulator process for the duration of the block."""
    sim = SimulatorProcess(n, fraction, rounds)
    await sim.start()
    try:
        yield sim
    finally:
        await sim.stop()
