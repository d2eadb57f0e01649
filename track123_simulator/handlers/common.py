"""Body validation and query helpers shared by the handlers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

from aiohttp import web

from track123_simulator.codes import NOT_REGISTERED
from track123_simulator.envelope import ApiError, api_response
from track123_simulator.keys import body_of, state_of
from track123_simulator.paging import MAX_PAGE_SIZE, page_of, single_page
from track123_simulator.timefmt import parse_api_time

type Respond = Callable[[web.Request], Awaitable[web.Response]]
type Describe = Callable[[Any], dict[str, Any]]
TOO_OFTEN = "Refresh is allowed at most once every 6 hours per tracking number"

MAX_BATCH = 100
NUMBER_LIST_KEYS = (
    "trackNos",
    "trackingNos",
    "trackNoInfos",
    "trackingNoInfos",
    "awbNos",
)


def require_list(body: Any, limit: int = MAX_BATCH) -> list[Any]:
    """Return the body as a non-empty array of at most ``limit`` entries."""
    if not isinstance(body, list):
        raise ApiError("A0400", "The request body must be a JSON array")
    if not body:
        raise ApiError("A0410", "The request body is empty")
    if len(body) > limit:
        raise ApiError("A0400", f"At most {limit} trackings per request")
    return body


def require_object(body: Any) -> dict[str, Any]:
    """Return the body as a JSON object."""
    if not isinstance(body, dict):
        raise ApiError("A0400", "The request body must be a JSON object")
    return body


def text_field(entry: Any, *names: str) -> str | None:
    """Return the first non-empty string among ``names`` of a JSON object entry."""
    if not isinstance(entry, Mapping):
        return None
    for name in names:
        value = entry.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def error_entry(
    number: str | None, code: str, msg: str, index: int | None = None
) -> dict[str, Any]:
    """One ``rejected`` entry."""
    entry: dict[str, Any] = {"trackNo": number, "error": {"code": code, "msg": msg}}
    if index is not None:
        entry = {"index": index, **entry}
    return entry


def not_registered(number: str, index: int | None = None) -> dict[str, Any]:
    """Build the rejection for a number that is not tracked."""
    return error_entry(number, "A0400", NOT_REGISTERED, index)


def numbers_in(body: Any) -> list[str] | None:
    """Tracking numbers a query/delete body names (None: none, use the time window)."""
    if isinstance(body, list):
        entries: list[Any] = body
    elif isinstance(body, dict):
        found = next((body[key] for key in NUMBER_LIST_KEYS if body.get(key)), None)
        if found is None:
            return None
        if not isinstance(found, list):
            raise ApiError("A0400", "The tracking numbers must be an array")
        entries = found
    else:
        raise ApiError("A0400", "The request body must be a JSON object")
    numbers = []
    for entry in entries:
        number = (
            entry.strip()
            if isinstance(entry, str)
            else text_field(entry, "trackNo", "trackingNo")
        )
        if not number:
            raise ApiError("A0410", "trackNo is null")
        numbers.append(number)
    if len(numbers) > MAX_BATCH:
        raise ApiError("A0400", f"At most {MAX_BATCH} tracking numbers per request")
    return numbers


def _window(body: Mapping[str, Any], name: str) -> datetime | None:
    value = body.get(name)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ApiError("A0400", f"{name} must be a string")
    try:
        return parse_api_time(value)
    except ValueError as err:
        raise ApiError("A0400", f"{name} must look like 2026-01-31 23:59:59") from err


def _page_size(body: Mapping[str, Any]) -> int:
    size = body.get("queryPageSize", MAX_PAGE_SIZE)
    if size in (None, ""):
        return MAX_PAGE_SIZE
    if isinstance(size, str) and size.isdigit():
        size = int(size)
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise ApiError("A0400", "queryPageSize must be a positive integer")
    return min(size, MAX_PAGE_SIZE)


def run_query[T](
    body: Any,
    registry: Mapping[str, T],
    created: Callable[[T], datetime],
    render: Callable[[list[T]], list[dict[str, Any]]],
    normalize: Callable[[str], str] = str.strip,
) -> dict[str, Any]:
    """Answer ``{"accepted": page, "rejected": [...]}`` for a query by numbers or by creation-time window."""
    numbers = numbers_in(body)
    if numbers is not None:
        found = [registry[normalize(n)] for n in numbers if normalize(n) in registry]
        rejected = [not_registered(n) for n in numbers if normalize(n) not in registry]
        return {"accepted": single_page(render(found)), "rejected": rejected}
    options = body if isinstance(body, dict) else {}
    start, end = _window(options, "createTimeStart"), _window(options, "createTimeEnd")
    size = _page_size(options)
    chosen = [
        item
        for item in sorted(registry.values(), key=created)
        if (start is None or created(item) >= start)
        and (end is None or created(item) <= end)
    ]
    cursor = options.get("cursor")
    try:
        items, meta = page_of(chosen, cursor if isinstance(cursor, str) else None, size)
    except ValueError as err:
        raise ApiError("A0400", "Invalid cursor") from err
    return {"accepted": {"content": render(items), **meta}, "rejected": []}


def sort_out(
    numbers: list[str],
    find: Callable[[str], Any],
    act: Callable[[str, Any], dict[str, Any]],
    *,
    indexed: bool = False,
) -> dict[str, list[dict[str, Any]]]:
    """Answer ``{"accepted", "rejected"}``: ``act`` on each number ``find`` knows.

    A number ``find`` does not know is rejected as not registered; an entry ``act``
    returns with an ``error`` is rejected, any other accepted.
    """
    accepted: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    for index, number in enumerate(numbers):
        shipment = find(number)
        entry = (
            not_registered(number, index if indexed else None)
            if shipment is None
            else act(number, shipment)
        )
        (rejected if "error" in entry else accepted).append(entry)
    return {"accepted": accepted, "rejected": rejected}


def deleter(
    kind: str,
    number_field: str,
    describe: Describe,
    normalize: Callable[[str], str] = str.strip,
) -> Respond:
    """Build the delete handler of one kind: each named shipment stops being tracked."""

    async def delete(request: web.Request) -> web.Response:
        state = state_of(request)
        numbers = numbers_in(body_of(request))
        if not numbers:
            raise ApiError("A0410", f"No {number_field} to delete")
        return api_response(
            sort_out(
                numbers,
                lambda number: state.remove(kind, normalize(number)),
                lambda number, shipment: {number_field: number, **describe(shipment)},
                indexed=True,
            )
        )

    delete.__doc__ = f"Stop tracking {kind} shipments."
    return delete


def refresher(
    kind: str,
    number_field: str,
    describe: Describe,
    normalize: Callable[[str], str] = str.strip,
) -> Respond:
    """Build the retrack handler of one kind: once per 6 h per number (simulated clock).

    One object names one number (a refused one answers with its error code); an array
    or a number list names several, each accepted or rejected on its own.
    """

    async def refresh(request: web.Request) -> web.Response:
        state = state_of(request)
        body = body_of(request)
        single = isinstance(body, dict) and number_field in body
        numbers = [text_field(body, number_field) or ""] if single else numbers_in(body)
        if not numbers or not all(numbers):
            raise ApiError("A0410", f"{number_field} is null")
        now = state.clock.now()
        registry = state.registry(kind)

        def retrack(number: str, shipment: Any) -> dict[str, Any]:
            last = shipment.last_refresh
            if last is not None and now - last < state.refresh_interval:
                return error_entry(number, "A0400", TOO_OFTEN)
            shipment.last_refresh = now
            return {number_field: number, **describe(shipment)}

        data = sort_out(
            numbers, lambda number: registry.get(normalize(number)), retrack
        )
        if single and data["rejected"]:
            error = data["rejected"][0]["error"]
            return api_response(data, code=error["code"], msg=error["msg"])
        return api_response(data)

    refresh.__doc__ = f"Ask for a refresh of {kind} shipments."
    return refresh


def carrier_changer(
    kind: str,
    code_field: str,
    catalogue: Mapping[str, Any],
    normalize: Callable[[str], str] = str.strip,
) -> Respond:
    """Build the change-carrier handler of a cargo kind; the tracking stays (one per number).

    Takes ``{"trackingNo", "carrierCode"}`` or ``{"carrierCode", "details": [{"trackingNo"}, ...]}``.
    """
    attribute = "carrier_code" if kind == "ocean" else "airline_code"

    async def change(request: web.Request) -> web.Response:
        state = state_of(request)
        body = require_object(body_of(request))
        code = text_field(
            body, "newCarrierCode", "carrierCode", "newAirlineCode", "airlineCode"
        )
        details = body.get("details")
        entries = details if isinstance(details, list) and details else [body]
        numbers = [
            text_field(entry, "trackingNo", "trackNo", "awbNo") for entry in entries
        ]
        if code is None or None in numbers:
            raise ApiError("A0410", "trackingNo and carrierCode are required")
        if code not in catalogue:
            raise ApiError("A0400", "Invalid carrier code")
        registry = state.registry(kind)

        def move(number: str, shipment: Any) -> dict[str, Any]:
            setattr(shipment, attribute, code)
            return {"trackingNo": number, code_field: code}

        return api_response(
            sort_out(
                list(filter(None, numbers)),
                lambda number: registry.get(normalize(number)),
                move,
            )
        )

    change.__doc__ = f"Move {kind} shipments to another carrier."
    return change
