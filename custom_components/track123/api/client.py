"""Asynchronous client of the Track123 Open API."""

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import UTC, datetime, tzinfo
from functools import partial
from typing import Any, NamedTuple

import aiohttp

from . import payloads
from .codec import Dumps, JsonCodec, Loads
from .const import (
    AIR_COURIER_LIST,
    AIR_IMPORT,
    AIR_IMPORT_BATCH,
    AIR_QUERY,
    AIR_QUERY_BATCH,
    COURIER_DETECTION,
    COURIER_LIST,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_PAGE_SIZE,
    DEFAULT_RATE_LIMIT,
    DEFAULT_REQUEST_TIMEOUT,
    MAX_PAGES,
    OCEAN_BATCH,
    OCEAN_CARRIER_LIST,
    OCEAN_DELETE,
    OCEAN_IMPORT,
    OCEAN_QUERY,
    OCEAN_REFRESH,
    OCEAN_UPDATE_CARRIER,
    PARCEL_DELETE,
    PARCEL_IMPORT,
    PARCEL_IMPORT_BATCH,
    PARCEL_QUERY,
    PARCEL_QUERY_BATCH,
    PARCEL_QUERY_REALTIME,
    PARCEL_UPDATE,
    PARCEL_UPDATE_COURIER,
    RATE_LIMIT_MARGIN,
    RATE_LIMIT_WINDOW,
    RATE_LIMITS,
)
from .exceptions import Track123Error, error_for
from .memo import PageMemo, ParseMemo, answer_digest
from .models import (
    AirImport,
    AirShipment,
    Courier,
    ImportResult,
    OceanImport,
    OceanShipment,
    Page,
    Parcel,
    ParcelImport,
    QueryResult,
)
from .parsing import (
    PARCEL_FIELDS,
    as_dict,
    parse_air_shipment,
    parse_couriers,
    parse_import_result,
    parse_ocean_shipment,
    parse_page,
    parse_parcel,
    parse_query_result,
    parse_rejected_list,
)
from .rate_limit import EndpointRateLimiter
from .transport import Sleep, Transport, parse_retry_after

__all__ = ["Track123Client", "chunked", "parse_retry_after"]


def chunked[T](items: Iterable[T], size: int) -> list[list[T]]:
    """Split items into lists of at most ``size``."""
    values = list(items)
    return [values[i : i + size] for i in range(0, len(values), size)]


class _Query[T, K](NamedTuple):
    """What differs between the parcel, ocean and air queries."""

    endpoint: str
    batch: int
    body: Callable[[list[K]], Any]  # the body of a query by numbers
    parse: ParseMemo[T]


class Track123Client:
    """Client of the Track123 Open API (parcels, ocean and air cargo)."""

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
    ) -> None:
        """Create a client; ``sleep`` paces retries and is injectable for tests.

        ``json_loads`` and ``json_dumps`` (bytes) make decoding and change detection
        faster where a faster JSON codec is at hand; the standard library is the
        fallback. ``default_timezone`` is the zone of times Track123 writes without
        one when nothing in the shipment tells theirs (Home Assistant's zone, say).
        """
        self._zone = default_timezone
        codec = JsonCodec(json_loads, json_dumps)
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
        # Unchanged trackings and pages reuse the models parsed at the last poll.
        self._parcels = _Query(
            PARCEL_QUERY,
            PARCEL_QUERY_BATCH,
            payloads.parcel_query,
            ParseMemo(
                partial(parse_parcel, zone=default_timezone), codec.dumps, PARCEL_FIELDS
            ),
        )
        self._ocean = _Query(
            OCEAN_QUERY,
            OCEAN_BATCH,
            payloads.ocean_query,
            ParseMemo(
                partial(parse_ocean_shipment, zone=default_timezone), codec.dumps
            ),
        )
        self._air = _Query(
            AIR_QUERY,
            AIR_QUERY_BATCH,
            payloads.air_query,
            ParseMemo(partial(parse_air_shipment, zone=default_timezone), codec.dumps),
        )
        self._pages: dict[str, PageMemo] = {}

    def __repr__(self) -> str:
        """Return a representation that never shows the API key."""
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    @property
    def base_url(self) -> str:
        """Return the base URL requests are sent to."""
        return self._transport.base_url

    async def _request(
        self,
        method: str,
        endpoint: str,
        body: Any = None,
        known: Callable[[bytes], Any] | None = None,
    ) -> Any:
        """Send a request; return the ``data`` of the answer."""
        return await self._transport.request(method, endpoint, body, known)

    # The one implementation of imports and queries -------------------------------

    async def _import(
        self,
        endpoint: str,
        entries: list[dict[str, Any]],
        numbers: list[str],
        size: int,
    ) -> ImportResult:
        """Send entries in batches of ``size`` and merge the results."""
        result = ImportResult()
        for start in range(0, len(entries), size):
            data = await self._request("POST", endpoint, entries[start : start + size])
            result += parse_import_result(data, numbers[start : start + size])
        return result

    async def _query_numbers[T, K](
        self, query: _Query[T, K], keys: Iterable[K]
    ) -> QueryResult[T]:
        """Query shipments by number, in batches; merge the results."""
        result: QueryResult[T] = QueryResult()
        query.parse.rotate()
        for chunk in chunked(keys, query.batch):
            data = await self._request("POST", query.endpoint, query.body(chunk))
            result += parse_query_result(data, query.parse)
            query.parse.take_keys()
        return result

    async def _query_page[T, K](
        self,
        query: _Query[T, K],
        created_from: datetime,
        created_to: datetime,
        cursor: str | None,
        page_size: int,
    ) -> Page[T]:
        """Query one page of a time window; unchanged bytes reuse the page parsed before.

        The first page (no cursor) starts a new poll of the endpoint.
        """
        memo = self._pages.setdefault(query.endpoint, PageMemo())
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
        data = await self._request("POST", query.endpoint, body, known)
        if isinstance(data, Page):
            return data
        parse_item.take_keys()
        page = parse_page(data, parse_item)
        memo.put(cursor, key, page, parse_item.take_keys())
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

    @staticmethod
    def _raise_rejection(data: Any) -> None:
        """Raise the error of the first rejected entry of an answer, if any."""
        if rejected := parse_rejected_list(as_dict(data).get("rejected")):
            first = rejected[0]
            error = error_for(200, first.code, first.message)
            if first.code is None:
                error = Track123Error(first.message or "Request rejected")
            raise error

    # Parcels ---------------------------------------------------------------------

    async def import_parcels(
        self, parcels: Iterable[ParcelImport | str]
    ) -> ImportResult:
        """Register parcels for tracking (batches of 100)."""
        items = [p if isinstance(p, ParcelImport) else ParcelImport(p) for p in parcels]
        return await self._import(
            PARCEL_IMPORT,
            [payloads.parcel_import(item) for item in items],
            [item.track_no for item in items],
            PARCEL_IMPORT_BATCH,
        )

    async def query_parcels(self, track_nos: Iterable[str]) -> QueryResult[Parcel]:
        """Query parcels by tracking number (batches of 100)."""
        return await self._query_numbers(self._parcels, track_nos)

    async def query_parcels_page(
        self,
        created_from: datetime,
        created_to: datetime,
        cursor: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Page[Parcel]:
        """Query one page of parcels created in a time window."""
        return await self._query_page(
            self._parcels, created_from, created_to, cursor, page_size
        )

    async def query_all_parcels(
        self,
        created_from: datetime,
        created_to: datetime,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> tuple[Parcel, ...]:
        """Query every parcel created in a time window, following the cursor."""
        return await self._collect(
            partial(
                self.query_parcels_page, created_from, created_to, page_size=page_size
            )
        )

    async def query_parcel_realtime(
        self, track_no: str, courier_code: str, postal_code: str | None = None
    ) -> Parcel:
        """Fetch one parcel live from its carrier."""
        data = await self._request(
            "POST",
            PARCEL_QUERY_REALTIME,
            payloads.parcel_realtime(track_no, courier_code, postal_code),
        )
        accepted = as_dict(data).get("accepted")
        if isinstance(accepted, dict) and "content" in accepted:
            content = accepted.get("content")
            accepted = content[0] if isinstance(content, list) and content else None
        if accepted is None:
            self._raise_rejection(data)
        return parse_parcel(accepted, self._zone)

    async def delete_parcels(
        self,
        track_nos: Iterable[str],
        courier_codes: Mapping[str, str] | None = None,
    ) -> ImportResult:
        """Stop tracking parcels; ``courier_codes`` maps numbers to their courier."""
        numbers = list(track_nos)
        codes = courier_codes or {}
        return await self._import(
            PARCEL_DELETE,
            [payloads.parcel_key(number, codes.get(number)) for number in numbers],
            numbers,
            PARCEL_IMPORT_BATCH,
        )

    async def update_parcel(
        self,
        track_no: str,
        courier_code: str | None = None,
        *,
        order_no: str | None = None,
        remark: str | None = None,
        postal_code: str | None = None,
        phone_suffix: str | None = None,
        ship_time: datetime | None = None,
    ) -> None:
        """Update a parcel's own fields (order number, remark, ...)."""
        body = payloads.parcel_update(
            track_no,
            courier_code,
            order_no=order_no,
            remark=remark,
            postal_code=postal_code,
            phone_suffix=phone_suffix,
            ship_time=ship_time,
        )
        self._raise_rejection(await self._request("POST", PARCEL_UPDATE, body))

    async def update_parcel_courier(
        self, track_no: str, courier_code: str | None, new_courier_code: str
    ) -> None:
        """Change the courier a parcel is tracked with."""
        body = payloads.parcel_update_courier(track_no, courier_code, new_courier_code)
        self._raise_rejection(await self._request("POST", PARCEL_UPDATE_COURIER, body))

    async def list_couriers(self) -> tuple[Courier, ...]:
        """Return every parcel courier Track123 supports."""
        return parse_couriers(await self._request("GET", COURIER_LIST))

    async def detect_courier(self, track_no: str) -> tuple[Courier, ...]:
        """Return candidate couriers for a tracking number, best first."""
        return parse_couriers(
            await self._request("POST", COURIER_DETECTION, {"trackNo": track_no})
        )

    # Ocean cargo -----------------------------------------------------------------

    async def _ocean_batches(
        self,
        endpoint: str,
        shipments: Iterable[OceanImport],
        entry: Callable[[OceanImport], dict[str, Any]] = payloads.ocean_key,
    ) -> ImportResult:
        """Send ocean shipments to an import-like endpoint, in batches."""
        items = list(shipments)
        return await self._import(
            endpoint,
            [entry(item) for item in items],
            [item.tracking_no for item in items],
            OCEAN_BATCH,
        )

    async def import_ocean(self, shipments: Iterable[OceanImport]) -> ImportResult:
        """Register ocean shipments for tracking."""
        return await self._ocean_batches(OCEAN_IMPORT, shipments, payloads.ocean_import)

    async def query_ocean(
        self, shipments: Iterable[OceanImport]
    ) -> QueryResult[OceanShipment]:
        """Query ocean shipments by number."""
        return await self._query_numbers(self._ocean, shipments)

    async def query_ocean_page(
        self,
        created_from: datetime,
        created_to: datetime,
        cursor: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Page[OceanShipment]:
        """Query one page of ocean shipments created in a time window."""
        return await self._query_page(
            self._ocean, created_from, created_to, cursor, page_size
        )

    async def query_all_ocean(
        self,
        created_from: datetime,
        created_to: datetime,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> tuple[OceanShipment, ...]:
        """Query every ocean shipment created in a time window."""
        return await self._collect(
            partial(
                self.query_ocean_page, created_from, created_to, page_size=page_size
            )
        )

    async def delete_ocean(self, shipments: Iterable[OceanImport]) -> ImportResult:
        """Stop tracking ocean shipments."""
        return await self._ocean_batches(OCEAN_DELETE, shipments)

    async def update_ocean_carrier(
        self, shipment: OceanImport, new_carrier_code: str
    ) -> None:
        """Change the carrier an ocean shipment is tracked with."""
        body = payloads.ocean_key(shipment) | {"carrierCode": new_carrier_code}
        self._raise_rejection(await self._request("POST", OCEAN_UPDATE_CARRIER, body))

    async def refresh_ocean(self, shipments: Iterable[OceanImport]) -> ImportResult:
        """Ask Track123 to refresh ocean shipments (at most once per 6 h each)."""
        return await self._ocean_batches(OCEAN_REFRESH, shipments)

    async def list_ocean_carriers(self) -> tuple[Courier, ...]:
        """Return every ocean carrier Track123 supports."""
        return parse_couriers(await self._request("GET", OCEAN_CARRIER_LIST))

    # Air cargo -------------------------------------------------------------------

    async def import_air(self, shipments: Iterable[AirImport | str]) -> ImportResult:
        """Register air waybills for tracking (batches of 100)."""
        items = [s if isinstance(s, AirImport) else AirImport(s) for s in shipments]
        return await self._import(
            AIR_IMPORT,
            [payloads.air_import(item) for item in items],
            [item.awb for item in items],
            AIR_IMPORT_BATCH,
        )

    async def query_air(self, awbs: Iterable[str]) -> QueryResult[AirShipment]:
        """Query air waybills by number."""
        return await self._query_numbers(self._air, awbs)

    async def query_air_page(
        self,
        created_from: datetime,
        created_to: datetime,
        cursor: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Page[AirShipment]:
        """Query one page of air waybills created in a time window."""
        return await self._query_page(
            self._air, created_from, created_to, cursor, page_size
        )

    async def query_all_air(
        self,
        created_from: datetime,
        created_to: datetime,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> tuple[AirShipment, ...]:
        """Query every air waybill created in a time window."""
        return await self._collect(
            partial(self.query_air_page, created_from, created_to, page_size=page_size)
        )

    async def list_air_couriers(self) -> tuple[Courier, ...]:
        """Return every airline Track123 supports."""
        return parse_couriers(await self._request("GET", AIR_COURIER_LIST))
