"""Pushes never wait for a poll: not for its requests, not for its rate-limit sleeps."""

import asyncio
from collections.abc import Iterator
import json
from typing import Any
from unittest.mock import patch

import aiohttp
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.track123.api import Track123Client
from custom_components.track123.events import EVENT_DELIVERED
from track123_simulator import Fault, SimulatorState

from .webhook_helpers import *  # noqa: F403 - the webhook fixtures
from .webhook_helpers import (
    BodyStream,
    delivered_parcel,
    handle_directly,
    now_ms,
    parcel_state,
    signed,
)

RETRY_AFTER = 20
# Turns of the event loop a push gets to finish in.
LOOP_TURNS = 1000


class HeldSleep:
    """The client's sleep: it holds until the test releases it."""

    def __init__(self) -> None:
        """Not sleeping yet."""
        self.delays: list[float] = []
        self.sleeping = asyncio.Event()
        self.release = asyncio.Event()

    async def __call__(self, delay: float) -> None:
        """Record the delay asked for; wait for the release."""
        self.delays.append(delay)
        self.sleeping.set()
        await self.release.wait()


@pytest.fixture
def held_sleep() -> HeldSleep:
    """Return the sleep the integration's client backs off with."""
    return HeldSleep()


@pytest.fixture
def client_sleeps(held_sleep: HeldSleep) -> Iterator[None]:
    """Give the integration a client that backs off with ``held_sleep``."""

    def create(
        api_key: str, session: aiohttp.ClientSession, **kwargs: Any
    ) -> Track123Client:
        return Track123Client(api_key, session, sleep=held_sleep, **kwargs)

    with patch("custom_components.track123.Track123Client", create):
        yield


async def finished(task: asyncio.Task[Any]) -> bool:
    """Let the event loop run until ``task`` is done; False if it waits on something.

    The call runs without sockets, so a few turns of the loop finish it unless it
    waits for something else (the poll); no clock is involved.
    """
    for _ in range(LOOP_TURNS):
        if task.done():
            return True
        await asyncio.sleep(0)
    return task.done()


@pytest.mark.usefixtures("client_sleeps")
async def test_push_applied_while_a_poll_backs_off(
    hass: HomeAssistant,
    pushed: MockConfigEntry,
    sim_state: SimulatorState,
    held_sleep: HeldSleep,
) -> None:
    """Track123 rate-limits a poll; while it sleeps, a push shows and fires at once."""
    delivered = async_capture_events(hass, EVENT_DELIVERED)
    before = parcel_state(hass)
    sim_state.faults.inject(
        Fault(
            kind="service_code",
            code="A0706",
            http_status=429,
            retry_after=RETRY_AFTER,
            times=1,
        )
    )
    polling = hass.async_create_task(pushed.runtime_data.coordinator.async_refresh())
    sleeping = asyncio.ensure_future(held_sleep.sleeping.wait())
    await asyncio.wait([polling, sleeping], return_when=asyncio.FIRST_COMPLETED)
    assert held_sleep.delays == [RETRY_AFTER], "the poll did not back off"

    body = signed(delivered_parcel(sim_state), timestamp=now_ms(sim_state.clock.now()))
    push = asyncio.ensure_future(
        handle_directly(hass, BodyStream(json.dumps(body).encode()))
    )
    try:
        assert await finished(push), "the push waited for the poll"
    finally:
        held_sleep.release.set()
    # Shown and announced while the poll still slept.
    assert push.result().status == 200
    assert before != parcel_state(hass) == "delivered"
    assert [e.data["new_status"] for e in delivered] == ["delivered"]
    assert not polling.done()

    await polling
    await hass.async_block_till_done()
    assert pushed.runtime_data.coordinator.last_update_success
    assert parcel_state(hass) == "delivered"
    assert len(delivered) == 1
