"""Property-based fuzzing of every response parser and of the client's envelope handling.

Arbitrary JSON, and real payloads of the simulator with random parts replaced, removed
or added, go through each public parser and the client (over a fake session, so the
envelope, paging and retry code runs too). Only Track123Error subclasses may escape,
and every time in a parsed model is timezone-aware.
"""

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import fields, is_dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import partial
import json
import math
from types import TracebackType
from typing import Any, Self
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.track123.api import (
    AirImport,
    OceanImport,
    Track123Client,
    Track123Error,
    parsing,
)
from custom_components.track123.api.client import parse_retry_after
from custom_components.track123.api.codes import (
    OceanNumberType,
    ParcelStatus,
    ParcelSubStatus,
)
from custom_components.track123.api.models import EventSource
from custom_components.track123.api.rate_limit import EndpointRateLimiter
from custom_components.track123.api.times import (
    Reading,
    ZoneGuide,
    event_stamp,
    parse_offset,
    parse_time,
    parse_zone,
    read_time,
)
from tests.api.test_codes import SEED_TABLES
from track123_simulator import (
    AIR_SCENARIOS,
    OCEAN_SCENARIOS,
    PARCEL_SCENARIOS,
    SimulatorState,
)
from track123_simulator.payloads import air_payload, ocean_payload, parcel_payload

# Derandomised and without the example database: every run tries the same examples.
FUZZ = settings(max_examples=200, derandomize=True, deadline=None, database=None)

# Values that broke or could break lenient parsers: huge numbers, non-finite floats,
# digits Python's int() refuses, times at the edges of datetime, odd offsets.
NASTY_SCALARS: tuple[Any, ...] = (
    10**400,
    -(10**400),
    2**63,
    1e308,
    -1e308,
    math.inf,
    -math.inf,
    math.nan,
    0,
    -1,
    True,
    False,
    "",
    " ",
    "²",
    "①",
    "፩",
    "³⁴",
    "١٢٣",
    "9" * 5000,
    "1e999",
    "NaN",
    "-Infinity",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31 23:59:59",
    "0000-00-00 00:00:00",
    "2026-02-30 10:00:00",
    "2026-11-01 10:00:00~",
    "~",
    "2026-11-01 10:00:00~2026-13-01",
    "+25:00",
    "+8",
    "Asia/Shanghai",
    "Etc/../../x",
    "2026-03-08 02:30:00",  # does not exist in New York
    "2026-11-01 01:30:00",  # exists twice in New York
    "2026/09/25",
    "1777464000000",
    "99999999999999999999",
    "UTC+99",
    "-00:60",
    "Z",
    "001",
    "1",
    "IN_TRANSIT",
    "in_transit ",
    "DELIVERED_03",
    "A0706",
    "00000",
    "has been imported already",
    {},
    [],
    [None],
    {"content": None},
)

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    # Digits of every script: str.isdigit() accepts some that int() refuses.
    st.text(st.characters(categories=("Nd", "No")), min_size=1, max_size=4),
    st.sampled_from(NASTY_SCALARS),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=4),
    ),
    max_leaves=12,
)


# Real payloads ----------------------------------------------------------------------


def _real_payloads() -> dict[str, list[dict[str, Any]]]:
    """Return simulator payloads of every scenario, early, midway and late."""
    start = datetime(2026, 11, 1, tzinfo=UTC)
    state = SimulatorState(api_keys={"k"}, seed=7, start=start)
    for index, scenario in enumerate(PARCEL_SCENARIOS):
        state.add_parcel(f"PARCEL{index:04d}", scenario=scenario)
    for index, scenario in enumerate(OCEAN_SCENARIOS):
        state.add_ocean(
            f"MSKU{index:07d}", number_type=1 + index % 3, scenario=scenario
        )
    for index, scenario in enumerate(AIR_SCENARIOS):
        state.add_air(f"176-{index:08d}", scenario=scenario)
    moments = [start + timedelta(hours=hours) for hours in (1, 30, 24 * 12, 24 * 40)]
    return {
        "parcel": [
            parcel_payload(item, moment)
            for item in state.parcels.values()
            for moment in moments
        ],
        "ocean": [
            ocean_payload(item, moment)
            for item in state.ocean.values()
            for moment in moments
        ],
        "air": [
            air_payload(item, moment)
            for item in state.air.values()
            for moment in moments
        ],
    }


REAL = _real_payloads()
# A zone with daylight saving time: wall times that do not exist or exist twice.
ZONE = ZoneInfo("America/New_York")
PARSERS: dict[str, Callable[[object], Any]] = {
    "parcel": partial(parsing.parse_parcel, zone=ZONE),
    "ocean": partial(parsing.parse_ocean_shipment, zone=ZONE),
    "air": partial(parsing.parse_air_shipment, zone=ZONE),
}


def _keys(node: Any) -> Iterator[str]:
    """Yield every object key of a JSON tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from _keys(value)


REAL_KEYS = sorted(
    {key for payloads in REAL.values() for p in payloads for key in _keys(p)}
)
keys = st.one_of(st.sampled_from(REAL_KEYS), st.text(max_size=8))


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Yield the path of every node of a JSON tree (the root included)."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _replace(node: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    """Return a copy of ``node`` with the node at ``path`` replaced, dropped or grown."""
    if not path:
        if action == "replace":
            return value
        if action == "grow" and isinstance(node, dict):
            return {**node, **(value if isinstance(value, dict) else {"x": value})}
        if action == "grow" and isinstance(node, list):
            return [*node, value]
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        copy = dict(node)
        if not rest and action == "drop":
            copy.pop(head, None)
        else:
            copy[head] = _replace(node[head], rest, action, value)
        return copy
    copy_list = list(node)
    if not rest and action == "drop":
        del copy_list[head]
    else:
        copy_list[head] = _replace(node[head], rest, action, value)
    return copy_list


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> Any:
    """Draw a real payload of ``kind`` with a few random mutations."""
    payload: Any = draw(st.sampled_from(REAL[kind]))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        path = draw(st.sampled_from(list(_paths(payload))))
        action = draw(st.sampled_from(("replace", "replace", "drop", "grow")))
        value = draw(
            st.one_of(
                json_values,
                st.dictionaries(keys, json_values, max_size=3),
                st.sampled_from(NASTY_SCALARS),
            )
        )
        payload = _replace(payload, path, action, value)
    return payload


def any_payload(kind: str) -> st.SearchStrategy[Any]:
    """Arbitrary JSON or a mutated real payload, mostly the latter."""
    return st.one_of(mutated(kind), mutated(kind), json_values)


def page_of(items: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Return a query answer around ``items``, in the real shape or mutated."""
    real_page = st.fixed_dictionaries(
        {
            "accepted": st.fixed_dictionaries(
                {
                    "content": st.lists(items, max_size=3),
                    "cursor": st.one_of(st.none(), json_scalars),
                    "currentPage": json_scalars,
                    "totalPages": json_scalars,
                    "totalElements": json_scalars,
                }
            ),
            "rejected": st.lists(
                st.one_of(
                    json_values,
                    st.fixed_dictionaries(
                        {
                            "index": json_scalars,
                            "trackNo": json_scalars,
                            "error": st.fixed_dictionaries(
                                {"code": json_scalars, "msg": json_scalars}
                            ),
                        }
                    ),
                ),
                max_size=3,
            ),
        }
    )
    return st.one_of(
        real_page,
        json_values,
        st.lists(items, max_size=3).map(lambda content: {"accepted": content}),
    )


def _only_track123_errors(parse: Callable[[], Any]) -> Any:
    """Run ``parse``; swallow Track123Error, let anything else fail the test."""
    try:
        return parse()
    except Track123Error:
        return None


def _times(node: Any) -> Iterator[datetime]:
    """Yield every datetime of a parsed model, its parts included."""
    if isinstance(node, datetime):
        yield node
    elif isinstance(node, tuple):
        for value in node:
            yield from _times(value)
    elif is_dataclass(node):
        for field in fields(node):
            yield from _times(getattr(node, field.name))


def _view(detail: Any) -> None:
    """Read a parsed shipment as the integration does; every time is aware."""
    _ = detail.last_event
    assert all(time.tzinfo is not None for time in _times(detail))


# Parsers ----------------------------------------------------------------------------


@FUZZ
@given(kind=st.sampled_from(sorted(PARSERS)), data=st.data())
def test_shipment_parsers(kind: str, data: st.DataObject) -> None:
    """A shipment parser returns a model (that the integration can show) or raises a Track123Error."""
    payload = data.draw(any_payload(kind))
    detail = _only_track123_errors(lambda: PARSERS[kind](payload))
    if detail is not None:
        _view(detail)


@FUZZ
@given(kind=st.sampled_from(sorted(PARSERS)), data=st.data())
def test_page_and_query_parsers(kind: str, data: st.DataObject) -> None:
    """Paged and by-number query answers parse, or raise a Track123Error."""
    answer = data.draw(page_of(any_payload(kind)))
    page = _only_track123_errors(lambda: parsing.parse_page(answer, PARSERS[kind]))
    if page is not None:
        _ = page.is_last
        for item in page.items:
            _view(item)
    result = _only_track123_errors(
        lambda: parsing.parse_query_result(answer, PARSERS[kind])
    )
    if result is not None:
        for item in result.items:
            _view(item)


@FUZZ
@given(
    answer=st.one_of(
        json_values,
        st.fixed_dictionaries(
            {
                "accepted": st.lists(
                    st.one_of(json_scalars, st.dictionaries(keys, json_scalars)),
                    max_size=3,
                ),
                "rejected": st.lists(json_values, max_size=3),
            }
        ),
    ),
    numbers=st.lists(st.text(max_size=6), max_size=3),
)
def test_import_and_rejection_parsers(answer: Any, numbers: list[str]) -> None:
    """Import, delete and rejection answers parse, or raise a Track123Error."""
    result = _only_track123_errors(lambda: parsing.parse_import_result(answer, numbers))
    if result is not None:
        _ = result + result
    for rejected in parsing.parse_rejected_list(
        parsing.as_dict(answer).get("rejected"), numbers
    ):
        parsing.is_already_tracked(rejected)
    parsing.parse_rejected(answer, numbers)


@FUZZ
@given(answer=json_values, item=st.dictionaries(keys, json_values, max_size=6))
def test_courier_parsers(answer: Any, item: dict[str, Any]) -> None:
    """Courier, carrier and airline lists parse whatever they hold."""
    parsing.parse_couriers(answer)
    parsing.parse_couriers([item, answer])
    parsing.parse_couriers({"content": [item]})
    parsing.parse_courier(item)


@FUZZ
@given(value=json_values, item=st.dictionaries(keys, json_values, max_size=6))
def test_part_parsers(value: Any, item: dict[str, Any]) -> None:
    """Every parser of a part of a shipment accepts any value."""
    for source in EventSource:
        parsing.parse_parcel_event(value, source)
        parsing.parse_parcel_event(item, source)
    parsing.merge_events(
        [e for e in (parsing.parse_parcel_event(item, EventSource.LOCAL),) if e],
        [e for e in (parsing.parse_parcel_event(value, EventSource.LAST_MILE),) if e],
    )
    parsing.parse_expected_delivery(item)
    parsing.parse_expected_delivery({"expectedDelivery": value})
    parsing.parse_expected_delivery({"expectedDeliveryTime": value})
    for parse in (
        parsing.parse_ocean_location,
        parsing.parse_ocean_event,
        parsing.parse_ocean_container,
        parsing.parse_air_flight,
        parsing.parse_air_event,
    ):
        parse(value)
        parse(item)


@FUZZ
@given(value=st.one_of(st.sampled_from(NASTY_SCALARS), json_values), key=keys)
def test_primitive_readers_and_codes(value: Any, key: str) -> None:
    """The primitive readers, time parsers and code enums accept any JSON value."""
    _read_primitive(value, key)


@pytest.mark.parametrize("value", NASTY_SCALARS, ids=lambda value: repr(value)[:16])
def test_nasty_scalars(value: Any) -> None:
    """Each known troublemaker, every time (the first three crashed the parsers)."""
    _read_primitive(value, "transitStatus")
    for kind, parse in PARSERS.items():
        real = REAL[kind][-1]
        for field in real:
            _only_track123_errors(partial(parse, {**real, field: value}))


def _read_primitive(value: Any, key: str) -> None:
    """Read a value with every primitive reader, time parser and code enum."""
    text = parsing.as_str(value)
    assert text is None or (isinstance(text, str) and text)
    number = parsing.as_int(value)
    assert number is None or isinstance(number, int)
    real = parsing.as_float(value)
    assert real is None or math.isfinite(real)
    assert isinstance(parsing.as_dict(value), dict)
    assert isinstance(parsing.as_list(value), list)
    parsing.first_str({key: value}, key, "other")
    _only_track123_errors(lambda: parsing.require_dict(value, "fuzz"))
    time = parse_time(value, parse_offset(value))
    assert time is None or time.tzinfo is not None
    assert parse_zone(value) is None or isinstance(parse_zone(value), tzinfo)
    assert read_time(value) is None or isinstance(read_time(value), Reading)
    stamp = event_stamp(value, value, value, ZONE)
    assert stamp.time is None or stamp.time.tzinfo is not None
    guide = ZoneGuide([stamp], ZONE)
    window = guide.window(value, value, value)
    assert window is None or all(
        moment.tzinfo is not None
        for moment in (window.start, window.end)
        if moment is not None
    )
    assert ParcelSubStatus.family(value) in ParcelStatus
    for enum in SEED_TABLES:
        _ = enum.parse(value).description
    assert isinstance(OceanNumberType.parse(value), OceanNumberType)
    parse_retry_after(value if isinstance(value, str) else None)


# The client's envelope handling -------------------------------------------------------


class FakeResponse:
    """An aiohttp response with a fixed status, headers and body."""

    def __init__(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        """Store the answer."""
        self.status = status
        self.headers = headers
        self._body = body

    async def read(self) -> bytes:
        """Return the body."""
        return self._body

    async def __aenter__(self) -> Self:
        """Enter the request context."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Leave the request context."""


class FakeSession:
    """Answers every request with the same response."""

    def __init__(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        """Store the answer to give."""
        self.answer = (status, body, headers)
        self.calls = 0

    def request(self, method: str, url: str, **kwargs: Any) -> FakeResponse:
        """Return the answer."""
        self.calls += 1
        return FakeResponse(*self.answer)


async def _no_sleep(seconds: float) -> None:
    """Do not wait."""


def _client(session: FakeSession) -> Track123Client:
    """Return a client over ``session`` that never waits."""
    return Track123Client(
        "fuzz-key",
        session,  # type: ignore[arg-type]
        base_url="http://fuzz.invalid/",
        sleep=_no_sleep,
        rate_limiter=EndpointRateLimiter(10**9, sleep=_no_sleep),
        default_timezone=ZONE,
    )


NOW = datetime(2026, 11, 1, tzinfo=UTC)
CALLS: tuple[Callable[[Track123Client], Awaitable[Any]], ...] = (
    lambda c: c.query_parcels(["PARCEL0001"]),
    lambda c: c.query_all_parcels(NOW - timedelta(days=1), NOW),
    lambda c: c.query_parcel_realtime("PARCEL0001", "ups"),
    lambda c: c.import_parcels(["PARCEL0001"]),
    lambda c: c.delete_parcels(["PARCEL0001"], {"PARCEL0001": "ups"}),
    lambda c: c.update_parcel("PARCEL0001", "ups", remark="r"),
    lambda c: c.update_parcel_courier("PARCEL0001", "ups", "usps"),
    lambda c: c.list_couriers(),
    lambda c: c.detect_courier("PARCEL0001"),
    lambda c: c.import_ocean([OceanImport("MSKU1234567")]),
    lambda c: c.query_ocean([OceanImport("MSKU1234567")]),
    lambda c: c.query_all_ocean(NOW - timedelta(days=1), NOW),
    lambda c: c.delete_ocean([OceanImport("MSKU1234567")]),
    lambda c: c.update_ocean_carrier(OceanImport("MSKU1234567"), "MAEU"),
    lambda c: c.refresh_ocean([OceanImport("MSKU1234567")]),
    lambda c: c.list_ocean_carriers(),
    lambda c: c.import_air([AirImport("176-12345675")]),
    lambda c: c.query_air(["176-12345675"]),
    lambda c: c.query_all_air(NOW - timedelta(days=1), NOW),
    lambda c: c.list_air_couriers(),
    lambda c: c.delete_air(["176-12345675"]),
    lambda c: c.update_air_carrier("176-12345675", "EK"),
    lambda c: c.retrack_air(["176-12345675"]),
    lambda c: c.retrack_parcel("PARCEL0001", "ups"),
    lambda c: c.retrack_parcels(["PARCEL0001"]),
    lambda c: c.verify_key(),
)


def envelopes() -> st.SearchStrategy[Any]:
    """Envelopes of the real shape around any data, and arbitrary JSON."""
    data = st.one_of(
        json_values,
        page_of(any_payload("parcel")),
        page_of(any_payload("ocean")),
        page_of(any_payload("air")),
    )
    return st.one_of(
        st.fixed_dictionaries(
            {
                "code": st.one_of(
                    st.sampled_from(
                        (
                            "00000",
                            "A0200",
                            "A0230",
                            "A0400",
                            "A0706",
                            "B0001",
                            "B0210",
                            "B0310",
                            "C0113",
                            "D0000",
                        )
                    ),
                    json_scalars,
                ),
                "msg": st.one_of(json_scalars, st.just("bad key fuzz-key")),
                "data": data,
            }
        ),
        json_values,
    )


def bodies() -> st.SearchStrategy[bytes]:
    """Response bodies: JSON envelopes, cut short, or arbitrary bytes."""
    encoded = envelopes().map(lambda value: json.dumps(value).encode())
    return st.one_of(
        encoded,
        st.tuples(encoded, st.integers(min_value=0, max_value=200)).map(
            lambda pair: pair[0][: pair[1]]
        ),
        st.binary(max_size=64),
        st.sampled_from((b"", b"<html>502</html>", b"\xff\xfe", b"null", b"[]")),
    )


@FUZZ
@given(
    status=st.sampled_from(
        (200, 200, 200, 201, 204, 400, 401, 403, 404, 429, 500, 503)
    ),
    body=bodies(),
    retry_after=st.one_of(
        st.none(),
        st.text(max_size=6),
        st.sampled_from(("1", "60", "-5", "nan", "1e999")),
    ),
    call=st.sampled_from(CALLS),
)
def test_client_answers(
    status: int,
    body: bytes,
    retry_after: str | None,
    call: Callable[[Track123Client], Awaitable[Any]],
) -> None:
    """Whatever the server answers, a client call returns or raises a Track123Error."""
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    session = FakeSession(status, body, headers)
    client = _client(session)
    error: Track123Error | None = None
    try:
        asyncio.run(call(client))
    except Track123Error as err:
        error = err
    assert "fuzz-key" not in str(error)
    assert session.calls >= 1
