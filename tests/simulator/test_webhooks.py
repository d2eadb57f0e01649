"""Webhook pushes: what is sent, how it is signed, and Track123's retry schedule."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import contextlib
from datetime import timedelta
import hashlib
import hmac
import json
import socket
from typing import Any
from unittest.mock import patch

import aiohttp
from aiohttp import web
import pytest

from track123_simulator import SimulatorServer, SimulatorState
from track123_simulator.__main__ import build_parser, main
from track123_simulator.webhooks import RETRY_DELAYS, WebhookDispatcher, sign

from .conftest import Api

PARCEL = "1Z999AA10123456784"
OTHER = "9400111899223344556677"
KEY = "test-key"
DAY = timedelta(days=1)


class Receiver:
    """A webhook endpoint answering a scripted status per call."""

    def __init__(self) -> None:
        """Answer 200 until told otherwise."""
        self.bodies: list[dict[str, Any]] = []
        self.statuses: list[int] = []
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        """Record the body; answer the next scripted status (200 when none)."""
        self.bodies.append(json.loads(await request.text()))
        return web.Response(status=self.statuses.pop(0) if self.statuses else 200)


@contextlib.asynccontextmanager
async def serving[R: Receiver](receiver: R) -> AsyncIterator[R]:
    """Run ``receiver`` on a free 127.0.0.1 port."""
    app = web.Application()
    app.router.add_post("/hook", receiver.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    receiver.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    try:
        yield receiver
    finally:
        await runner.cleanup()


@pytest.fixture
async def receiver(socket_enabled: None) -> AsyncIterator[Receiver]:
    """Run a webhook endpoint on a free 127.0.0.1 port."""
    async with serving(Receiver()) as running:
        yield running


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    """Return an HTTP session for the dispatcher."""
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def state(sim_state: SimulatorState) -> SimulatorState:
    """Return the simulator state with one parcel on its way."""
    sim_state.add_parcel(PARCEL, courier_code="ups", scenario="delivered")
    return sim_state


def closed_port_url() -> str:
    """Return a URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


# What is pushed -----------------------------------------------------------------------


@pytest.mark.parametrize("form", ["hmac", "sha256"])
async def test_status_change_pushed_and_signed(
    state: SimulatorState,
    receiver: Receiver,
    session: aiohttp.ClientSession,
    form: Any,
) -> None:
    """Each visible status change is pushed once, as a parcel query item, signed."""
    state.webhooks.configure(receiver.url, form=form)
    assert await state.webhooks.deliver_due(session) == []

    state.clock.advance(DAY)
    attempts = await state.webhooks.deliver_due(session)
    assert [(a.track_no, a.number, a.status, a.ok) for a in attempts] == [
        (PARCEL, 1, 200, True)
    ]
    body = receiver.bodies[0]
    assert body["data"]["trackNo"] == PARCEL
    assert (
        body["data"]["transitStatus"]
        == state.parcels[PARCEL].status(state.clock.now())[0]
    )
    timestamp = body["verify"]["timestamp"]
    assert timestamp.isdigit()
    assert len(timestamp) == 10  # seconds (milliseconds with ms_timestamps)
    expected = (
        hmac.new(KEY.encode(), timestamp.encode(), hashlib.sha256).hexdigest()
        if form == "hmac"
        else hashlib.sha256((KEY + timestamp).encode()).hexdigest()
    )
    assert body["verify"]["signature"] == expected

    # Nothing changed since: nothing more to push.
    assert await state.webhooks.deliver_due(session) == []
    assert len(receiver.bodies) == 1


async def test_parcel_added_later_pushed_once_it_moves(
    state: SimulatorState, receiver: Receiver, session: aiohttp.ClientSession
) -> None:
    """A parcel added after the webhook was set is pushed once its status moves."""
    state.webhooks.configure(receiver.url, key="other-key")
    state.add_parcel(OTHER, courier_code="usps", scenario="delivered")
    assert await state.webhooks.deliver_due(session) == []
    state.clock.advance(timedelta(hours=6))
    attempts = await state.webhooks.deliver_due(session)
    assert sorted(a.track_no for a in attempts) == sorted([PARCEL, OTHER])
    body = receiver.bodies[0]
    timestamp = body["verify"]["timestamp"]
    assert body["verify"]["signature"] == sign("other-key", timestamp)


async def test_disabled_pushes_nothing(
    state: SimulatorState, session: aiohttp.ClientSession
) -> None:
    """Without a URL, nothing is queued or sent."""
    state.clock.advance(DAY)
    assert state.webhooks.scan() == []
    assert await state.webhooks.deliver_due(session) == []
    assert not state.webhooks.enabled


def test_configure_rejects_bad_settings(state: SimulatorState) -> None:
    """A URL must be http(s); the form hmac or sha256."""
    with pytest.raises(ValueError, match="url"):
        state.webhooks.configure("ftp://example.com/hook")
    with pytest.raises(ValueError, match="form"):
        state.webhooks.configure("http://example.com/hook", form="md5")  # type: ignore[arg-type]


# Retries ------------------------------------------------------------------------------


async def test_retry_after_5xx_then_success(
    state: SimulatorState, receiver: Receiver, session: aiohttp.ClientSession
) -> None:
    """A 5xx answer is retried; the first retry comes at once."""
    state.webhooks.configure(receiver.url)
    state.clock.advance(DAY)
    receiver.statuses = [503]
    attempts = await state.webhooks.deliver_due(session)
    assert [(a.number, a.status) for a in attempts] == [(1, 503), (2, 200)]
    assert attempts[0].at == attempts[1].at
    assert state.webhooks.pending == []
    # Every attempt is signed afresh; the data is the same.
    assert receiver.bodies[0]["data"] == receiver.bodies[1]["data"]


async def test_retry_schedule_then_dropped(
    state: SimulatorState, receiver: Receiver, session: aiohttp.ClientSession
) -> None:
    """Seven retries at 0, 600, 1800, 3600, 14400, 43200, 129600 s; then dropped."""
    state.webhooks.configure(receiver.url)
    state.clock.advance(3 * DAY)  # delivered: no other change will follow
    first = state.clock.now()
    receiver.statuses = [500] * 8
    made = await state.webhooks.deliver_due(session)
    for delay in RETRY_DELAYS[1:]:
        state.clock.set(first + timedelta(seconds=delay - 1))
        assert await state.webhooks.deliver_due(session) == []
        state.clock.set(first + timedelta(seconds=delay))
        made += await state.webhooks.deliver_due(session)
    assert [a.number for a in made] == list(range(1, 9))
    assert [(a.at - first).total_seconds() for a in made] == [0, *RETRY_DELAYS]
    assert all(a.status == 500 for a in made)
    assert state.webhooks.pending == []
    assert len(state.webhooks.dropped) == 1
    assert state.webhooks.as_dict()["dropped"] == 1


@pytest.mark.usefixtures("socket_enabled")
async def test_unreachable_receiver_retried(
    state: SimulatorState, session: aiohttp.ClientSession
) -> None:
    """A receiver that cannot be reached counts as a failed attempt."""
    state.webhooks.configure(closed_port_url())
    state.clock.advance(DAY)
    attempts = await state.webhooks.deliver_due(session)
    assert [(a.status, a.error is not None) for a in attempts] == [
        (None, True),
        (None, True),
    ]
    (pending,) = state.webhooks.as_dict()["pending"]
    assert pending["attempts"] == 2
    state.webhooks.disable()
    assert state.webhooks.pending == []


# Control routes, server, command line ----------------------------------------------------


async def test_control_routes(
    api: Api, state: SimulatorState, receiver: Receiver
) -> None:
    """Set, read, trigger and remove the webhook over HTTP; the key is never shown."""
    assert (await api.control("POST", "webhook", {"url": 5})).status == 400
    assert (await api.control("POST", "webhook", {"url": "nope"})).status == 400
    answer = await api.control(
        "POST", "webhook", {"url": receiver.url, "key": KEY, "form": "sha256"}
    )
    assert answer.status == 200
    assert answer.json()["url"] == receiver.url
    assert answer.json()["form"] == "sha256"
    assert KEY not in answer.text
    await api.control("POST", "clock/advance", {"seconds": 86400})
    answer = await api.control("POST", "webhook/deliver")
    assert [a["status"] for a in answer.json()["attempts"]] == [200]
    settings = (await api.control("GET", "webhook")).json()
    assert settings["attempts"][0]["trackNo"] == PARCEL
    assert settings["pending"] == []
    assert (await api.control("DELETE", "webhook")).json()["url"] is None


async def test_server_delivers_in_the_background(
    state: SimulatorState, receiver: Receiver
) -> None:
    """With an interval, the server pushes by itself; one failure stops nothing."""
    state.webhooks.configure(receiver.url)
    state.clock.advance(DAY)
    calls = 0
    deliver = WebhookDispatcher.deliver_due

    async def flaky(self: WebhookDispatcher, session: aiohttp.ClientSession) -> Any:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("boom")
        return await deliver(self, session)

    with patch.object(WebhookDispatcher, "deliver_due", flaky):
        async with SimulatorServer(state, webhook_interval=0.01):
            for _ in range(200):
                if receiver.bodies:
                    break
                await asyncio.sleep(0.01)
    assert len(receiver.bodies) == 1


async def test_server_deliver_webhooks(
    state: SimulatorState, receiver: Receiver
) -> None:
    """Without an interval, tests push with ``deliver_webhooks``."""
    state.webhooks.configure(receiver.url)
    async with SimulatorServer(state) as server:
        state.clock.advance(DAY)
        attempts = await server.deliver_webhooks()
    assert [a.status for a in attempts] == [200]


def test_cli_webhook_options() -> None:
    """The command line sets the webhook URL, key, signature form and interval."""
    args = build_parser().parse_args(
        [
            "--webhook-url",
            "http://127.0.0.1:8123/api/webhook/abc",
            "--webhook-key",
            KEY,
            "--webhook-signature",
            "sha256",
            "--webhook-interval",
            "2",
        ]
    )
    assert args.webhook_url == "http://127.0.0.1:8123/api/webhook/abc"
    assert args.webhook_key == KEY
    assert args.webhook_signature == "sha256"
    assert args.webhook_interval == 2.0

    captured: dict[str, Any] = {}

    def fake_run(coro: Any) -> None:
        captured["state"] = coro.cr_frame.f_locals["state"]
        captured["interval"] = coro.cr_frame.f_locals["webhook_interval"]
        coro.close()

    with patch("track123_simulator.__main__.asyncio.run", fake_run):
        main(["--webhook-url", "http://127.0.0.1:8123/api/webhook/abc", "--key", KEY])
    webhooks = captured["state"].webhooks
    assert webhooks.url == "http://127.0.0.1:8123/api/webhook/abc"
    assert webhooks.key == KEY
    assert webhooks.form == "hmac"
    assert captured["interval"] == 5.0


# Realism: stale reads, original retries, millisecond timestamps ---------------------------


async def _query(api: Api) -> dict[str, Any]:
    return await api.tracking("tk/v2.1/track/query", PARCEL)


async def _push_a_day(
    state: SimulatorState,
    receiver: Receiver,
    session: aiohttp.ClientSession,
    switches: str,
) -> dict[str, Any]:
    """With ``switches`` on, push the change a day brings; return the body sent."""
    state.realism.apply(switches)
    state.webhooks.configure(receiver.url)
    state.clock.advance(DAY)
    await state.webhooks.deliver_due(session)
    body: dict[str, Any] = receiver.bodies[0]
    return body


async def test_stale_read_after_a_push(
    api: Api, state: SimulatorState, receiver: Receiver, session: aiohttp.ClientSession
) -> None:
    """With stale_reads, the query after a push answers the state before the pushed change, once."""
    pushed = (await _push_a_day(state, receiver, session, "stale_reads"))["data"]
    stale = await _query(api)
    assert (stale["transitStatus"], stale["transitSubStatus"]) != (
        pushed["transitStatus"],
        pushed["transitSubStatus"],
    )
    pushed_events = pushed["localLogisticsInfo"]["trackingDetails"]
    assert stale["localLogisticsInfo"]["trackingDetails"] == pushed_events[1:]
    realtime = await api.post("tk/v2.1/track/query-realtime", {"trackNo": PARCEL})
    assert (
        realtime.json()["data"]["accepted"]["transitSubStatus"]
        == pushed["transitSubStatus"]
    )
    fresh = await _query(api)
    assert fresh == pushed


async def test_no_stale_read_without_the_switch(
    api: Api, state: SimulatorState, receiver: Receiver, session: aiohttp.ClientSession
) -> None:
    """Without stale_reads, the query after a push answers what was pushed."""
    pushed = await _push_a_day(state, receiver, session, "none")
    assert await _query(api) == pushed["data"]


class RawReceiver(Receiver):
    """Also keeps the bytes of each body."""

    def __init__(self) -> None:
        """Answer 200 until told otherwise."""
        super().__init__()
        self.raw: list[bytes] = []

    async def handle(self, request: web.Request) -> web.Response:
        """Keep the bytes, then answer as a Receiver."""
        self.raw.append(await request.read())
        return await super().handle(request)


@pytest.fixture
async def raw_receiver(socket_enabled: None) -> AsyncIterator[RawReceiver]:
    """Run a RawReceiver on a free 127.0.0.1 port."""
    async with serving(RawReceiver()) as running:
        yield running


async def _fail_every_attempt(
    state: SimulatorState, receiver: RawReceiver, session: aiohttp.ClientSession
) -> list[float]:
    """Let every attempt fail; return the attempts' seconds after the first."""
    stamps = iter(range(1_800_000_000, 1_800_000_100))
    state.webhooks.timestamp = lambda: str(next(stamps))
    state.webhooks.configure(receiver.url)
    state.clock.advance(3 * DAY)
    first = state.clock.now()
    receiver.statuses = [500] * 10
    made = await state.webhooks.deliver_due(session)
    for delay in RETRY_DELAYS[1:]:
        state.clock.set(first + timedelta(seconds=delay))
        made += await state.webhooks.deliver_due(session)
    state.clock.set(first + timedelta(days=30))
    made += await state.webhooks.deliver_due(session)
    assert state.webhooks.pending == []
    return [(a.at - first).total_seconds() for a in made]


async def test_retry_original_resends_the_first_bytes(
    state: SimulatorState, raw_receiver: RawReceiver, session: aiohttp.ClientSession
) -> None:
    """With retry_original: seven attempts in all, at 0, 600, ... 129600 s, each the first attempt's bytes."""
    state.realism.apply("retry_original")
    offsets = await _fail_every_attempt(state, raw_receiver, session)
    assert offsets == list(RETRY_DELAYS)
    assert len(set(raw_receiver.raw)) == 1
    assert raw_receiver.bodies[0]["verify"]["timestamp"] == "1800000000"


async def test_retries_resigned_without_the_switch(
    state: SimulatorState, raw_receiver: RawReceiver, session: aiohttp.ClientSession
) -> None:
    """Without retry_original: eight attempts, each signed afresh (same data)."""
    offsets = await _fail_every_attempt(state, raw_receiver, session)
    assert offsets == [0, *RETRY_DELAYS]
    stamps = [body["verify"]["timestamp"] for body in raw_receiver.bodies]
    assert len(set(stamps)) == 8
    assert all(
        body["data"] == raw_receiver.bodies[0]["data"] for body in raw_receiver.bodies
    )


async def test_ms_timestamps(
    state: SimulatorState, receiver: Receiver, session: aiohttp.ClientSession
) -> None:
    """With ms_timestamps the timestamp has 13 digits, and the signature is made over them."""
    verify = (await _push_a_day(state, receiver, session, "ms_timestamps"))["verify"]
    assert len(verify["timestamp"]) == 13
    assert verify["signature"] == sign(KEY, verify["timestamp"])
