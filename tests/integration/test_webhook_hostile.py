"""Hostile calls to the webhook: a 4xx, a throttled log line, nothing else.

Nothing a caller posts may raise out of the handler (Home Assistant would log
an ERROR with a traceback naming the webhook id, and answer 200), and nothing
logged may name the webhook id, the URL's only secret.
"""

from collections.abc import Iterator
import copy
from datetime import timedelta
from http import HTTPStatus
import itertools
import json
import logging
from typing import Any

from aiohttp.test_utils import TestClient
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from hypothesis import HealthCheck, given, settings, strategies as st
import pytest

from custom_components.track123.webhook_body import MAX_BODY_BYTES, MAX_DEPTH
from tests.api.test_fuzz_parsing import json_values, keys
from tests.conftest import SIM_START
from track123_simulator import SimulatorState
from track123_simulator.payloads import parcel_payload

from .common import API_KEY, PARCEL, add_demo_shipments
from .webhook_helpers import *  # noqa: F403 - the webhook fixtures
from .webhook_helpers import (
    INTEGRATION_LOGGER,
    PUSH_LATER,
    WEBHOOK_ID,
    BodyStream,
    Post,
    assert_nothing_leaked,
    assert_refused,
    handle_directly,
    now_ms,
    signed,
)

# Derandomised and without the example database: every run posts the same calls.
HOSTILE = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
LOGGERS = (INTEGRATION_LOGGER, "homeassistant.components.webhook")


def _base_tracking() -> dict[str, Any]:
    """Return the demo parcel as Track123 pushes it once delivered."""
    state = SimulatorState(api_keys={API_KEY}, seed=1, start=SIM_START)
    add_demo_shipments(state)
    return parcel_payload(state.parcels[PARCEL], SIM_START + PUSH_LATER)


BASE = _base_tracking()


def _objects(node: Any) -> Iterator[dict[str, Any]]:
    """Yield every object of a JSON tree, without recursion."""
    stack = [node]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            yield value
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


@st.composite
def trackings(draw: st.DrawFn) -> Any:
    """Return the delivered demo parcel with parts replaced, removed or added."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(0, 5))):
        node = draw(st.sampled_from(list(_objects(data))))
        if node and draw(st.booleans()):
            del node[draw(st.sampled_from(sorted(node)))]
        else:
            node[draw(keys)] = draw(json_values)
    return data if draw(st.integers(0, 9)) else draw(json_values)


@st.composite
def corrupted(draw: st.DrawFn, body: bytes) -> bytes:
    """Return ``body`` cut short, or with bytes inserted (invalid UTF-8 among them)."""
    if not body or draw(st.booleans()):
        return body
    at = draw(st.integers(0, len(body)))
    if draw(st.booleans()):
        return body[:at]
    return body[:at] + draw(st.binary(min_size=1, max_size=4)) + body[at:]


def acceptable(status: int) -> bool:
    """Return True for a 2xx or a 4xx answer."""
    return 200 <= status < 300 or 400 <= status < 500


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Capture everything the webhook and the integration log, debug included."""
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, name)
    return caplog


# Properties ----------------------------------------------------------------------------


@pytest.mark.usefixtures("pushed")
@HOSTILE
@given(body=st.binary(max_size=2048))
async def test_arbitrary_bytes(
    post: Post, logs: pytest.LogCaptureFixture, body: bytes
) -> None:
    """Any bytes get a 2xx or 4xx answer, and leave no ERROR and no id in the log."""
    assert acceptable(await post(raw=body))
    assert_nothing_leaked(logs)


_TIMESTAMPS = itertools.count()


@pytest.mark.usefixtures("pushed")
@HOSTILE
@given(data=trackings(), envelope=st.sampled_from(["signed", "unsigned", "bare"]))
async def test_arbitrary_trackings(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    post: Post,
    logs: pytest.LogCaptureFixture,
    *,
    data: Any,
    envelope: str,
) -> None:
    """Validly signed or not, a body of any shape is answered 2xx or 4xx, nothing more.

    Each signed call has a timestamp of its own, so that none is refused as used.
    """
    moment = sim_state.clock.now() + timedelta(milliseconds=next(_TIMESTAMPS))
    body: Any = signed(data, timestamp=now_ms(moment))
    if envelope == "unsigned":
        body["verify"] = data
    elif envelope == "bare":
        body = data
    assert acceptable(await post(raw=json.dumps(body).encode()))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert_nothing_leaked(logs)


@pytest.mark.usefixtures("pushed")
@HOSTILE
@given(data=trackings(), cut=st.data())
async def test_corrupted_signed_bodies(
    sim_state: SimulatorState,
    post: Post,
    logs: pytest.LogCaptureFixture,
    data: Any,
    cut: st.DataObject,
) -> None:
    """A signed body cut short or with stray bytes is refused like any other."""
    moment = sim_state.clock.now() + timedelta(milliseconds=next(_TIMESTAMPS))
    body = json.dumps(signed(data, timestamp=now_ms(moment))).encode()
    assert acceptable(await post(raw=cut.draw(corrupted(body))))
    assert_nothing_leaked(logs)


# Named hostile bodies ------------------------------------------------------------------


def _signed_with(data: Any) -> Any:
    """Return a function signing ``data`` at the simulator's now."""
    return lambda state: json.dumps(
        signed(data, timestamp=now_ms(state.clock.now()))
    ).encode()


def _nested(depth: int) -> Any:
    """Return a list nested ``depth`` deep, built without recursion."""
    node: list[Any] = []
    for _ in range(depth - 1):
        node = [node]
    return node


HOSTILE_BODIES: dict[str, tuple[Any, int]] = {
    "deep nesting": (lambda _: b"[" * 100_000, 400),
    "deep nesting, closed": (lambda _: b"[" * 5000 + b"]" * 5000, 400),
    "deep objects": (lambda _: b'{"a":' * 50_000, 400),
    "nesting within a tracking": (
        _signed_with({**BASE, "extraInfo": _nested(MAX_DEPTH)}),
        400,
    ),
    "huge integer": (lambda _: b'{"data": ' + b"9" * 5000 + b"}", 400),
    "huge fraction": (lambda _: b'{"data": {"trackNo": 1e999}}', 400),
    "NaN": (lambda _: b'{"data": NaN}', 400),
    "Infinity": (lambda _: b'{"verify": -Infinity}', 400),
    "invalid UTF-8": (lambda _: b'{"data": "\xc3\x28"}', 400),
    "UTF-16": (lambda _: '{"data": {}}'.encode("utf-16"), 400),
    "lone surrogate in a signed tracking": (
        _signed_with({**BASE, "trackNo": "\ud800"}),
        400,
    ),
    "lone surrogate as a key": (lambda _: b'{"\\udfff": 1}', 400),
    "verify a list": (lambda _: b'{"data": {}, "verify": []}', 401),
    "timestamp a fraction": (
        lambda _: b'{"data": {}, "verify": {"timestamp": 1.5, "signature": "a"}}',
        401,
    ),
    "timestamp too long": (
        lambda _: json.dumps(
            {"data": {}, "verify": {"timestamp": 10**20, "signature": "a"}}
        ).encode(),
        401,
    ),
    "signature a number": (
        lambda _: b'{"data": {}, "verify": {"timestamp": "1", "signature": 1}}',
        401,
    ),
    "data a list": (_signed_with([BASE]), 400),
    "tracking number an object": (_signed_with({**BASE, "trackNo": {}}), 400),
    "oversized": (lambda _: b" " * (MAX_BODY_BYTES + 1), 413),
}


@pytest.mark.usefixtures("pushed")
@pytest.mark.parametrize("case", HOSTILE_BODIES)
async def test_hostile_body(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    post: Post,
    logs: pytest.LogCaptureFixture,
    case: str,
) -> None:
    """Each is answered with its 4xx, changes nothing, and logs one clean WARNING."""
    make, status = HOSTILE_BODIES[case]
    await assert_refused(hass, post, logs, make(sim_state), status)


# Methods, lengths, log volume ------------------------------------------------------------


@pytest.mark.usefixtures("pushed")
async def test_other_methods(
    client: TestClient, logs: pytest.LogCaptureFixture
) -> None:
    """GET and PUT are refused and HEAD answered, without the webhook id in the log."""
    url = f"/api/webhook/{WEBHOOK_ID}"
    assert (await client.get(url)).status == HTTPStatus.METHOD_NOT_ALLOWED
    assert (await client.put(url, data=b"{}")).status == HTTPStatus.METHOD_NOT_ALLOWED
    assert (await client.head(url)).status == HTTPStatus.OK
    assert "not a POST" in logs.text
    assert_nothing_leaked(logs)


@pytest.mark.usefixtures("pushed")
async def test_declared_length_refused_before_reading(
    hass: HomeAssistant, logs: pytest.LogCaptureFixture
) -> None:
    """A declared length over the limit is answered 413 without reading a byte."""
    body = BodyStream(b"{}")
    response = await handle_directly(hass, body, declared_length=MAX_BODY_BYTES + 1)
    assert response.status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert body.reads == 0
    assert_nothing_leaked(logs)


@pytest.mark.usefixtures("pushed")
async def test_refusals_logged_once_per_reason_per_ten_minutes(
    post: Post, freezer: FrozenDateTimeFactory, logs: pytest.LogCaptureFixture
) -> None:
    """A flood adds one WARNING per reason per ten minutes, with a count of the rest."""

    def warnings() -> list[str]:
        return [
            r.getMessage()
            for r in logs.records
            if r.levelno == logging.WARNING and r.name == LOGGERS[0]
        ]

    for _ in range(5):
        assert await post(raw=b"{not json") == 400
    assert await post({"data": {}}) == 401
    assert warnings() == [
        "Refused a Track123 webhook call (HTTP 400): malformed JSON",
        "Refused a Track123 webhook call (HTTP 401): unsigned",
    ]

    freezer.tick(timedelta(minutes=9, seconds=59))
    assert await post(raw=b"{not json") == 400
    assert len(warnings()) == 2

    freezer.tick(timedelta(seconds=1))
    assert await post(raw=b"{not json") == 400
    assert warnings()[2:] == [
        (
            "Refused a Track123 webhook call (HTTP 400): malformed JSON; 5 more "
            "refused for this reason in the last 10 minutes, logged at debug level"
        )
    ]
    # Every refusal is still there at debug level.
    refusals = [r for r in logs.records if "malformed JSON" in r.getMessage()]
    assert len(refusals) == 7
