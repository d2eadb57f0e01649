"""Asynchronous client of the Track123 Open API."""

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import datetime
import logging
import math
from typing import Any

import aiohttp

from . import payloads
from .codec import Dumps, JsonCodec, Loads
from .const import (
    AIR_COURIER_LIST,
    AIR_IMPORT,
    AIR_IMPORT_BATCH,
    AIR_QUERY,
    AIR_QUERY_BATCH,
    BACKOFF_INITIAL,
    BACKOFF_MAX,
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
    SUCCESS_CODE,
)
from .exceptions import (
    Track123ConnectionError,
    Track123Error,
    Track123RateLimitError,
    Track123ResponseError,
    Track123TimeoutError,
    error_for,
)
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
    Rejected,
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

_LOGGER = logging.getLogger(__name__)

type Sleep = Callable[[float], Awaitable[None]]


def chunked[T](items: Iterable[T], size: int) -> list[list[T]]:
    """Split items into lists of at most ``size``."""
    values = list(items)
    return [values[i : i + size] for i in range(0, len(values), size)]


def parse_retry_after(value: str | None) -> float | None:
    """Parse a ``Retry-After`` header given in seconds."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return max(seconds, 0.0) if math.isfinite(seconds) else None


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
    ) -> None:
        """Create a client; ``sleep`` paces retries and is injectable for tests.

        ``json_loads`` and ``json_dumps`` (bytes) make decoding and change detection
        faster where a faster JSON codec is at hand; the standard library is the
        fallback.
        """
        self._api_key = api_key
        self._session = session
        self._base_url = base_url if base_url.endswith("/") else f"{base_url}/"
        self._request_timeout = request_timeout
        self._max_retries = max(max_retries, 0)
        self._sleep = sleep
        self._rate_limiter = rate_limiter or EndpointRateLimiter(
            DEFAULT_RATE_LIMIT, RATE_LIMITS, RATE_LIMIT_WINDOW + RATE_LIMIT_MARGIN
        )
        self._json = JsonCodec(json_loads, json_dumps)
        # Unchanged trackings and pages reuse the models parsed at the last poll.
        self._parse_parcel = ParseMemo(parse_parcel, self._json.dumps, PARCEL_FIELDS)
        self._parse_ocean = ParseMemo(parse_ocean_shipment, self._json.dumps)
        self._parse_air = ParseMemo(parse_air_shipment, self._json.dumps)
        self._pages: dict[str, PageMemo] = {}

    def __repr__(self) -> str:
        """Return a representation that never shows the API key."""
        return f"{type(self).__name__}(base_url={self._base_url!r})"

    @property
    def base_url(self) -> str:
        """Return the base URL requests are sent to."""
        return self._base_url

    # Transport -------------------------------------------------------------------

    async def _request(
        self,
        method: str,
        endpoint: str,
        body: Any = None,
        known: Callable[[bytes], Any] | None = None,
    ) -> Any:
        """Send a request, retrying rate-limited answers; return the ``data`` field.

        ``known`` sees the bytes of a successful answer first: what it returns, unless
        None, is returned instead of the decoded ``data``.
        """
        attempt = 0
        while True:
            await self._rate_limiter.acquire(endpoint)
            try:
                return await self._send(method, endpoint, body, known)
            except Track123RateLimitError as err:
                if attempt >= self._max_retries:
                    raise
                delay = self._backoff(attempt, err.retry_after)
                if delay is None:
                    raise
                _LOGGER.debug(
                    "%s %s rate limited, retrying in %.1f s", method, endpoint, delay
                )
                await self._sleep(delay)
                attempt += 1

    @staticmethod
    def _backoff(attempt: int, retry_after: float | None) -> float | None:
        """Return the delay before a retry, or None when the server asks too much."""
        if retry_after is not None:
            return retry_after if retry_after <= BACKOFF_MAX else None
        return min(BACKOFF_INITIAL * 2.0**attempt, BACKOFF_MAX)

    async def _send(
        self,
        method: str,
        endpoint: str,
        body: Any,
        known: Callable[[bytes], Any] | None = None,
    ) -> Any:
        """Send one request and return the ``data`` of a successful answer."""
        status, raw, retry_after = await self._exchange(method, endpoint, body)
        if known is not None and status < 400 and (result := known(raw)) is not None:
            return result
        return self._unwrap(status, raw, retry_after)

    async def _exchange(
        self, method: str, endpoint: str, body: Any
    ) -> tuple[int, bytes, float | None]:
        """Make one HTTP exchange; return the status, the body and any Retry-After."""
        headers = {
            "Track123-Api-Secret": self._api_key,
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        try:
            async with asyncio.timeout(self._request_timeout):
                async with self._session.request(
                    method, self._base_url + endpoint, json=body, headers=headers
                ) as response:
                    raw = await response.read()
                    status = response.status
                    retry_after = parse_retry_after(response.headers.get("Retry-After"))
        except TimeoutError as err:
            raise Track123TimeoutError(
                f"Timed out after {self._request_timeout} s on {endpoint}"
            ) from err
        except aiohttp.ClientError as err:
            raise Track123ConnectionError(
                self._redact(f"Cannot reach Track123 ({type(err).__name__}: {err})")
            ) from err
        _LOGGER.debug("%s %s -> %s", method, endpoint, status)
        return status, raw, retry_after

    def _unwrap(self, status: int, raw: bytes, retry_after: float | None) -> Any:
        """Check HTTP status and envelope; return ``data`` or raise."""
        try:
            envelope = self._json.loads(raw)
        except ValueError:
            envelope = None
        if not isinstance(envelope, dict):
            if status >= 400:
                raise error_for(status, None, f"HTTP {status}", retry_after)
            raise Track123ResponseError("Response is not a JSON object")
        code = envelope.get("code")
        code = str(code) if isinstance(code, str | int) and code != "" else None
        message = envelope.get("msg")
        message = self._redact(message) if isinstance(message, str) else None
        if code == SUCCESS_CODE and status < 400:
            return envelope.get("data")
        if code is None and status < 400:
            raise Track123ResponseError("Response has no service code")
        raise error_for(status, code, message, retry_after)

    def _redact(self, text: str) -> str:
        """Remove the API key from a text."""
        return text.replace(self._api_key, "***") if self._api_key else text

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

    @staticmethod
    def _raise_rejection(data: Any) -> None:
        """Raise the error of the first rejected entry of an answer, if any."""
        if rejected := parse_rejected_list(as_dict(data).get("rejected")):
            first = rejected[0]
            error = error_for(200, first.code, first.message)
            if first.code is None:
                error = Track123Error(first.message or "Request rejected")
            raise error

    async def _query_page[T](
        self,
        endpoint: str,
        body: dict[str, Any],
        cursor: str | None,
        parse_item: ParseMemo[T],
    ) -> Page[T]:
        """Query one page of a time window; unchanged bytes reuse the page parsed before.

        The first page (no cursor) starts a new poll of the endpoint.
        """
        memo = self._pages.setdefault(endpoint, PageMemo())
        if cursor is None:
            memo.rotate()
            parse_item.rotate()
        key = b""

        def known(raw: bytes) -> Page[Any] | None:
            nonlocal key
            key = answer_digest(raw)
            if (page := memo.get(cursor, key)) is None:
                return None
            parse_item.keep(page[2], page[1].items)
            return page[1]

        data = await self._request("POST", endpoint, body, known)
        if isinstance(data, Page):
            return data
        parse_item.take_keys()
        page = parse_page(data, parse_item)
        memo.put(cursor, key, page, parse_item.take_keys())
        return page

    # Parcels ---------------------------------------------------------------------

    async def import_parcels(
        self, parcels: Iterable[ParcelImport | str]
    ) -> ImportResult:
        """Register parcels for tracking (batches of 40)."""
        items = [p if isinstance(p, ParcelImport) else ParcelImport(p) for p in parcels]
        return await self._import(
            PARCEL_IMPORT,
            [payloads.parcel_import(item) for item in items],
            [item.track_no for item in items],
            PARCEL_IMPORT_BATCH,
        )

    async def query_parcels(self, track_nos: Iterable[str]) -> QueryResult[Parcel]:
        """Query parcels by tracking number (batches of 100)."""
        items: list[Parcel] = []
        rejected: list[Rejected] = []
        self._parse_parcel.rotate()
        for chunk in chunked(track_nos, PARCEL_QUERY_BATCH):
            data = await self._request(
                "POST", PARCEL_QUERY, payloads.parcel_query(chunk)
            )
            result = parse_query_result(data, self._parse_parcel)
            self._parse_parcel.take_keys()
            items.extend(result.items)
            rejected.extend(result.rejected)
        return QueryResult(tuple(items), tuple(rejected))

    async def query_parcels_page(
        self,
        created_from: datetime,
        created_to: datetime,
        cursor: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Page[Parcel]:
        """Query one page of parcels created in a time window."""
        return await self._query_page(
            PARCEL_QUERY,
            payloads.window_query(created_from, created_to, cursor, page_size),
            cursor,
            self._parse_parcel,
        )

    async def query_all_parcels(
        self,
        created_from: datetime,
        created_to: datetime,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> tuple[Parcel, ...]:
        """Query every parcel created in a time window, following the cursor."""
        return await self._collect(
            lambda cursor: self.query_parcels_page(
                created_from, created_to, cursor, page_size
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
        return parse_parcel(accepted)

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
        data = await self._request(
            "POST",
            PARCEL_UPDATE,
            payloads.parcel_update(
                track_no,
                courier_code,
                order_no=order_no,
                remark=remark,
                postal_code=postal_code,
                phone_suffix=phone_suffix,
                ship_time=ship_time,
            ),
        )
        self._raise_rejection(data)

    async def update_parcel_courier(
        self, track_no: str, courier_code: str | None, new_courier_code: str
    ) -> None:
        """Change the courier a parcel is tracked with."""
        data = await self._request(
            "POST",
            PARCEL_UPDATE_COURIER,
            payloads.parcel_update_courier(track_no, courier_code, new_courier_code),
        )
        self._raise_rejection(data)

    async def list_couriers(self) -> tuple[Courier, ...]:
        """Return every parcel courier Track123 supports."""
        return parse_couriers(await self._request("GET", COURIER_LIST))

    async def detect_courier(self, track_no: str) -> tuple[Courier, ...]:
        """Return candidate couriers for a tracking number, best first."""
        return parse_couriers(
            await self._request("POST", COURIER_DETECTION, {"trackNo": track_no})
        )

    # Ocean cargo -----------------------------------------------------------------

    async def import_ocean(self, shipments: Iterable[OceanImport]) -> ImportResult:
        """Register ocean shipments for tracking."""
        items = list(shipments)
        return await self._import(
            OCEAN_IMPORT,
            [payloads.ocean_import(item) for item in items],
            [item.tracking_no for item in items],
            OCEAN_BATCH,
        )

    async def query_ocean(
        self, shipments: Iterable[OceanImport]
    ) -> QueryResult[OceanShipment]:
        """Query ocean shipments by number."""
        items: list[OceanShipment] = []
        rejected: list[Rejected] = []
        self._parse_ocean.rotate()
        for chunk in chunked(shipments, OCEAN_BATCH):
            data = await self._request(
                "POST", OCEAN_QUERY, [payloads.ocean_key(item) for item in chunk]
            )
            result = parse_query_result(data, self._parse_ocean)
            self._parse_ocean.take_keys()
            items.extend(result.items)
            rejected.extend(result.rejected)
        return QueryResult(tuple(items), tuple(rejected))

    async def query_ocean_page(
        self,
        created_from: datetime,
        created_to: datetime,
        cursor: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Page[OceanShipment]:
        """Query one page of ocean shipments created in a time window."""
        return await self._query_page(
            OCEAN_QUERY,
            payloads.window_query(created_from, created_to, cursor, page_size),
            cursor,
            self._parse_ocean,
        )

    async def query_all_ocean(
        self,
        created_from: datetime,
        created_to: datetime,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> tuple[OceanShipment, ...]:
        """Query every ocean shipment created in a time window."""
        return await self._collect(
            lambda cursor: self.query_ocean_page(
                created_from, created_to, cursor, page_size
            )
        )

    async def delete_ocean(self, shipments: Iterable[OceanImport]) -> ImportResult:
        """Stop tracking ocean shipments."""
        items = list(shipments)
        return await self._import(
            OCEAN_DELETE,
            [payloads.ocean_key(item) for item in items],
            [item.tracking_no for item in items],
            OCEAN_BATCH,
        )

    async def update_ocean_carrier(
        self, shipment: OceanImport, new_carrier_code: str
    ) -> None:
        """Change the carrier an ocean shipment is tracked with."""
        body = payloads.ocean_key(shipment) | {"carrierCode": new_carrier_code}
        self._raise_rejection(await self._request("POST", OCEAN_UPDATE_CARRIER, body))

    async def refresh_ocean(self, shipments: Iterable[OceanImport]) -> ImportResult:
        """Ask Track123 to refresh ocean shipments (at most once per 6 h each)."""
        items = list(shipments)
        return await self._import(
            OCEAN_REFRESH,
            [payloads.ocean_key(item) for item in items],
            [item.tracking_no for item in items],
            OCEAN_BATCH,
        )

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
        items: list[AirShipment] = []
        rejected: list[Rejected] = []
        self._parse_air.rotate()
        for chunk in chunked(awbs, AIR_QUERY_BATCH):
            data = await self._request("POST", AIR_QUERY, {"trackingNos": chunk})
            result = parse_query_result(data, self._parse_air)
            self._parse_air.take_keys()
            items.extend(result.items)
            rejected.extend(result.rejected)
        return QueryResult(tuple(items), tuple(rejected))

    async def query_air_page(
        self,
        created_from: datetime,
        created_to: datetime,
        cursor: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Page[AirShipment]:
        """Query one page of air waybills created in a time window."""
        return await self._query_page(
            AIR_QUERY,
            payloads.window_query(created_from, created_to, cursor, page_size),
            cursor,
            self._parse_air,
        )

    async def query_all_air(
        self,
        created_from: datetime,
        created_to: datetime,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> tuple[AirShipment, ...]:
        """Query every air waybill created in a time window."""
        return await self._collect(
            lambda cursor: self.query_air_page(
                created_from, created_to, cursor, page_size
            )
        )

    async def list_air_couriers(self) -> tuple[Courier, ...]:
        """Return every airline Track123 supports."""
        return parse_couriers(await self._request("GET", AIR_COURIER_LIST))

    # Paging ----------------------------------------------------------------------

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
