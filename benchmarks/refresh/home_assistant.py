"""A real, in-process Home Assistant, and a record of the state writes it sees."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
import contextlib
from contextlib import asynccontextmanager
import tempfile
from typing import Any
from unittest.mock import Mock, patch

from homeassistant import loader
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, StateMachine
from homeassistant.helpers import frame
from pytest_homeassistant_custom_component.common import async_test_home_assistant  # type: ignore[import-untyped]


@contextlib.contextmanager
def quiet_network() -> Iterator[None]:
    """Patch what pytest-homeassistant-custom-component patches for every test.

    The calendar platform needs the http integration; it is set up without binding a
    port, and the network integration sees one fixed adapter.
    """
    adapter = {
        "auto": True,
        "default": True,
        "enabled": True,
        "index": 0,
        "ipv4": [{"address": "10.10.10.10", "network_prefix": 24}],
        "ipv6": [],
        "name": "eth0",
    }
    with (
        patch(
            "homeassistant.components.network.util.ifaddr.get_adapters",
            return_value=[
                Mock(
                    nice_name="eth0",
                    ips=[Mock(is_IPv6=False, ip="10.10.10.10", network_prefix=24)],
                    index=0,
                )
            ],
        ),
        patch(
            "homeassistant.components.network.async_get_loaded_adapters",
            return_value=[adapter],
        ),
        patch(
            "homeassistant.components.network.util.async_get_source_ip",
            return_value="10.10.10.10",
        ),
        patch("homeassistant.components.http.HomeAssistantHTTP.async_bind"),
        patch("homeassistant.components.http.HomeAssistantHTTP.start"),
    ):
        yield


@asynccontextmanager
async def home_assistant() -> AsyncIterator[HomeAssistant]:
    """Run a real, in-process Home Assistant with a temporary config directory."""
    with tempfile.TemporaryDirectory() as config_dir, quiet_network():
        async with async_test_home_assistant(config_dir=config_dir) as hass:
            # Let the loader find custom_components/track123 (as the
            # enable_custom_integrations fixture does).
            hass.data.pop(loader.DATA_CUSTOM_COMPONENTS)
            frame.async_setup(hass)
            try:
                yield hass
            finally:
                await hass.async_stop(force=True)


class StateChanges:
    """Record state_changed events and write attempts while active."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Listen on ``hass``'s bus."""
        self.events: list[Event[EventStateChangedData]] = []
        self.attempts = 0
        self._unsub = hass.bus.async_listen(EVENT_STATE_CHANGED, self.events.append)

    @contextlib.contextmanager
    def counting_attempts(self) -> Iterator[None]:
        """Count calls of StateMachine.async_set_internal (writes, changed or not)."""
        original = StateMachine.async_set_internal

        def counting(machine: StateMachine, *args: Any, **kwargs: Any) -> None:
            self.attempts += 1
            original(machine, *args, **kwargs)

        with patch.object(StateMachine, "async_set_internal", counting):
            yield

    def stop(self) -> None:
        """Stop listening."""
        self._unsub()
