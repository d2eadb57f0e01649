"""Tests of the client on odd answers, from a scripted local server."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from custom_components.track123.api import (
    Track123ApiChangedError,
    Track123AuthenticationError,
    Track123Client,
    Track123Error,
    Track123InvalidRequestError,
    Track123RateLimitError,
    Track123ResponseError,
    Track123ServerError,
    Track123ServiceError,
)
from custom_components.track123.api.client import chunked, parse_retry_after
from custom_components.track123.api.rate_limit import EndpointRateLimiter
from custom_components.track123.api.transport import redact

pytestmark = pytest.mark.usefixtures("socket_enabled")


async def test_headers_and_url(scripted) -> None:
    """The key travels in its header; paths join the base URL."""
    state, client = scripted
    state.reply({"code": "00000", "data": []})
    assert await client.list_couriers() == ()
    method, path, headers = state.seen[0]
    assert (method, path) == ("GET", "/gateway/open-api/tk/v2.1/courier/list")
    assert headers["Track123-Api-Secret"] == "secret-key"
    assert headers["Accept"] == "application/json"
    assert headers["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "body",
    [
        [1, 2],
        "null",
        '"text"',
        {"msg": "no code"},
        {"code": "", "data": []},
        "<html>oops</html>",
        b"\xff\xfe".decode("latin-1"),
    ],
)
async def test_broken_envelopes(scripted, body: Any) -> None:
    """Anything but an object with a code is a response error on HTTP 200."""
    state, client = scripted
    state.reply(body)
    with pytest.raises(Track123ResponseError):
        await client.list_couriers()


async def test_numeric_code(scripted) -> None:
    """A numeric code the table does not know shows the answer's msg."""
    state, client = scripted
    state.reply({"code": 500, "msg": "boom"})
    with pytest.raises(Track123ServiceError, match="500: boom"):
        await client.list_couriers()


async def test_data_of_wrong_shape(scripted) -> None:
    """Data that is not an object where one is required is a response error."""
    state, client = scripted
    state.reply({"code": "00000", "data": ["not", "a", "page"]})
    with pytest.raises(Track123ResponseError):
        await client.query_parcels(["A"])
    state.reply({"code": "00000", "data": {"accepted": {"content": [1]}}})
    with pytest.raises(Track123ResponseError):
        await client.query_parcels(["A"])


async def test_html_status_pages(scripted) -> None:
    """HTML pages are classified by HTTP status."""
    state, client = scripted
    state.reply("<html>denied</html>", 401)
    with pytest.raises(Track123AuthenticationError):
        await client.list_couriers()
    state.reply("<html>slow down</html>", 429, **{"Retry-After": "soon"})
    with pytest.raises(Track123RateLimitError) as info:
        await client.list_couriers()
    assert info.value.retry_after is None


@pytest.mark.parametrize(
    ("status", "expected", "transient", "ambiguous"),
    [
        (403, Track123ServerError, True, True),
        (404, Track123ApiChangedError, False, False),
        (500, Track123ServerError, True, False),
        (503, Track123ServerError, True, False),
        (418, Track123InvalidRequestError, False, False),
    ],
)
async def test_statuses_without_a_json_body(
    scripted, status: int, expected: type, transient: bool, ambiguous: bool
) -> None:
    """A gateway's page: a bare 403 counts as a possible login problem, 5xx is transient."""
    state, client = scripted
    state.reply("<html>gateway</html>", status)
    with pytest.raises(expected) as info:
        await client.list_couriers()
    assert info.value.http_status == status
    assert info.value.transient is transient
    assert info.value.ambiguous_auth is ambiguous
    assert str(info.value) == f"HTTP {status}"


async def test_403_saying_404_is_a_missing_path(scripted) -> None:
    """A key not allowed on a path or version answers 403 with msg "404"."""
    state, client = scripted
    state.reply({"msg": "404"}, 403)
    with pytest.raises(Track123ApiChangedError):
        await client.list_couriers()


async def test_errors_carry_the_answer_without_the_key(scripted) -> None:
    """An error keeps status, code, msg and data; the key is cut out of all of them."""
    state, client = scripted
    state.reply(
        {
            "code": "D0000",
            "msg": "key secret-key refused",
            "data": {"detail": "for secret-key", "count": 2},
        },
        400,
    )
    with pytest.raises(Track123ServiceError) as info:
        await client.list_couriers()
    error = info.value
    assert (error.http_status, error.code) == (400, "D0000")
    assert error.data == {"detail": "for ***", "count": 2}
    assert "secret-key" not in str(error)
    assert str(error).startswith("D0000: key *** refused")


async def test_nested_data_is_redacted_at_any_depth(scripted) -> None:
    """The key is cut out of data nested deeper than recursion could follow."""
    state, client = scripted
    deep = '{"a": ' * 900 + '["secret-key", 1]' + "}" * 900
    state.reply('{"code": "A0400", "msg": "m", "data": ' + deep + "}")
    with pytest.raises(Track123InvalidRequestError) as info:
        await client.list_couriers()
    node = info.value.data
    while isinstance(node, dict):
        node = node["a"]
    assert node == ["***", 1]


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"code": "00000", "data": ' + "[" * 100_000 + "]" * 100_000 + "}",
        b'{"code": "00000", "data": "\xff\xfe"}',
        '{"code": "00000", "data": {"accepted": {"content": [{"trackNo": 1'
        + "0" * 5000
        + "}]}}}",
    ],
    ids=["deep", "deep-data", "bad-utf8", "huge-number"],
)
async def test_answers_no_decoder_reads(scripted, body: str | bytes) -> None:
    """Too deep, invalid UTF-8, numbers beyond int(): a response error, nothing else."""
    state, client = scripted
    state.reply(body)
    with pytest.raises(Track123ResponseError):
        await client.query_parcels(["A"])


async def test_realtime_shapes(scripted) -> None:
    """A page-shaped real-time answer is accepted; rejections raise."""
    state, client = scripted
    state.reply(
        {"code": "00000", "data": {"accepted": {"content": [{"trackNo": "A"}]}}}
    )
    assert (await client.query_parcel_realtime("A", "ups")).track_no == "A"
    state.reply(
        {"code": "00000", "data": {"accepted": None, "rejected": [{"trackNo": "A"}]}}
    )
    with pytest.raises(Track123Error, match="Request rejected"):
        await client.query_parcel_realtime("A", "ups")
    state.reply({"code": "00000", "data": {"accepted": {"content": []}}})
    with pytest.raises(Track123ResponseError):
        await client.query_parcel_realtime("A", "ups")


async def test_update_with_null_data(scripted) -> None:
    """An update answered with null data succeeds."""
    state, client = scripted
    state.reply({"code": "00000", "data": None})
    await client.update_parcel("A", remark="x")
    assert (await client.import_parcels(["A"])).accepted == ()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("2", 2.0),
        (" 1.5 ", 1.5),
        ("-3", 0.0),
        ("inf", None),
        ("soon", None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    """Retry-After in seconds; anything else is ignored."""
    assert parse_retry_after(header) == expected


def test_chunked() -> None:
    """Chunks keep order and size."""
    assert chunked(range(5), 2) == [[0, 1], [2, 3], [4]]
    assert chunked([], 3) == []


def test_redact_without_a_key() -> None:
    """An empty key redacts nothing (replacing "" would garble every text)."""
    data = {"a": ["text"]}
    assert redact(data, "") is data
    assert redact(data, "ex") == {"a": ["t***t"]}


async def test_default_timezone_for_times_nothing_else_places(script) -> None:
    """The client's zone is the last resort for zone-less times; models are reused."""
    state, base_url = script
    paris = ZoneInfo("Europe/Paris")
    state.reply(
        {
            "code": "00000",
            "data": {
                "accepted": {
                    "content": [
                        {"trackNo": "A", "deliveredTime": "2026-05-02 14:00:00"}
                    ]
                }
            },
        }
    )
    async with aiohttp.ClientSession() as session:
        client = Track123Client(
            "secret-key",
            session,
            base_url=base_url,
            rate_limiter=EndpointRateLimiter(1000),
            default_timezone=paris,
        )
        [parcel] = (await client.query_parcels(["A"])).items
        [again] = (await client.query_parcels(["A"])).items
    assert parcel.delivered_time == datetime(2026, 5, 2, 14, tzinfo=paris)
    assert again is parcel
