"""Helpers and fixtures of the webhook tests: signed bodies, a client, a set-up entry."""

from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from datetime import datetime, timedelta
import hashlib
import hmac
import json
import logging
from typing import Any

from aiohttp.test_utils import TestClient, make_mocked_request
from aiohttp.web import Response
from homeassistant.components import webhook
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    WebSocketGenerator,
)

from custom_components.track123.const import CONF_WEBHOOK, CONF_WEBHOOK_ID, DOMAIN
from track123_simulator import SimulatorServer, SimulatorState
from track123_simulator.payloads import parcel_payload

from .common import (
    API_KEY,
    PARCEL,
    PARCEL_UNIQUE_ID,
    account_entry,
    entity_id_of,
    state_of,
)

# What a test module gets with a star import: the fixtures.
__all__ = ["client", "post", "pushed", "sim_pushes", "webhook_entry"]

WEBHOOK_ID = "0123456789abcdef" * 4
INTEGRATION_LOGGER = "custom_components.track123"
OTHER_PARCEL = "9400111899223344556677"
PUSH_LATER = timedelta(days=3)

type Post = Callable[..., Awaitable[int]]


# Helpers ---------------------------------------------------------------------------


def hmac_signature(key: str, timestamp: str) -> str:
    """Sign as hex(HMAC-SHA256(key=api_key, msg=timestamp))."""
    return hmac.new(key.encode(), timestamp.encode(), hashlib.sha256).hexdigest()


def sha256_signature(key: str, timestamp: str) -> str:
    """Sign as hex(SHA256(api_key + timestamp))."""
    return hashlib.sha256((key + timestamp).encode()).hexdigest()


def now_ms(hass_now: datetime) -> str:
    """Return a moment as milliseconds since the epoch."""
    return str(int(hass_now.timestamp() * 1000))


def signed(
    data: Any,
    *,
    timestamp: str,
    key: str = API_KEY,
    sign: Callable[[str, str], str] = hmac_signature,
) -> dict[str, Any]:
    """Return a webhook body for ``data``, signed with ``key`` at ``timestamp``."""
    return {
        "data": data,
        "verify": {"timestamp": timestamp, "signature": sign(key, timestamp)},
    }


def delivered_parcel(state: SimulatorState, number: str = PARCEL) -> dict[str, Any]:
    """Return a parcel as Track123 will describe it once delivered."""
    parcel = state.parcels[number]
    return parcel_payload(parcel, state.clock.now() + PUSH_LATER)


def parcel_state(hass: HomeAssistant) -> str:
    """Return the state of the demo parcel's sensor."""
    return state_of(hass, entity_id_of(hass, PARCEL_UNIQUE_ID)).state


async def registered_webhooks(
    hass_ws_client: WebSocketGenerator, hass: HomeAssistant
) -> set[str]:
    """Return the ids of every registered webhook, as the frontend lists them."""
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "webhook/list"})
    answer = await client.receive_json()
    assert answer["success"]
    return {hook["webhook_id"] for hook in answer["result"]}


# Fixtures --------------------------------------------------------------------------


@pytest.fixture
def webhook_entry(simulator: SimulatorServer) -> MockConfigEntry:
    """Return a config entry with the webhook option on."""
    return account_entry(
        simulator.base_url,
        data={CONF_WEBHOOK_ID: WEBHOOK_ID},
        options={CONF_WEBHOOK: True},
    )


async def setup_with(
    hass: HomeAssistant, entry: MockConfigEntry, **options: Any
) -> None:
    """Set up ``entry`` with ``options`` added to its own."""
    entry.add_to_hass(hass)
    if options:
        hass.config_entries.async_update_entry(
            entry, options={**entry.options, **options}
        )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


@pytest.fixture
async def pushed(
    hass: HomeAssistant, webhook_entry: MockConfigEntry, demo_shipments: None
) -> MockConfigEntry:
    """Set up the integration with the webhook on."""
    await setup_with(hass, webhook_entry)
    return webhook_entry


@pytest.fixture
async def client(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    monkeypatch: pytest.MonkeyPatch,
) -> TestClient:
    """Return a client of Home Assistant's HTTP server, without authentication.

    What registers routes is set up first: the server's router is then frozen.
    The test server's access log cannot format a frozen local time: it is off.
    """
    monkeypatch.setattr(logging.getLogger("aiohttp.access"), "disabled", True)
    assert await async_setup_component(hass, DOMAIN, {})
    assert await async_setup_component(hass, "webhook", {})
    assert await async_setup_component(hass, "websocket_api", {})
    assert await async_setup_component(hass, "calendar", {})
    return await hass_client_no_auth()


@pytest.fixture
def post(client: TestClient) -> Post:
    """Return a function POSTing a body to the webhook; it returns the HTTP status."""

    async def _post(body: Any = None, *, raw: Any = None) -> int:
        data = raw if raw is not None else json.dumps(body)
        response = await client.post(f"/api/webhook/{WEBHOOK_ID}", data=data)
        await response.read()
        return response.status

    return _post


@pytest.fixture
async def sim_pushes(
    client: TestClient, sim_state: SimulatorState
) -> AsyncIterator[SimulatorState]:
    """Make the simulator push to Home Assistant's webhook."""
    sim_state.webhooks.configure(str(client.make_url(f"/api/webhook/{WEBHOOK_ID}")))
    yield sim_state
    sim_state.webhooks.disable()


def later_at_track123(state: SimulatorState, delta: timedelta) -> None:
    """Move the simulated clock on, not Home Assistant's: no poll is due yet."""
    state.clock.advance(delta)


async def poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Let the safety-net poll run now."""
    await entry.runtime_data.coordinator.async_refresh()
    await hass.async_block_till_done()


class BodyStream:
    """A request body served from bytes, without a socket; it counts the reads."""

    def __init__(self, data: bytes) -> None:
        """Serve ``data``."""
        self._data = data
        self.reads = 0

    async def read(self, n: int = -1) -> bytes:
        """Return up to ``n`` bytes (all with -1); empty at the end."""
        self.reads += 1
        size = len(self._data) if n < 0 else n
        chunk, self._data = self._data[:size], self._data[size:]
        return chunk


def handle_directly(
    hass: HomeAssistant, body: BodyStream, *, declared_length: int | None = None
) -> Coroutine[Any, Any, Response]:
    """Return Home Assistant's dispatch of a POST of ``body`` to the webhook.

    No socket is involved: the call runs on the event loop alone.
    """
    headers = (
        {} if declared_length is None else {"Content-Length": str(declared_length)}
    )
    request = make_mocked_request(
        "POST", f"/api/webhook/{WEBHOOK_ID}", headers=headers, payload=body
    )
    return webhook.async_handle_webhook(hass, WEBHOOK_ID, request)


def assert_nothing_leaked(caplog: pytest.LogCaptureFixture) -> None:
    """No ERROR, no traceback, no webhook id, number or key logged.

    Home Assistant's own debug lines name the id of every webhook they serve; the
    integration logs it at no level, and nothing does from INFO up.
    """
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert not [r for r in caplog.records if r.exc_info]
    assert not [
        message
        for r in caplog.records
        if WEBHOOK_ID in (message := r.getMessage())
        and (r.levelno >= logging.INFO or r.name.startswith(INTEGRATION_LOGGER))
    ]
    assert API_KEY not in caplog.text


async def assert_refused(
    hass: HomeAssistant,
    post: Post,
    caplog: pytest.LogCaptureFixture,
    body: bytes,
    status: int,
) -> None:
    """Post ``body``: it gets ``status``, changes nothing, and logs one clean WARNING."""
    before = parcel_state(hass)
    caplog.clear()
    assert await post(raw=body) == status
    await hass.async_block_till_done()
    assert parcel_state(hass) == before
    warnings = [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and r.name == INTEGRATION_LOGGER
    ]
    assert len(warnings) == 1
    assert warnings[0].startswith("Refused a Track123 webhook call")
    assert PARCEL not in caplog.text
    assert_nothing_leaked(caplog)
