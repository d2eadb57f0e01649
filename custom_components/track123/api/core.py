"""The machinery every Track123 client method runs on.

One implementation sends import-like batches, queries by number, queries a page of
a time window and follows the cursor, for parcels, ocean and air cargo alike; the
public methods (client.py, cargo_client.py) are one-liners over it.
"""

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping
from copy import copy
from datetime import UTC, datetime, timedelta, tzinfo
from functools import partial
import logging
from typing import Any, NamedTuple, Self

import aiohttp

from . import payloads
from .codec import Dumps, JsonCodec, Loads
from .const import (
    AIR_QUERY_BATCH,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_RATE_LIMIT,
    DEFAULT_REQUEST_TIMEOUT,
    MAX_PAGES,
    OCEAN_BATCH,
    PARCEL_QUERY_BATCH,
    RATE_LIMIT_MARGIN,
    RATE_LIMIT_WINDOW,
    RATE_LIMITS,
)
from .endpoints import AIR_QUERY_EP, OCEAN_QUERY_EP, PARCEL_QUERY_EP, Endpoint, Router
from .exceptions import Track123ApiChangedError, Track123Error, error_for
from .memo import PageMemo, ParseMemo, answer_digest
from .models import (
    AirShipment,
    ImportResult,
    OceanImport,
    OceanShipment,
    Page,
    Parcel,
    QueryResult,
)
from .parsing import (
    PARCEL_FIELDS,
    as_dict,
    parse_air_shipment,
    parse_import_result,
    parse_ocean_shipment,
    parse_page,
    parse_parcel,
    parse_query_result,
    parse_rejected_list,
)
from .rate_limit import EndpointRateLimiter
from .transport import Known, Sleep, Transport

_LOGGER = logging.getLogger(__name__)


def chunked[T](items: Iterable[T], size: int) -> list[list[T]]:
    """Split items into lists of at most ``size``."""
    values = list(items)
    return [values[i : i + size] for i in range(0, len(values), size)]


class Query[T, K](NamedTuple):
    """What differs between the parcel, ocean and air queries."""

    endpoint: Endpoint
    batch: int
    body: Callable[[list[K]], Any]  # the body of a query by numbers
    parse: ParseMemo[T]


class ClientCore:
    """Transport, endpoint paths, parse memos and the one query implementation."""

    def __init__(
        self,
        api_key: str,
        session: aiohttp.ClientSession,
        *,
        base_url: str = DEFAULT_BASE_URL,
        request_timeout: float = DEFAULT_REQUEST_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        sleep: Sleep = asyncio.sleep,
        rate_limiter: EndpointRateLimiter | None = None,
        json_loads: Loads | None = None,
        json_dumps: Dumps | None = None,
        default_timezone: tzinfo = UTC,
        keep_history: bool = True,
    ) -> None:
        """Create a client; ``sleep`` paces retries and is injectable for tests.

        ``json_loads`` and ``json_dumps`` (bytes) make decoding and change detection
        faster where a faster JSON codec is at hand; the standard library is the
        fallback. ``default_timezone`` is the zone of times Track123 writes without
        one when nothing in the shipment tells theirs (Home Assistant's zone, say).
        Without ``keep_history`` the models keep only their newest events
        (``history_complete`` is False); ``full_history()`` fetches the rest.
        """
        codec = JsonCodec(json_loads, json_dumps)
        self._zone = default_timezone
        self._transport = Transport(
            api_key,
            session,
            base_url=base_url,
            request_timeout=request_timeout,
            max_retries=max_retries,
            sleep=sleep,
            rate_limiter=rate_limiter
            or EndpointRateLimiter(
                DEFAULT_RATE_LIMIT, RATE_LIMITS, RATE_LIMIT_WINDOW + RATE_LIMIT_MARGIN
            ),
            codec=codec,
        )
        self._router = Router()
        self._codec = codec
        self._set_queries(keep_history=keep_history)

    def _set_queries(self, *, keep_history: bool) -> None:
        """Set up the queries; without ``keep_history`` models keep their newest events.

        Unchanged trackings and pages reuse the models parsed at the last poll.
        """
        zone, dumps, newest_only = self._zone, self._codec.dumps, not keep_history
        parcel = partial(parse_parcel, zone=zone, newest_only=newest_only)
        ocean = partial(parse_ocean_shipment, zone=zone, newest_only=newest_only)
        air = partial(parse_air_shipment, zone=zone, newest_only=newest_only)
        self._parcels: Query[Parcel, str] = Query(
            PARCEL_QUERY_EP,
            PARCEL_QUERY_BATCH,
            payloads.parcel_query,
            ParseMemo(parcel, dumps, PARCEL_FIELDS),
        )
        self._ocean: Query[OceanShipment, OceanImport] = Query(
            OCEAN_QUERY_EP,
            OCEAN_BATCH,
            payloads.ocean_query,
            ParseMemo(ocean, dumps),
        )
        self._air: Query[AirShipment, str] = Query(
            AIR_QUERY_EP,
            AIR_QUERY_BATCH,
            payloads.air_query,
            ParseMemo(air, dumps),
        )
        self._pages: dict[str, PageMemo] = {}

    def full_history(self) -> Self:
        """Return this client, but answering every query with the whole history.

        It shares the transport (session, rate limits, retries) and the endpoints'
        paths; its parse memos are its own, so the polls' stay as they are.
        """
        full = copy(self)
        full._set_queries(keep_history=True)  # noqa: SLF001
        return full

    def __repr__(self) -> str:
        """Return a representation that never shows the API key."""
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    @property
    def base_url(self) -> str:
        """Return the base URL requests are sent to."""
        return self._transport.base_url

    @property
    def endpoint_paths(self) -> Mapping[str, str]:
        """Return each logical endpoint's path: the one that answered, else the first.

        For diagnostics: it shows which API version this account is served by.
        """
        return self._router.paths()

    async def verify_key(self) -> None:
        """Check the API key with a call the real API accepts; raise on failure.

        The docs say every call carries the key in its header, and show the query
        with a real creation-time window; an empty window (start = end) is shown
        nowhere. A one-day window with one result a page costs no quota (only
        registering does) and answers little.
        """
        now = datetime.now(UTC)
        body = payloads.window_query(now - timedelta(days=1), now, None, 1)
        await self._request(PARCEL_QUERY_EP, body)

    async def _request(
        self, endpoint: Endpoint, body: Any = None, known: Known | None = None
    ) -> Any:
        """Send a request; on C0113 try the endpoint's next path, once each.

        The first path that answers is kept for the rest of the client's life.
        """
        paths = self._router.candidates(endpoint)
        for index, path in enumerate(paths):
            try:
                data = await self._transport.request(endpoint.method, path, body, known)
            except Track123ApiChangedError:
                if index + 1 == len(paths):
                    raise
                _LOGGER.info(
                    "Track123 has no %s at %s; trying %s",
                    endpoint.name,
                    path,
                    paths[index + 1],
                )
                continue
            self._router.answered(endpoint, path)
            return data
        raise AssertionError("an endpoint has at least one path")  # pragma: no cover

    async def _batches(
        self,
        endpoint: Endpoint,
        entries: list[dict[str, Any]],
        numbers: list[str],
        size: int,
    ) -> ImportResult:
        """Send entries to an import-like endpoint in batches; merge the results."""
        result = ImportResult()
        for start in range(0, len(entries), size):
            data = await self._request(endpoint, entries[start : start + size])
            result += parse_import_result(data, numbers[start : start + size])
        return result

    async def _query_numbers[T, K](
        self, query: Query[T, K], keys: Iterable[K], *, poll: bool
    ) -> QueryResult[T]:
        """Query shipments by number, in batches; merge the results.

        A poll starts a new round of the parse memo, and once every number is
        answered only the models of this poll's trackings are kept. A query between
        polls (a push's, an action's) keeps the poll's models, or the next poll would
        parse every tracking again.
        """
        result: QueryResult[T] = QueryResult()
        if poll:
            query.parse.rotate()
        for chunk in chunked(keys, query.batch):
            data = await self._request(query.endpoint, query.body(chunk))
            result += parse_query_result(data, query.parse)
            query.parse.take_keys()
        if poll:
            query.parse.settle()
        return result

    async def _query_page[T, K](
        self,
        query: Query[T, K],
        created_from: datetime,
        created_to: datetime,
        cursor: str | None,
        page_size: int,
    ) -> Page[T]:
        """Query one page of a time window; unchanged bytes reuse the page parsed before.

        The first page (no cursor) starts a new poll of the endpoint; after the
        last, only the pages and models this poll read are kept.
        """
        memo = self._pages.setdefault(query.endpoint.name, PageMemo())
        parse_item = query.parse
        if cursor is None:
            memo.rotate()
            parse_item.rotate()
        key = b""

        def known(raw: bytes) -> Page[Any] | None:
            nonlocal key
            key = answer_digest(raw)
            if (page := memo.get(cursor, key)) is None:
                return None
            parse_item.keep(page.item_keys, page.page.items)
            return page.page

        body = payloads.window_query(created_from, created_to, cursor, page_size)
        data = await self._request(query.endpoint, body, known)
        if isinstance(data, Page):
            page: Page[T] = data
        else:
            parse_item.take_keys()
            page = parse_page(data, parse_item)
            memo.put(cursor, key, page, parse_item.take_keys())
        if page.is_last:
            memo.settle()
            parse_item.settle()
        return page

    @staticmethod
    async def _collect[T](
        fetch: Callable[[str | None], Awaitable[Page[T]]],
    ) -> tuple[T, ...]:
        """Follow the cursor until the last page (at most MAX_PAGES pages)."""
        items: list[T] = []
        cursor: str | None = None
        for _ in range(MAX_PAGES):
            page = await fetch(cursor)
            items.extend(page.items)
            if page.is_last or page.cursor == cursor:
                break
            cursor = page.cursor
        return tuple(items)

    async def _send_checked(self, endpoint: Endpoint, body: Any) -> None:
        """Send a change; raise the error of the first rejected entry, if any."""
        self._raise_rejection(await self._request(endpoint, body))

    @staticmethod
    def _raise_rejection(data: Any) -> None:
        """Raise the error of the first rejected entry of an answer, if any."""
        if rejected := parse_rejected_list(as_dict(data).get("rejected")):
            first = rejected[0]
            if first.code is None:
                raise Track123Error(first.message or "Request rejected")
            raise error_for(200, first.code, first.message)
