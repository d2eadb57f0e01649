"""Lenient parsing of Track123 response bodies into models.

Any field may be missing, null or of the wrong type; unknown fields are ignored. A
value that is not an object where an object is required raises Track123ResponseError.
This module reads the answers common to every kind of shipment and gathers the
shipment parsers.
"""

from collections.abc import Callable, Sequence

from .cargo_parsing import (
    parse_air_event,
    parse_air_flight,
    parse_air_shipment,
    parse_ocean_container,
    parse_ocean_event,
    parse_ocean_location,
    parse_ocean_shipment,
)
from .models import Courier, ImportResult, Page, QueryResult, Rejected
from .parcel_parsing import (
    PARCEL_FIELDS,
    merge_events,
    parse_expected_delivery,
    parse_parcel,
    parse_parcel_event,
)
from .readers import (
    as_dict,
    as_float,
    as_int,
    as_list,
    as_str,
    first_str,
    parse_each,
    require_dict,
)

__all__ = [
    "PARCEL_FIELDS",
    "as_dict",
    "as_float",
    "as_int",
    "as_list",
    "as_str",
    "first_str",
    "is_already_tracked",
    "merge_events",
    "parse_air_event",
    "parse_air_flight",
    "parse_air_shipment",
    "parse_courier",
    "parse_couriers",
    "parse_expected_delivery",
    "parse_import_result",
    "parse_ocean_container",
    "parse_ocean_event",
    "parse_ocean_location",
    "parse_ocean_shipment",
    "parse_page",
    "parse_parcel",
    "parse_parcel_event",
    "parse_query_result",
    "parse_rejected",
    "parse_rejected_list",
    "require_dict",
]

ALREADY_TRACKED_MARKERS = ("has been imported", "already")
NUMBER_KEYS = ("trackNo", "trackingNo", "awb", "awbNo", "number")


def parse_rejected(value: object, numbers: Sequence[str] = ()) -> Rejected | None:
    """Parse one rejected entry; ``numbers`` resolves an entry known only by index."""
    if isinstance(value, str):
        return Rejected(value, None, None)
    if not isinstance(value, dict):
        return None
    number = first_str(value, *NUMBER_KEYS)
    index = as_int(value.get("index"))
    if number is None and index is not None and 0 <= index < len(numbers):
        number = numbers[index]
    error = as_dict(value.get("error"))
    return Rejected(
        number,
        first_str(error, "code") or first_str(value, "code"),
        first_str(error, "msg", "message") or first_str(value, "msg", "message"),
    )


def parse_rejected_list(
    value: object, numbers: Sequence[str] = ()
) -> tuple[Rejected, ...]:
    """Parse a list of rejected entries, skipping unreadable ones."""
    return tuple(parse_each(value, lambda item: parse_rejected(item, numbers)))


def is_already_tracked(rejected: Rejected) -> bool:
    """Return True when a rejection only says the number is already tracked."""
    message = (rejected.message or "").casefold()
    return any(marker in message for marker in ALREADY_TRACKED_MARKERS)


def _accepted_number(item: object) -> str | None:
    """Return the number of an accepted entry (an object or the bare number)."""
    return first_str(item, *NUMBER_KEYS) if isinstance(item, dict) else as_str(item)


def parse_import_result(data: object, numbers: Sequence[str] = ()) -> ImportResult:
    """Parse an import/delete answer: ``{"accepted": [...], "rejected": [...]}``."""
    if data is None:
        return ImportResult()
    body = require_dict(data, "import result")
    rejected = parse_rejected_list(body.get("rejected"), numbers)
    return ImportResult(
        accepted=tuple(parse_each(body.get("accepted"), _accepted_number)),
        already_tracked=tuple(
            r.number for r in rejected if r.number is not None and is_already_tracked(r)
        ),
        rejected=tuple(
            r for r in rejected if r.number is None or not is_already_tracked(r)
        ),
    )


def parse_courier(value: object) -> Courier | None:
    """Parse a courier, ocean carrier or airline; None when it has no code."""
    if not isinstance(value, dict):
        return None
    code = first_str(value, "courierCode", "carrierCode", "airlineCode", "code")
    if code is None:
        return None
    return Courier(
        code=code,
        name=first_str(
            value,
            "courierNameEN",
            "carrierNameEN",
            "airlineNameEN",
            "courierName",
            "carrierName",
            "airlineName",
            "name",
        ),
        name_cn=first_str(value, "courierNameCN", "carrierNameCN", "airlineNameCN"),
        home_page=first_str(value, "courierHomePage", "carrierHomePage", "homePage"),
        tracking_link=first_str(value, "courierTrackingLink", "trackingLink"),
    )


def parse_couriers(data: object) -> tuple[Courier, ...]:
    """Parse a courier list (an array, or an object holding one)."""
    if isinstance(data, dict):
        data = next(
            (data[key] for key in ("content", "list", "couriers") if key in data), []
        )
    return tuple(parse_each(data, parse_courier))


def parse_page[T](data: object, parse_item: Callable[[object], T]) -> Page[T]:
    """Parse a paged answer: ``{"accepted": {"content": [...], "cursor": ...}}``."""
    if data is None:
        return Page()
    body = require_dict(data, "response data")
    accepted = body.get("accepted", body.get("content"))
    if accepted is None:
        return Page()
    if isinstance(accepted, list):
        return Page(items=tuple(parse_item(item) for item in accepted))
    page = require_dict(accepted, "accepted page")
    return Page(
        items=tuple(parse_item(item) for item in as_list(page.get("content"))),
        cursor=as_str(page.get("cursor")),
        current_page=as_int(page.get("currentPage")),
        total_pages=as_int(page.get("totalPages")),
        total_elements=as_int(page.get("totalElements")),
    )


def parse_query_result[T](
    data: object, parse_item: Callable[[object], T]
) -> QueryResult[T]:
    """Parse a query answer into items and rejected numbers."""
    page = parse_page(data, parse_item)
    rejected = parse_rejected_list(as_dict(data).get("rejected"))
    return QueryResult(items=page.items, rejected=rejected)
