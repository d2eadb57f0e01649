"""Shared fixtures: a simulator state and a running simulator server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from track123_simulator import SimulatorServer, SimulatorState

SIM_START = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture
def sim_state() -> SimulatorState:
    """Return a simulator state with key ``test-key``, seed 1, a fixed start and the rate limit on."""
    return SimulatorState(
        api_keys={"test-key"}, seed=1, start=SIM_START, rate_limit_per_second=5
    )


@pytest.fixture
async def simulator(
    sim_state: SimulatorState, socket_enabled: None
) -> AsyncIterator[SimulatorServer]:
    """Run a simulator over ``sim_state`` on a free 127.0.0.1 port (sockets enabled)."""
    async with SimulatorServer(sim_state, host="127.0.0.1", port=0) as server:
        yield server
