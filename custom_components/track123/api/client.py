"""Asynchronous client of the Track123 Open API."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import partial
from typing import Any

from . import payloads
from .cargo_client import CargoMethods
from .const import DEFAULT_PAGE_SIZE, PARCEL_IMPORT_BATCH
from .core import chunked
from .endpoints import (
    COURIER_DETECTION_EP,
    COURIER_LIST_EP,
    PARCEL_DELETE_EP,
    PARCEL_IMPORT_EP,
    PARCEL_REALTIME_EP,
    PARCEL_RETRACK_BATCH_EP,
    PARCEL_RETRACK_EP,
    PARCEL_UPDATE_COURIER_EP,
    PARCEL_UPDATE_EP,
    Endpoint,
)
from .models import (
    Courier,
    ImportResult,
    Page,
    Parcel,
    ParcelImport,
    QueryResult,
    Rejected,
)
from .parsing import as_dict, parse_couriers, parse_import_result, parse_parcel
from .transport import parse_retry_after

__all__ = ["Track123Client", "chunked", "parse_retry_after"]


class Track123Client(CargoMethods):
    """Client of the Track123 Open API (parcels, ocean and air cargo).

    Keyword arguments: ``base_url``, ``request_timeout``, ``max_retries``, ``sleep``,
    ``rate_limiter``, ``json_loads``/``json_dumps`` and ``default_timezone`` (see
    ClientCore).
    """

    async def _parcel_batches(
        self,
        endpoint: Endpoint,
        track_nos: Iterable[str],
        courier_codes: Mapping[str, str] | None,
    ) -> ImportResult:
        """Send parcels named by number (and courier) to an import-like endpoint."""
        numbers = list(track_nos)
        codes = courier_codes or {}
        return await self._batches(
            endpoint,
            [payloads.parcel_key(number, codes.get(number)) for number in numbers],
            numbers,
            PARCEL_IMPORT_BATCH,
        )

    async def import_parcels(
        self, parcels: Iterable[ParcelImport | str]
    ) -> ImportResult:
        """Register parcels for tracking (batches of 100, the docs' limit)."""
        items = [p if isinstance(p, ParcelImport) else ParcelImport(p) for p in parcels]
        return await self._batches(
            PARCEL_IMPORT_EP,
            [payloads.parcel_import(item) for item in items],
            [item.track_no for item in items],
            PARCEL_IMPORT_BATCH,
        )

    async def query_parcels(
        self, track_nos: Iterable[str], *, poll: bool = True
    ) -> QueryResult[Parcel]:
        """Query parcels by tracking number (batches of 100).

        ``poll``: the query polls these numbers; a one-off query between polls
        passes False to keep what the polls parsed.
        """
        return await self._query_numbers(self._parcels, track_nos, poll=poll)

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
            PARCEL_REALTIME_EP,
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
        return await self._parcel_batches(PARCEL_DELETE_EP, track_nos, courier_codes)

    async def retrack_parcel(
        self, track_no: str, courier_code: str | None = None
    ) -> ImportResult:
        """Ask Track123 to fetch one parcel again (once per 6 h, repeats ignored [doc])."""
        data = await self._request(
            PARCEL_RETRACK_EP, payloads.parcel_key(track_no, courier_code)
        )
        return _retrack_result(data, [track_no])

    async def retrack_parcels(
        self,
        track_nos: Iterable[str],
        courier_codes: Mapping[str, str] | None = None,
    ) -> ImportResult:
        """Ask Track123 to fetch parcels again, in batches (once per 6 h each)."""
        return await self._parcel_batches(
            PARCEL_RETRACK_BATCH_EP, track_nos, courier_codes
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
        await self._send_checked(PARCEL_UPDATE_EP, body)

    async def update_parcel_courier(
        self, track_no: str, courier_code: str | None, new_courier_code: str
    ) -> None:
        """Change the courier a parcel is tracked with."""
        body = payloads.parcel_update_courier(track_no, courier_code, new_courier_code)
        await self._send_checked(PARCEL_UPDATE_COURIER_EP, body)

    async def list_couriers(self) -> tuple[Courier, ...]:
        """Return every parcel courier Track123 supports."""
        return parse_couriers(await self._request(COURIER_LIST_EP))

    async def detect_courier(self, track_no: str) -> tuple[Courier, ...]:
        """Return candidate couriers for a tracking number, best first."""
        return parse_couriers(
            await self._request(COURIER_DETECTION_EP, {"trackNo": track_no})
        )


def _retrack_result(data: Any, numbers: list[str]) -> ImportResult:
    """Read a retrack answer: accepted/rejected lists, or a plain yes or no.

    The docs say the answer tells whether the retrack was taken; its shape is not
    stored: lists are read as an import's, ``false`` is a refusal, anything else
    an acceptance.
    """
    body = as_dict(data)
    if "accepted" in body or "rejected" in body:
        return parse_import_result(body, numbers)
    if data is False:
        refused = (Rejected(number, None, "Retrack refused") for number in numbers)
        return ImportResult(rejected=tuple(refused))
    return ImportResult(accepted=tuple(numbers))
