"""Shared fixtures: a simulator state and a running simulator server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from custom_components.track123.api.times import shared_window
from track123_simulator import SimulatorServer, SimulatorState

SIM_START = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _no_window_of_an_earlier_test() -> Iterator[None]:
    """Forget the expected windows shipments share after each test.

    Under freezegun a datetime is of another type, which snapshots tell apart: a
    window kept from an earlier test would show that test's type.
    """
    yield
    shared_window.cache_clear()


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


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --e2e: run the end-to-end browser tests in tests/e2e (scripts/test does)."""
    parser.addoption(
        "--e2e",
        action="store_true",
        default=False,
        help="run the end-to-end tests in tests/e2e (a demo stack and headless Chromium)",
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Leave tests/e2e out unless --e2e is given: the main run measures coverage."""
    if collection_path.name == "e2e" and not config.getoption("--e2e"):
        return True
    return None
