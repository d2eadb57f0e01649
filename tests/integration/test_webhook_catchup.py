"""No push lost: what a push cannot bring as data is asked of Track123.

A validly signed push outside the freshness window, or one whose signature was
already used, is not applied; its number is queried from Track123 after a short
collection, at most once per number per five minutes, and the answer applied.
"""

from datetime import timedelta
import logging
import socket
from typing import Any
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.track123.api.parsing import parse_parcel
from custom_components.track123.const import CONF_KINDS, CONF_SCOPE, ShipmentKind
from custom_components.track123.events import EVENT_DELIVERED, EVENT_STATUS_CHANGED
from custom_components.track123.push_catchup import (
    COLLECT_FOR,
    MAX_TRIES,
    NUMBER_INTERVAL,
)
from custom_components.track123.store import AddedShipment
from track123_simulator import Fault, SimulatorServer, SimulatorState
from track123_simulator.payloads import parcel_payload
from track123_simulator.webhooks import Attempt

from .common import PARCEL, advance
from .webhook_helpers import *  # noqa: F403 - the webhook fixtures
from .webhook_helpers import (
    OTHER_PARCEL,
    PUSH_LATER,
    WEBHOOK_ID,
    Post,
    delivered_parcel,
    later_at_track123,
    now_ms,
    parcel_state,
    setup_with,
    signed,
)

QUERY = "tk/v2.1/track/query"
THIRD_PARCEL = "9400111899223344556688"
# Old enough to be outside the five-minute window.
LATE = timedelta(minutes=10)
# Track123's first retry of a push that got no 2xx answer.
RETRY = timedelta(seconds=600)


def number_queries(state: SimulatorState) -> list[list[str]]:
    """Return the numbers of every query by number the simulator answered."""
    return [
        sorted(request.body["trackNos"])
        for request in state.requests
        if request.endpoint == QUERY
        and isinstance(request.body, dict)
        and "trackNos" in request.body
    ]


def unreachable_url() -> str:
    """Return a webhook URL on a port nothing listens on: Home Assistant is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/webhook/{WEBHOOK_ID}"


def stale_push(data: dict[str, Any]) -> dict[str, Any]:
    """Return ``data`` validly signed ten minutes ago (Home Assistant's clock)."""
    return signed(data, timestamp=now_ms(dt_util.utcnow() - LATE))


def current(state: SimulatorState, number: str = PARCEL) -> dict[str, Any]:
    """Return a parcel as Track123 describes it now."""
    return parcel_payload(state.parcels[number], state.clock.now())


def other_parcel_state(hass: HomeAssistant, entry: MockConfigEntry) -> str | None:
    """Return the status shown of the second parcel."""
    shown = entry.runtime_data.coordinator.data.values()
    return next(s.status for s in shown if s.number == OTHER_PARCEL)


async def missed_then_retried(
    simulator: SimulatorServer,
    state: SimulatorState,
    client: TestClient,
    freezer: FrozenDateTimeFactory,
) -> tuple[Attempt, Attempt]:
    """Push the delivery while Home Assistant is down; retry once it is back.

    Return the first attempt and the retry, ten minutes later on both clocks.
    """
    state.webhooks.configure(unreachable_url())
    later_at_track123(state, PUSH_LATER)
    [attempt] = await simulator.deliver_webhooks()
    state.webhooks.url = str(client.make_url(f"/api/webhook/{WEBHOOK_ID}"))
    later_at_track123(state, RETRY)
    freezer.tick(RETRY)
    [retry] = await simulator.deliver_webhooks()
    return attempt, retry


@pytest.fixture
async def more_parcels(
    hass: HomeAssistant,
    webhook_entry: MockConfigEntry,
    demo_shipments: None,
    sim_state: SimulatorState,
) -> MockConfigEntry:
    """Set up the integration, webhook on, with two more parcels in the account."""
    for number in (OTHER_PARCEL, THIRD_PARCEL):
        sim_state.add_parcel(number, courier_code="usps", scenario="delivered")
    await setup_with(hass, webhook_entry)
    return webhook_entry


# A retry with its original timestamp -------------------------------------------------


async def test_retry_with_original_timestamp_after_home_assistant_was_down(
    hass: HomeAssistant,
    *,
    pushed: MockConfigEntry,
    simulator: SimulatorServer,
    sim_state: SimulatorState,
    client: TestClient,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Track123 re-sends the missed push as it was; the update still comes in, once."""
    sim_state.realism.update({"retry_original": True})
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    delivered = async_capture_events(hass, EVENT_DELIVERED)
    before = parcel_state(hass)
    queries = len(number_queries(sim_state))

    attempt, retry = await missed_then_retried(simulator, sim_state, client, freezer)
    # Home Assistant was down; the retry, ten minutes later, carries the original
    # timestamp and is answered 200.
    assert attempt.status is None
    assert attempt.error is not None
    assert (retry.number, retry.status, retry.at) == (2, 401, attempt.at + RETRY)
    # Not applied as data: its timestamp is no longer fresh.
    assert parcel_state(hass) == before

    await advance(hass, freezer, sim_state, COLLECT_FOR)
    assert number_queries(sim_state)[queries:] == [[PARCEL]]
    assert parcel_state(hass) == "delivered"
    assert [e.data["tracking_number"] for e in delivered] == [PARCEL]
    assert [e.data["new_status"] for e in changed] == ["delivered"]


async def test_lagging_answer_asked_again(
    hass: HomeAssistant,
    *,
    pushed: MockConfigEntry,
    simulator: SimulatorServer,
    sim_state: SimulatorState,
    client: TestClient,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Track123's first answer is older than its push: the number is asked again."""
    sim_state.realism.update({"retry_original": True, "stale_reads": True})
    delivered = async_capture_events(hass, EVENT_DELIVERED)
    queries = len(number_queries(sim_state))
    _, retry = await missed_then_retried(simulator, sim_state, client, freezer)
    assert retry.status == 401

    await advance(hass, freezer, sim_state, COLLECT_FOR)
    assert number_queries(sim_state)[queries:] == [[PARCEL]]
    assert parcel_state(hass) != "delivered"

    await advance(hass, freezer, sim_state, NUMBER_INTERVAL)
    assert number_queries(sim_state)[queries:] == [[PARCEL], [PARCEL]]
    assert parcel_state(hass) == "delivered"
    assert len(delivered) == 1


# What a late push is taken for ---------------------------------------------------------


@pytest.mark.usefixtures("pushed")
@pytest.mark.parametrize("late", [-LATE, LATE], ids=["stale", "from the future"])
async def test_late_body_is_not_trusted(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    post: Post,
    late: timedelta,
) -> None:
    """A late push claiming a delivery shows what Track123 answers, not its body."""
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    before = parcel_state(hass)
    queries = len(number_queries(sim_state))
    timestamp = now_ms(sim_state.clock.now() + late)
    # Refused as data (401), its number asked of Track123 instead.
    assert await post(signed(delivered_parcel(sim_state), timestamp=timestamp)) == 401
    await advance(hass, freezer, sim_state, COLLECT_FOR)
    assert number_queries(sim_state)[queries:] == [[PARCEL]]
    assert parcel_state(hass) == before
    assert changed == []


@pytest.mark.usefixtures("pushed")
async def test_newest_claim_kept(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    post: Post,
) -> None:
    """Of two late pushes of one number, the newer tells whether to ask again."""
    queries = len(number_queries(sim_state))
    assert await post(stale_push(delivered_parcel(sim_state))) == 401
    assert await post(stale_push(current(sim_state))) == 401
    await advance(hass, freezer, sim_state, COLLECT_FOR)
    assert number_queries(sim_state)[queries:] == [[PARCEL]]
    # Track123 answers "in transit", older than the delivery one push claimed.
    await advance(hass, freezer, sim_state, NUMBER_INTERVAL)
    assert number_queries(sim_state)[queries:] == [[PARCEL], [PARCEL]]


async def test_numbers_collected_and_asked_once_per_interval(
    hass: HomeAssistant,
    more_parcels: MockConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    post: Post,
) -> None:
    """Late pushes are queried together; a number again only after five minutes."""
    queries = len(number_queries(sim_state))
    half = COLLECT_FOR / 2
    assert await post(stale_push(current(sim_state))) == 401
    await advance(hass, freezer, sim_state, half)
    for number in (OTHER_PARCEL, PARCEL):
        assert await post(stale_push(current(sim_state, number))) == 401
    assert number_queries(sim_state)[queries:] == []
    await advance(hass, freezer, sim_state, half)
    assert number_queries(sim_state)[queries:] == [sorted([PARCEL, OTHER_PARCEL])]

    # Within five minutes of its query, a number waits; another is asked meanwhile.
    assert await post(stale_push(current(sim_state))) == 401
    assert await post(stale_push(current(sim_state, THIRD_PARCEL))) == 401
    await advance(hass, freezer, sim_state, COLLECT_FOR)
    assert number_queries(sim_state)[queries + 1 :] == [[THIRD_PARCEL]]
    await advance(hass, freezer, sim_state, NUMBER_INTERVAL - 2 * COLLECT_FOR)
    assert number_queries(sim_state)[queries + 2 :] == []
    # Not dropped: asked once its five minutes are over.
    await advance(hass, freezer, sim_state, COLLECT_FOR)
    assert number_queries(sim_state)[queries + 2 :] == [[PARCEL]]


@pytest.mark.usefixtures("demo_shipments")
@pytest.mark.parametrize("scope", ["added", "account"])
async def test_number_not_shown_not_asked(
    hass: HomeAssistant,
    *,
    webhook_entry: MockConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    post: Post,
    scope: str,
) -> None:
    """Only numbers shown here are asked for; a new one comes with the next poll."""
    await setup_with(hass, webhook_entry, **{CONF_SCOPE: scope})
    sim_state.add_parcel(OTHER_PARCEL, courier_code="usps", scenario="delivered")
    queries = len(number_queries(sim_state))
    assert await post(stale_push(current(sim_state, OTHER_PARCEL))) == 401
    await advance(hass, freezer, sim_state, COLLECT_FOR)
    assert number_queries(sim_state)[queries:] == []


@pytest.mark.usefixtures("demo_shipments")
async def test_kind_not_tracked_not_asked(
    hass: HomeAssistant,
    webhook_entry: MockConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    post: Post,
) -> None:
    """A parcel added once is not asked for while the entry tracks no parcels."""
    await setup_with(hass, webhook_entry, **{CONF_KINDS: ["ocean", "air"]})
    await webhook_entry.runtime_data.store.async_add(
        AddedShipment(kind=ShipmentKind.PARCEL, number=PARCEL, carrier="ups")
    )
    queries = len(number_queries(sim_state))
    assert await post(stale_push(current(sim_state))) == 401
    await advance(hass, freezer, sim_state, COLLECT_FOR)
    assert number_queries(sim_state)[queries:] == []


# A signature used twice ------------------------------------------------------------------


async def test_second_push_of_the_same_second_comes_in(
    hass: HomeAssistant,
    more_parcels: MockConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    post: Post,
) -> None:
    """Two updates signed in the same second: the second is refused, then queried."""
    delivered = async_capture_events(hass, EVENT_DELIVERED)
    later_at_track123(sim_state, PUSH_LATER)
    timestamp = str(int(dt_util.utcnow().timestamp()))
    first = signed(current(sim_state), timestamp=timestamp)
    second = signed(current(sim_state, OTHER_PARCEL), timestamp=timestamp)
    assert await post(first) == 200
    assert await post(second) == 409
    await hass.async_block_till_done()
    assert parcel_state(hass) == "delivered"
    assert other_parcel_state(hass, more_parcels) != "delivered"

    await advance(hass, freezer, sim_state, COLLECT_FOR)
    assert number_queries(sim_state)[-1:] == [[OTHER_PARCEL]]
    assert other_parcel_state(hass, more_parcels) == "delivered"
    assert sorted(e.data["tracking_number"] for e in delivered) == sorted(
        [PARCEL, OTHER_PARCEL]
    )


# When Track123 cannot answer ------------------------------------------------------------


@pytest.mark.usefixtures("pushed")
async def test_failed_query_asked_again(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    post: Post,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A query that fails is tried again five minutes later; no ERROR is logged."""
    sim_state.faults.inject(
        Fault(kind="http_error", endpoint=QUERY, http_status=500, times=1)
    )
    later_at_track123(sim_state, PUSH_LATER)
    assert await post(stale_push(current(sim_state))) == 401
    await advance(hass, freezer, sim_state, COLLECT_FOR)
    assert parcel_state(hass) != "delivered"
    assert "Could not ask Track123 for 1 pushed shipments" in caplog.text

    await advance(hass, freezer, sim_state, NUMBER_INTERVAL)
    assert parcel_state(hass) == "delivered"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.usefixtures("pushed")
async def test_gives_up_after_max_tries(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    post: Post,
) -> None:
    """A number Track123 cannot answer for is asked MAX_TRIES times, then left to the poll."""
    sim_state.faults.inject(Fault(kind="http_error", endpoint=QUERY, http_status=500))
    queries = len(sim_state.requests)
    assert await post(stale_push(current(sim_state))) == 401
    await advance(hass, freezer, sim_state, COLLECT_FOR)
    for _ in range(MAX_TRIES + 1):
        await advance(hass, freezer, sim_state, NUMBER_INTERVAL)
    asked = [r for r in sim_state.requests[queries:] if r.endpoint == QUERY]
    assert len(asked) == MAX_TRIES


async def test_unload_stops_the_catch_up(
    hass: HomeAssistant,
    pushed: MockConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    post: Post,
) -> None:
    """A number waiting when the entry unloads is not asked for."""
    queries = len(number_queries(sim_state))
    assert await post(stale_push(current(sim_state))) == 401
    assert await hass.config_entries.async_unload(pushed.entry_id)
    await advance(hass, freezer, sim_state, COLLECT_FOR)
    assert number_queries(sim_state)[queries:] == []


# What the polls parsed ---------------------------------------------------------------


async def test_catch_up_keeps_what_the_polls_parsed(
    hass: HomeAssistant,
    webhook_entry: MockConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    post: Post,
) -> None:
    """A push's query between two polls leaves the next poll nothing to parse again.

    Were the polls' models forgotten, every unchanged tracking would be parsed
    again after each push: thousands for a large account.
    """
    numbers = (PARCEL, OTHER_PARCEL, THIRD_PARCEL)
    for number in numbers:
        sim_state.add_parcel(number, courier_code="usps", scenario="delivered")
    with patch(
        "custom_components.track123.api.core.parse_parcel", wraps=parse_parcel
    ) as parsed:
        await setup_with(hass, webhook_entry, **{CONF_SCOPE: "added"})
        store = webhook_entry.runtime_data.store
        for number in numbers:
            await store.async_add(
                AddedShipment(kind=ShipmentKind.PARCEL, number=number, carrier="usps")
            )
        coordinator = webhook_entry.runtime_data.coordinator
        await coordinator.async_request_full_refresh()
        await hass.async_block_till_done()
        assert sorted(number_queries(sim_state)[-1]) == sorted(numbers)
        assert await post(stale_push(current(sim_state))) == 401
        await advance(hass, freezer, sim_state, COLLECT_FOR)
        assert number_queries(sim_state)[-1] == [PARCEL]
        # Past the cool-down of refresh requests.
        await advance(hass, freezer, sim_state, timedelta(seconds=10))
        parsed.reset_mock()

        await coordinator.async_request_full_refresh()
        await hass.async_block_till_done()

    assert sorted(number_queries(sim_state)[-1]) == sorted(numbers)
    assert parsed.call_count == 0
