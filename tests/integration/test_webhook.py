"""Updates pushed by Track123's webhook: verified, applied at once, exactly-once events."""

from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import timedelta
import json
import logging
from typing import Any
from unittest.mock import AsyncMock, patch

from aiohttp.test_utils import TestClient
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import webhook
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.network import NoURLAvailableError
from homeassistant.util.aiohttp import MockRequest
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    WebSocketGenerator,
)

from custom_components.track123 import webhook as track123_webhook, webhook_signature
from custom_components.track123.const import (
    CONF_DELIVERED_RETENTION_DAYS,
    CONF_KINDS,
    CONF_SCAN_INTERVAL,
    CONF_SCOPE,
    CONF_WEBHOOK,
    CONF_WEBHOOK_ID,
    DOMAIN,
    Scope,
    ShipmentKind,
)
from custom_components.track123.events import EVENT_DELIVERED, EVENT_STATUS_CHANGED
from custom_components.track123.store import AddedShipment
from custom_components.track123.webhook import safety_net_interval
from custom_components.track123.webhook_body import MAX_BODY_BYTES
from custom_components.track123.webhook_signature import ReplayMemory, timestamp_seconds
from track123_simulator import SimulatorServer, SimulatorState
from track123_simulator.payloads import parcel_payload

from .common import PARCEL, advance, shipment_entity_ids
from .webhook_helpers import *  # noqa: F403 - the webhook fixtures
from .webhook_helpers import (
    OTHER_PARCEL,
    PUSH_LATER,
    WEBHOOK_ID,
    Post,
    assert_refused,
    delivered_parcel,
    hmac_signature,
    later_at_track123,
    now_ms,
    parcel_state,
    poll,
    registered_webhooks,
    setup_with,
    sha256_signature,
    signed,
)

# A pushed delivery -------------------------------------------------------------------


async def test_pushed_delivery_applies_at_once_and_fires_once(
    hass: HomeAssistant,
    pushed: MockConfigEntry,
    simulator: SimulatorServer,
    sim_pushes: SimulatorState,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The simulator pushes the delivery; the next poll seeing it fires nothing."""
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    delivered = async_capture_events(hass, EVENT_DELIVERED)
    before = parcel_state(hass)
    assert before != "delivered"
    requests = sim_pushes.request_count()

    later_at_track123(sim_pushes, PUSH_LATER)
    attempts = await simulator.deliver_webhooks()
    await hass.async_block_till_done()

    assert [(a.track_no, a.status) for a in attempts] == [(PARCEL, 200)]
    # Applied at once: no request to Track123 was needed.
    assert sim_pushes.request_count() == requests
    assert parcel_state(hass) == "delivered"
    assert len(delivered) == 1
    assert delivered[0].data["tracking_number"] == PARCEL
    assert delivered[0].data["old_status"] == before
    assert [e.data["new_status"] for e in changed] == ["delivered"]

    # The safety-net poll sees the same status: nothing more.
    freezer.tick(pushed.runtime_data.coordinator.update_interval)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert sim_pushes.request_count() > requests
    assert parcel_state(hass) == "delivered"
    assert [e.data["tracking_number"] for e in delivered].count(PARCEL) == 1
    assert [e.data["tracking_number"] for e in changed].count(PARCEL) == 1

    # Nothing changed since: the simulator pushes nothing more.
    assert await simulator.deliver_webhooks() == []


async def test_push_after_poll_fires_nothing(
    hass: HomeAssistant,
    pushed: MockConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    post: Post,
) -> None:
    """A poll sees the delivery first; the late push of it fires nothing."""
    delivered = async_capture_events(hass, EVENT_DELIVERED)
    sim_state.clock.advance(PUSH_LATER)
    freezer.tick(PUSH_LATER)
    await poll(hass, pushed)
    assert parcel_state(hass) == "delivered"
    assert [e.data["tracking_number"] for e in delivered].count(PARCEL) == 1

    data = parcel_payload(sim_state.parcels[PARCEL], sim_state.clock.now())
    timestamp = now_ms(sim_state.clock.now())
    assert await post(signed(data, timestamp=timestamp)) == 200
    await hass.async_block_till_done()
    assert parcel_state(hass) == "delivered"
    assert [e.data["tracking_number"] for e in delivered].count(PARCEL) == 1


async def test_safety_net_interval(
    hass: HomeAssistant, pushed: MockConfigEntry
) -> None:
    """Parcels are polled at four times the interval, at most a day; cargo as set."""
    coordinator = pushed.runtime_data.coordinator
    assert coordinator.update_interval == timedelta(minutes=30)
    assert coordinator.pushed_interval == timedelta(hours=2)
    hass.config_entries.async_update_entry(
        pushed, options={**pushed.options, CONF_SCAN_INTERVAL: 600}
    )
    assert safety_net_interval(pushed) == timedelta(hours=24)


async def test_cargo_keeps_the_interval_with_webhooks_on(
    hass: HomeAssistant,
    pushed: MockConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Only parcels, which Track123 pushes, are polled less often; cargo is not."""

    def polled() -> dict[str, int]:
        """Count the query requests per kind: parcels (""), ocean, air."""
        counts = {"": 0, "ocean/": 0, "aviation/": 0}
        for path, count in sim_state.requests_per_endpoint().items():
            if path.endswith("track/query"):
                kind = next((k for k in ("ocean/", "aviation/") if k in path), "")
                counts[kind] += count
        return counts

    before = polled()
    for _ in range(3):
        await advance(hass, freezer, sim_state, timedelta(minutes=30))
    after_90_minutes = polled()
    assert after_90_minutes["ocean/"] - before["ocean/"] == 3
    assert after_90_minutes["aviation/"] - before["aviation/"] == 3
    assert after_90_minutes[""] == before[""]

    await advance(hass, freezer, sim_state, timedelta(minutes=30))
    after_two_hours = polled()
    assert after_two_hours[""] > before[""]
    assert after_two_hours["ocean/"] - before["ocean/"] == 4

    # The refresh action asks for everything at once, parcels included.
    await hass.services.async_call(DOMAIN, "refresh", blocking=True)
    await hass.async_block_till_done()
    assert polled()[""] > after_two_hours[""]


# Signatures --------------------------------------------------------------------------


@pytest.mark.usefixtures("pushed")
@pytest.mark.parametrize("sign", [hmac_signature, sha256_signature])
@pytest.mark.parametrize("unit", ["milliseconds", "seconds"])
async def test_both_signature_forms_accepted(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    post: Post,
    sign: Callable[[str, str], str],
    unit: str,
) -> None:
    """HMAC or plain hash, timestamp in seconds or milliseconds: all accepted."""
    now = sim_state.clock.now()
    timestamp = now_ms(now) if unit == "milliseconds" else str(int(now.timestamp()))
    body = signed(delivered_parcel(sim_state), timestamp=timestamp, sign=sign)
    body["verify"]["signature"] = body["verify"]["signature"].upper()
    assert await post(body) == 200
    await hass.async_block_till_done()
    assert parcel_state(hass) == "delivered"


async def test_numeric_timestamp_accepted(
    hass: HomeAssistant, pushed: MockConfigEntry, sim_state: SimulatorState, post: Post
) -> None:
    """A timestamp sent as a JSON number is signed as its digits."""
    timestamp = now_ms(sim_state.clock.now())
    body = signed(delivered_parcel(sim_state), timestamp=timestamp)
    body["verify"]["timestamp"] = int(timestamp)
    assert await post(body) == 200
    await hass.async_block_till_done()
    assert parcel_state(hass) == "delivered"


def test_timestamp_units() -> None:
    """Digits only; from 10^11 on, milliseconds."""
    assert timestamp_seconds("1793491200") == 1793491200.0
    assert timestamp_seconds("1793491200000") == 1793491200.0
    assert timestamp_seconds("-1") is None
    assert timestamp_seconds("1.5") is None
    assert timestamp_seconds("１２") is None  # noqa: RUF001 - full-width digits
    assert timestamp_seconds("") is None


@pytest.mark.usefixtures("pushed")
@pytest.mark.parametrize(("ms", "digits"), [(False, 10), (True, 13)])
async def test_simulator_pushes_in_seconds_and_milliseconds(
    hass: HomeAssistant,
    *,
    simulator: SimulatorServer,
    sim_pushes: SimulatorState,
    monkeypatch: pytest.MonkeyPatch,
    ms: bool,
    digits: int,
) -> None:
    """Track123's timestamps, ten digits or thirteen, are both accepted."""
    sim_pushes.realism.update({"ms_timestamps": ms})
    timestamps: list[str] = []
    sign_body = sim_pushes.webhooks.body

    def recording(delivery: Any) -> dict[str, Any]:
        body = sign_body(delivery)
        timestamps.append(body["verify"]["timestamp"])
        return body

    monkeypatch.setattr(sim_pushes.webhooks, "body", recording)
    later_at_track123(sim_pushes, PUSH_LATER)
    assert [a.status for a in await simulator.deliver_webhooks()] == [200]
    assert [len(t) for t in timestamps] == [digits]
    assert parcel_state(hass) == "delivered"


# Refusals ----------------------------------------------------------------------------


def _body(state: SimulatorState, **changes: Any) -> dict[str, Any]:
    """Return a valid body, then apply ``changes`` to its verify part."""
    body = signed(delivered_parcel(state), timestamp=now_ms(state.clock.now()))
    for key, value in changes.items():
        if value is None:
            del body["verify"][key]
        else:
            body["verify"][key] = value
    return body


REFUSALS: dict[str, tuple[Callable[[SimulatorState], Any], int]] = {
    "no verify": (
        lambda s: {"data": delivered_parcel(s)},
        401,
    ),
    "verify not an object": (
        lambda s: {"data": delivered_parcel(s), "verify": "signed"},
        401,
    ),
    "no signature": (lambda s: _body(s, signature=None), 401),
    "no timestamp": (lambda s: _body(s, timestamp=None), 401),
    "boolean timestamp": (lambda s: _body(s, timestamp=True), 401),
    "malformed timestamp": (lambda s: _body(s, timestamp="yesterday"), 401),
    "wrong signature": (lambda s: _body(s, signature="0" * 64), 401),
    "signed with another key": (
        lambda s: signed(
            delivered_parcel(s), timestamp=now_ms(s.clock.now()), key="other-key"
        ),
        401,
    ),
    "not an object": (lambda s: [delivered_parcel(s)], 400),
    "no data": (
        lambda s: {"verify": _body(s)["verify"]},
        400,
    ),
    "data not an object": (
        lambda s: signed("1Z999AA10123456784", timestamp=now_ms(s.clock.now())),
        400,
    ),
    "tracking without a number": (
        lambda s: signed(
            {**delivered_parcel(s), "trackNo": ""}, timestamp=now_ms(s.clock.now())
        ),
        400,
    ),
}


@pytest.mark.usefixtures("pushed")
@pytest.mark.parametrize("case", REFUSALS)
async def test_refused(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    post: Post,
    caplog: pytest.LogCaptureFixture,
    case: str,
) -> None:
    """Each bad call gets a 4xx, a log line without personal data, no change."""
    make, status = REFUSALS[case]
    await assert_refused(
        hass, post, caplog, json.dumps(make(sim_state)).encode(), status
    )


@pytest.mark.usefixtures("pushed")
@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"{not json", 400),
        (b"\xff\xfe", 400),
        (b"", 400),
        (b" " * (MAX_BODY_BYTES + 1), 413),
    ],
    ids=["malformed JSON", "not UTF-8", "empty", "oversized"],
)
async def test_refused_raw(
    hass: HomeAssistant,
    post: Post,
    caplog: pytest.LogCaptureFixture,
    raw: bytes,
    status: int,
) -> None:
    """Bodies that are not JSON, or too large, are refused."""
    before = parcel_state(hass)
    assert await post(raw=raw) == status
    assert parcel_state(hass) == before
    assert "Refused a Track123 webhook call" in caplog.text


@pytest.mark.usefixtures("pushed")
async def test_tracking_the_parser_cannot_read(
    sim_state: SimulatorState, post: Post, caplog: pytest.LogCaptureFixture
) -> None:
    """Whatever the parser raises on a signed body is a 400, without a traceback."""
    body = signed(delivered_parcel(sim_state), timestamp=now_ms(sim_state.clock.now()))
    with patch(
        "custom_components.track123.webhook_body.parse_parcel",
        side_effect=RecursionError,
    ):
        assert await post(body) == 400
    assert "unreadable tracking" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


async def test_oversized_chunked_body_refused(
    hass: HomeAssistant, pushed: MockConfigEntry, client: TestClient
) -> None:
    """A body without a length is cut off once past the limit."""

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(20):
            yield b" " * (64 * 1024)

    response = await client.post(f"/api/webhook/{WEBHOOK_ID}", data=chunks())
    assert response.status == 413


async def test_replay_refused_whatever_the_body(
    hass: HomeAssistant, pushed: MockConfigEntry, sim_state: SimulatorState, post: Post
) -> None:
    """A signed pair is used once: a second use is refused, with any body."""
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    timestamp = now_ms(sim_state.clock.now())
    current = parcel_payload(sim_state.parcels[PARCEL], sim_state.clock.now())
    assert await post(signed(current, timestamp=timestamp)) == 200
    before = parcel_state(hass)
    assert before != "delivered"

    assert await post(signed(current, timestamp=timestamp)) == 409
    # The pair seen once lets no one post another body: the signature covers only
    # the timestamp.
    forged = signed(delivered_parcel(sim_state), timestamp=timestamp)
    forged["verify"]["signature"] = forged["verify"]["signature"].upper()
    assert await post(forged) == 409
    await hass.async_block_till_done(wait_background_tasks=True)
    assert parcel_state(hass) == before
    assert changed == []


def test_replay_memory_forgets_stale_pairs_and_is_bounded() -> None:
    """A pair is remembered while fresh; at most MAX_REMEMBERED pairs are."""
    memory = ReplayMemory()
    assert memory.use("1000", "AB", sent=1000.0, now=1000.0)
    assert not memory.use("1000", " ab ", sent=1000.0, now=1299.0)
    # Once stale (the freshness check refuses it first), the pair is forgotten.
    assert memory.use("2000", "cd", sent=2000.0, now=2000.0)
    assert len(memory) == 1
    # A push that could not be applied releases its pair: its retry is accepted.
    memory.release("2000", "CD")
    assert memory.use("2000", "cd", sent=2000.0, now=2001.0)
    with patch.object(webhook_signature, "MAX_REMEMBERED", 2):
        for second in range(3):
            assert memory.use(str(3000 + second), "ef", sent=3000.0, now=3000.0)
    assert len(memory) == 2


# Which shipments a push may show -------------------------------------------------------


@pytest.mark.usefixtures("demo_shipments")
@pytest.mark.parametrize("scope", ["added", "account"])
async def test_unknown_number(
    hass: HomeAssistant,
    webhook_entry: MockConfigEntry,
    sim_state: SimulatorState,
    post: Post,
    scope: str,
) -> None:
    """An unknown number is ignored in scope "added", added in scope "account"."""
    added = scope == "account"
    await setup_with(hass, webhook_entry, **{CONF_SCOPE: scope})
    before = shipment_entity_ids(hass)
    sim_state.add_parcel(OTHER_PARCEL, courier_code="usps", scenario="delivered")
    body = signed(
        delivered_parcel(sim_state, OTHER_PARCEL),
        timestamp=now_ms(sim_state.clock.now()),
    )
    assert await post(body) == 200
    await hass.async_block_till_done()
    coordinator = webhook_entry.runtime_data.coordinator
    assert any(s.number == OTHER_PARCEL for s in coordinator.data.values()) is added
    assert (shipment_entity_ids(hass) != before) is added


async def test_added_number_shown_in_scope_added(
    hass: HomeAssistant,
    webhook_entry: MockConfigEntry,
    sim_state: SimulatorState,
    post: Post,
) -> None:
    """In scope "added", a number added from Home Assistant is applied."""
    await setup_with(hass, webhook_entry, **{CONF_SCOPE: "added"})
    sim_state.add_parcel(PARCEL, courier_code="ups", scenario="delivered")
    await webhook_entry.runtime_data.store.async_add(
        AddedShipment(kind=ShipmentKind.PARCEL, number=PARCEL, carrier="ups")
    )
    body = signed(delivered_parcel(sim_state), timestamp=now_ms(sim_state.clock.now()))
    assert await post(body) == 200
    await hass.async_block_till_done()
    assert parcel_state(hass) == "delivered"


async def test_parcels_not_enabled(
    hass: HomeAssistant,
    webhook_entry: MockConfigEntry,
    demo_shipments: None,
    sim_state: SimulatorState,
    post: Post,
) -> None:
    """Without parcels among the kinds, a pushed parcel is ignored."""
    await setup_with(hass, webhook_entry, **{CONF_KINDS: ["ocean", "air"]})
    sim_state.add_parcel(OTHER_PARCEL, scenario="delivered")
    body = signed(
        delivered_parcel(sim_state, OTHER_PARCEL),
        timestamp=now_ms(sim_state.clock.now()),
    )
    assert await post(body) == 200
    coordinator = webhook_entry.runtime_data.coordinator
    assert all(s.number != OTHER_PARCEL for s in coordinator.data.values())


async def test_older_and_repeated_updates(
    hass: HomeAssistant, pushed: MockConfigEntry, sim_state: SimulatorState, post: Post
) -> None:
    """An update older than the one shown, or the same again, changes nothing."""
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    now = sim_state.clock.now()
    newest = delivered_parcel(sim_state)
    older = parcel_payload(sim_state.parcels[PARCEL], now + timedelta(hours=30))
    assert await post(signed(newest, timestamp=now_ms(now))) == 200
    assert (
        await post(signed(older, timestamp=now_ms(now + timedelta(seconds=1)))) == 200
    )
    assert (
        await post(signed(newest, timestamp=now_ms(now + timedelta(seconds=2)))) == 200
    )
    await hass.async_block_till_done()
    assert parcel_state(hass) == "delivered"
    assert [e.data["new_status"] for e in changed] == ["delivered"]


async def test_poll_older_than_a_push_changes_nothing(
    hass: HomeAssistant, pushed: MockConfigEntry, sim_state: SimulatorState, post: Post
) -> None:
    """After a pushed delivery, a poll still answering "in transit" undoes nothing."""
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    now = sim_state.clock.now()
    assert await post(signed(delivered_parcel(sim_state), timestamp=now_ms(now))) == 200
    await hass.async_block_till_done()
    assert parcel_state(hass) == "delivered"

    # Track123's own answer is still the older one (it is not delivered yet there).
    await poll(hass, pushed)
    await pushed.runtime_data.coordinator.async_request_full_refresh()
    await hass.async_block_till_done()

    assert parcel_state(hass) == "delivered"
    assert [e.data["new_status"] for e in changed] == ["delivered"]


async def test_delivered_past_retention_removed(
    hass: HomeAssistant,
    webhook_entry: MockConfigEntry,
    demo_shipments: None,
    sim_state: SimulatorState,
    post: Post,
) -> None:
    """A push of a delivery older than the retention removes the shipment."""
    await setup_with(hass, webhook_entry, **{CONF_DELIVERED_RETENTION_DAYS: 0})
    coordinator = webhook_entry.runtime_data.coordinator
    key = next(k for k, s in coordinator.data.items() if s.number == PARCEL)
    data = {**delivered_parcel(sim_state), "deliveredTime": "2026-10-01 00:00:00"}
    body = signed(data, timestamp=now_ms(sim_state.clock.now()))
    assert await post(body) == 200
    assert key not in coordinator.data


# Retries -----------------------------------------------------------------------------


async def test_simulator_retries_after_5xx(
    hass: HomeAssistant,
    pushed: MockConfigEntry,
    simulator: SimulatorServer,
    sim_pushes: SimulatorState,
) -> None:
    """Home Assistant answers 503 while it cannot apply; Track123 retries on schedule."""
    coordinator = pushed.runtime_data.coordinator
    apply = coordinator.async_apply_pushed
    failures = 2

    async def flaky(detail: Any) -> bool:
        nonlocal failures
        if failures:
            failures -= 1
            raise RuntimeError("storage unavailable")
        return await apply(detail)

    later_at_track123(sim_pushes, PUSH_LATER)
    first = sim_pushes.clock.now()
    with patch.object(coordinator, "async_apply_pushed", flaky):
        # The first attempt and the immediate retry fail; the next is 600 s later.
        attempts = await simulator.deliver_webhooks()
        assert [(a.number, a.status, a.at) for a in attempts] == [
            (1, 503, first),
            (2, 503, first),
        ]
        assert parcel_state(hass) != "delivered"
        later_at_track123(sim_pushes, timedelta(seconds=599))
        assert await simulator.deliver_webhooks() == []
        later_at_track123(sim_pushes, timedelta(seconds=1))
        attempts = await simulator.deliver_webhooks()
    assert [(a.number, a.status) for a in attempts] == [(3, 200)]
    assert attempts[0].at == first + timedelta(seconds=600)
    await hass.async_block_till_done()
    assert parcel_state(hass) == "delivered"
    assert sim_pushes.webhooks.pending == []


# The option, on and off, without a restart ----------------------------------------------


async def test_option_on_and_off(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_state: SimulatorState,
    hass_ws_client: WebSocketGenerator,
    post: Post,
) -> None:
    """Turning the option on shows the URL and registers the webhook; off removes it."""
    entry = init_integration
    assert entry.runtime_data.coordinator.update_interval == timedelta(minutes=30)

    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            CONF_SCAN_INTERVAL: 30,
            CONF_KINDS: ["parcel", "ocean", "air"],
            CONF_DELIVERED_RETENTION_DAYS: 7,
            CONF_SCOPE: "account",
            CONF_WEBHOOK: True,
        },
    )
    assert result["type"] is FlowResultType.FORM
    # The test server's address is local: the step warns about it.
    assert result["step_id"] == "webhook_local"
    webhook_id = entry.data[CONF_WEBHOOK_ID]
    url = result["description_placeholders"]["webhook_url"]
    assert url.endswith(f"/api/webhook/{webhook_id}")
    # Not stored before the step is submitted.
    assert not entry.options.get(CONF_WEBHOOK)

    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_WEBHOOK] is True
    assert entry.state is ConfigEntryState.LOADED
    assert webhook_id in await registered_webhooks(hass_ws_client, hass)
    assert entry.runtime_data.coordinator.update_interval == timedelta(minutes=30)
    assert entry.runtime_data.coordinator.pushed_interval == timedelta(hours=2)

    # Off again: unregistered, polling as before; the id is kept for next time.
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**entry.options, CONF_WEBHOOK: False}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.state is ConfigEntryState.LOADED
    assert webhook_id not in await registered_webhooks(hass_ws_client, hass)
    assert entry.runtime_data.coordinator.update_interval == timedelta(minutes=30)
    assert entry.runtime_data.coordinator.pushed_interval is None
    assert entry.data[CONF_WEBHOOK_ID] == webhook_id

    # On again: same URL.
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**entry.options, CONF_WEBHOOK: True}
    )
    assert result["description_placeholders"]["webhook_url"] == url
    await hass.config_entries.options.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()
    assert webhook_id in await registered_webhooks(hass_ws_client, hass)


async def test_push_through_home_assistant_cloud(
    hass: HomeAssistant, pushed: MockConfigEntry, sim_state: SimulatorState
) -> None:
    """Home Assistant Cloud hands a cloudhook call over without a declared length."""
    body = signed(delivered_parcel(sim_state), timestamp=now_ms(sim_state.clock.now()))
    request = MockRequest(
        content=json.dumps(body).encode(), mock_source="cloudhook", method="POST"
    )
    response = await webhook.async_handle_webhook(hass, WEBHOOK_ID, request)
    assert response.status == 200
    assert parcel_state(hass) == "delivered"


async def test_unloaded_entry_unregisters(
    hass: HomeAssistant,
    pushed: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Unloading the entry unregisters its webhook."""
    assert WEBHOOK_ID in await registered_webhooks(hass_ws_client, hass)
    assert await hass.config_entries.async_unload(pushed.entry_id)
    assert WEBHOOK_ID not in await registered_webhooks(hass_ws_client, hass)


async def test_local_url_without_any_address(hass: HomeAssistant) -> None:
    """Without a configured address, the path alone is shown."""
    with patch(
        "homeassistant.components.webhook.get_url", side_effect=NoURLAvailableError
    ):
        url = track123_webhook.local_url(hass, WEBHOOK_ID)
    assert url == f"/api/webhook/{WEBHOOK_ID}"


# Home Assistant Cloud ------------------------------------------------------------------


@pytest.fixture
def cloud_loaded(hass: HomeAssistant) -> None:
    """Pretend Home Assistant Cloud is set up."""
    hass.config.components.add("cloud")


@pytest.mark.usefixtures("cloud_loaded")
async def test_cloud_url_shown(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """With an active subscription, the cloud URL is shown too."""
    with (
        patch(
            "homeassistant.components.cloud.async_active_subscription",
            return_value=True,
        ),
        patch(
            "homeassistant.components.cloud.async_get_or_create_cloudhook",
            return_value="https://hooks.nabu.casa/abc",
        ) as create,
    ):
        result = await hass.config_entries.options.async_init(init_integration.entry_id)
        result = await hass.config_entries.options.async_configure(
            result["flow_id"],
            {**init_integration.options, **_defaults(), CONF_WEBHOOK: True},
        )
    assert result["step_id"] == "webhook"
    assert result["description_placeholders"]["webhook_url"] == (
        "https://hooks.nabu.casa/abc"
    )
    create.assert_awaited_once_with(hass, init_integration.data[CONF_WEBHOOK_ID])


def _defaults() -> dict[str, Any]:
    return {
        CONF_SCAN_INTERVAL: 30,
        CONF_KINDS: ["parcel", "ocean", "air"],
        CONF_DELIVERED_RETENTION_DAYS: 7,
        CONF_SCOPE: "account",
    }


@pytest.mark.usefixtures("cloud_loaded")
@pytest.mark.parametrize(("active", "error"), [(False, None), (True, "not_connected")])
async def test_cloud_url_unavailable(
    hass: HomeAssistant, active: bool, error: str | None
) -> None:
    """Without a subscription, or not connected: no cloud URL."""
    from homeassistant.components import cloud

    with (
        patch(
            "homeassistant.components.cloud.async_active_subscription",
            return_value=active,
        ),
        patch(
            "homeassistant.components.cloud.async_get_or_create_cloudhook",
            side_effect=cloud.CloudNotConnected,
        ),
    ):
        assert await track123_webhook.async_cloud_url(hass, WEBHOOK_ID) is None


async def _remove_with_cloud(
    hass: HomeAssistant, entry: MockConfigEntry, *, subscribed: bool
) -> AsyncMock:
    """Remove an entry with Home Assistant Cloud set up; return the cloudhook deleter."""
    with (
        patch(
            "homeassistant.components.cloud.async_active_subscription",
            return_value=subscribed,
        ),
        patch("homeassistant.components.cloud.async_delete_cloudhook") as delete,
    ):
        assert await hass.config_entries.async_remove(entry.entry_id)
    return delete


@pytest.mark.usefixtures("cloud_loaded")
@pytest.mark.parametrize(
    ("subscribed", "deleted"),
    [pytest.param(True, 1, id="subscribed"), pytest.param(False, 0, id="no_plan")],
)
async def test_cloudhook_deleted_with_entry(
    hass: HomeAssistant, pushed: MockConfigEntry, subscribed: bool, deleted: int
) -> None:
    """Removing the entry deletes its cloud webhook, where a subscription has one."""
    delete = await _remove_with_cloud(hass, pushed, subscribed=subscribed)
    assert delete.await_count == deleted
    if deleted:
        delete.assert_awaited_once_with(hass, WEBHOOK_ID)


@pytest.mark.usefixtures("cloud_loaded")
async def test_no_cloudhook_to_delete(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """An entry that never had a webhook removes cleanly, deleting no cloud webhook."""
    delete = await _remove_with_cloud(hass, init_integration, subscribed=True)
    delete.assert_not_called()


async def test_pushed_cargo_follows_the_scope(
    hass: HomeAssistant, pushed: MockConfigEntry
) -> None:
    """The coordinator takes pushed ocean and air shipments by the same rules."""
    coordinator = pushed.runtime_data.coordinator
    air = next(s.detail for s in coordinator.data.values() if s.kind == "air")
    ocean = next(s.detail for s in coordinator.data.values() if s.kind == "ocean")
    new_air = replace(air, awb="176-99999990")
    new_ocean = replace(ocean, tracking_no="MSKU7654321")
    assert await coordinator.async_apply_pushed(new_air)
    coordinator.scope = Scope.ADDED
    assert not await coordinator.async_apply_pushed(new_ocean)


async def test_webhook_id_redacted_in_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    pushed: MockConfigEntry,
) -> None:
    """Whoever knows the webhook id can call it: diagnostics do not show it."""
    from pytest_homeassistant_custom_component.components.diagnostics import (
        get_diagnostics_for_config_entry,
    )

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, pushed)
    assert diagnostics["entry"]["data"][CONF_WEBHOOK_ID] == "**REDACTED**"
    assert WEBHOOK_ID not in json.dumps(diagnostics)
