"""Unchanged trackings and pages reuse the models parsed at the last poll."""

from datetime import UTC, datetime, timedelta
import json
from typing import Any

import pytest

from custom_components.track123.api import Track123Client, Track123ResponseError
from custom_components.track123.api.codec import JsonCodec
from custom_components.track123.api.memo import (
    PageMemo,
    ParseMemo,
    answer_digest,
    digest,
)
from custom_components.track123.api.models import Page
from custom_components.track123.api.parsing import PARCEL_FIELDS, parse_parcel
from track123_simulator.payloads import parcel_payload

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
FAR_FUTURE = datetime(2100, 1, 1, tzinfo=UTC)
UPS = "1Z999AA10123456784"
OTHER = "1Z999AA10123456785"


class RecordingDict(dict[str, Any]):
    """A dict that remembers which keys were read."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Create the dict with an empty record."""
        super().__init__(*args, **kwargs)
        self.read: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        """Record, then read."""
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        """Record, then read."""
        self.read.add(key)
        return super().__getitem__(key)


def test_parcel_fields_cover_every_key_parse_parcel_reads(sim_state) -> None:
    """A key parse_parcel reads but the memo ignores would hide a change."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="cross_border")
    sim_state.clock.advance(timedelta(days=10))
    item = RecordingDict(
        parcel_payload(sim_state.parcels[UPS], sim_state.clock.now()),
        expectedDeliveryTime=None,  # read before expectedDelivery
    )
    parse_parcel(item)
    assert item.read <= set(PARCEL_FIELDS)


def test_parse_memo_reuses_unchanged_items_only() -> None:
    """Same content, same model; a read field changed, a new model."""
    calls: list[object] = []

    def parse(value: object) -> object:
        calls.append(value)
        return parse_parcel(value)

    memo = ParseMemo(parse, JsonCodec().dumps, PARCEL_FIELDS)
    item = {"trackNo": UPS, "transitStatus": "IN_TRANSIT", "nextUpdateTime": "a"}
    first = memo(item)
    memo.rotate()
    # An ignored key changes: the model is reused.
    assert memo({**item, "nextUpdateTime": "b"}) is first
    # A read key changes: parsed again.
    second = memo({**item, "transitStatus": "DELIVERED"})
    assert second is not first
    assert len(calls) == 2
    assert None not in memo.take_keys()
    memo.rotate()
    memo.rotate()
    # Two polls without the item: forgotten.
    assert memo(item) is not first


def test_a_settled_poll_keeps_only_the_models_it_used() -> None:
    """Once a poll has read every item, what it did not use is let go at once."""
    calls: list[object] = []

    def parse(value: object) -> object:
        calls.append(value)
        return parse_parcel(value)

    memo = ParseMemo(parse, JsonCodec().dumps, PARCEL_FIELDS)
    one, two = {"trackNo": UPS}, {"trackNo": OTHER}
    first = memo(one)
    memo(two)
    memo.settle()
    memo.rotate()
    assert memo(one) is first
    # Until the poll has read everything, the last poll's models stay.
    assert len(memo) == 2
    memo.settle()
    assert len(memo) == 1
    memo(two)
    assert len(calls) == 3


def test_a_settled_page_poll_keeps_only_the_pages_it_read() -> None:
    """Once a poll has read its last page, the pages it did not read are let go."""
    memo = PageMemo()
    memo.put(None, digest(b"1"), Page(items=("a",)), (None,))
    memo.put("2", digest(b"2"), Page(items=("b",)), (None,))
    memo.rotate()
    assert memo.get(None, digest(b"1")) is not None
    assert len(memo) == 2
    memo.settle()
    assert len(memo) == 1
    assert memo.get("2", digest(b"2")) is None


def test_parse_memo_keeps_models_reused_from_a_page() -> None:
    """Models of a page served from the page memo survive the next rotation."""
    memo = ParseMemo(parse_parcel, JsonCodec().dumps)
    item = {"trackNo": UPS}
    model = memo(item)
    keys = memo.take_keys()
    memo.rotate()
    memo.keep(keys, (model,))
    memo.rotate()
    assert memo(item) is model


def test_page_memo() -> None:
    """A page is reused for the same cursor and bytes only."""
    memo = PageMemo()
    page = Page(items=("a",))
    memo.put(None, digest(b"1"), page, (None,))
    assert memo.get(None, digest(b"2")) is None
    assert memo.get("cursor", digest(b"1")) is None
    known = memo.get(None, digest(b"1"))
    assert known is not None
    assert known.page is page
    memo.rotate()
    assert memo.get(None, digest(b"1")) is not None
    memo.rotate()
    memo.rotate()
    assert memo.get(None, digest(b"1")) is None


def test_answer_digest_ignores_the_trace_id() -> None:
    """Every answer has a new trace id; the data decides."""
    one = json.dumps({"code": "00000", "data": [1], "traceId": "a1"}).encode()
    two = json.dumps({"code": "00000", "data": [1], "traceId": "b2"}).encode()
    three = json.dumps({"code": "00000", "data": [2], "traceId": "a1"}).encode()
    assert answer_digest(one) == answer_digest(two)
    assert answer_digest(one) != answer_digest(three)


async def test_unchanged_poll_reuses_models(client: Track123Client, sim_state) -> None:
    """An unchanged account returns the very same models; a change only its own."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    sim_state.add_parcel(OTHER, courier_code="ups", scenario="delivered")
    sim_state.clock.advance(timedelta(hours=3))
    first = await client.query_all_parcels(EPOCH, FAR_FUTURE, page_size=1)
    again = await client.query_all_parcels(EPOCH, FAR_FUTURE, page_size=1)
    assert len(first) == 2
    assert all(a is b for a, b in zip(first, again, strict=True))
    # Only the second parcel moves on; the first keeps its model.
    sim_state.parcels[OTHER].added_at -= timedelta(hours=3)
    moved = await client.query_all_parcels(EPOCH, FAR_FUTURE, page_size=1)
    by_number = {parcel.track_no: parcel for parcel in moved}
    old = {parcel.track_no: parcel for parcel in first}
    assert by_number[UPS] is old[UPS]
    assert by_number[OTHER] is not old[OTHER]
    assert by_number[OTHER].status != old[OTHER].status


async def test_query_by_numbers_reuses_models(
    client: Track123Client, sim_state
) -> None:
    """Queries by number reuse unchanged models as well."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    sim_state.add_ocean("MSKU1234567", scenario="delivered")
    sim_state.add_air("176-12345675", scenario="delivered")
    first = await client.query_parcels([UPS])
    assert (await client.query_parcels([UPS])).items[0] is first.items[0]
    ocean = await client.query_ocean_page(EPOCH, FAR_FUTURE)
    assert (await client.query_ocean_page(EPOCH, FAR_FUTURE)).items[0] is ocean.items[0]
    air = await client.query_air(["176-12345675"])
    assert (await client.query_air(["176-12345675"])).items[0] is air.items[0]


async def test_one_off_query_keeps_the_polls_models(
    client: Track123Client, sim_state
) -> None:
    """A query between polls (a push's, an action's) leaves the polls' models."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    sim_state.add_parcel(OTHER, courier_code="ups", scenario="delivered")
    sim_state.clock.advance(timedelta(hours=3))
    first = {
        parcel.track_no: parcel
        for parcel in await client.query_all_parcels(EPOCH, FAR_FUTURE)
    }
    await client.query_parcels([UPS], poll=False)
    # The page's bytes changed (a new trace id is not a change): its items are
    # looked up one by one.
    sim_state.add_parcel("1Z999AA10123456786", courier_code="ups", scenario="delivered")
    again = {
        parcel.track_no: parcel
        for parcel in await client.query_all_parcels(EPOCH, FAR_FUTURE)
    }
    assert len(again) == 3
    assert again[UPS] is first[UPS]
    assert again[OTHER] is first[OTHER]


async def test_polls_by_number_keep_only_what_the_last_one_saw(
    client: Track123Client, sim_state
) -> None:
    """A poll by number, once answered, lets go of the models it did not see."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    sim_state.add_parcel(OTHER, courier_code="ups", scenario="delivered")
    both = [UPS, OTHER]
    first = (await client.query_parcels(both)).items[0]
    assert (await client.query_parcels(both)).items[0] is first
    await client.query_parcels([OTHER])
    again = (await client.query_parcels([UPS], poll=False)).items[0]
    assert again == first
    assert again is not first


async def test_a_window_poll_keeps_only_what_it_read(
    client: Track123Client, sim_state
) -> None:
    """After its last page, a poll keeps only the pages and models it read.

    Between polls the memo then holds one poll's answers, not two.
    """
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    sim_state.clock.advance(timedelta(hours=1))
    cutoff = sim_state.clock.now()
    sim_state.clock.advance(timedelta(hours=1))
    sim_state.add_parcel(OTHER, courier_code="ups", scenario="delivered")
    sim_state.clock.advance(timedelta(hours=3))
    first_page = await client.query_parcels_page(EPOCH, FAR_FUTURE, page_size=1)
    last_page = await client.query_parcels_page(
        EPOCH, FAR_FUTURE, first_page.cursor, page_size=1
    )
    assert last_page.is_last
    (first,) = last_page.items
    assert first.track_no == OTHER
    only = await client.query_all_parcels(EPOCH, cutoff, page_size=1)
    assert [parcel.track_no for parcel in only] == [UPS]
    # The second page of the whole window, asked for again: neither the page nor
    # its model is still known, so it is read anew (and equal).
    again = await client.query_parcels_page(
        EPOCH, FAR_FUTURE, first_page.cursor, page_size=1
    )
    assert again.items == (first,)
    assert again.items[0] is not first


def test_parse_memo_passes_non_objects_to_the_parser() -> None:
    """A tracking that is not an object is the parser's to reject."""
    memo = ParseMemo(parse_parcel, JsonCodec().dumps, PARCEL_FIELDS)
    with pytest.raises(Track123ResponseError):
        memo(["not", "an", "object"])
    assert memo.take_keys() == (None,)


def test_answer_digest_without_a_trace_id() -> None:
    """An answer without (or with a cut) trace id is digested whole."""
    assert answer_digest(b'{"data": 1}') == digest(b'{"data": 1}')
    assert answer_digest(b'{"traceId": "ab') == digest(b'{"traceId": "ab')


def test_parse_memo_refuses_items_it_cannot_encode() -> None:
    """An item nested too deeply to encode is a response error."""
    memo = ParseMemo(parse_parcel, JsonCodec().dumps)
    item: Any = []
    for _ in range(100_000):
        item = [item]
    with pytest.raises(Track123ResponseError, match="Unreadable item"):
        memo({"trackNo": UPS, "deep": item})
