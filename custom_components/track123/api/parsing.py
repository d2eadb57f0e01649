"""Lenient parsing of Track123 response bodies into models.

Any field may be missing, null or of the wrong type; unknown fields are ignored. A
value that is not an object where an object is required raises Track123ResponseError.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
import math
import sys
from typing import Any

from .codes import (
    AirEventStatus,
    AirStatus,
    OceanEventStatus,
    OceanLocationType,
    OceanNumberType,
    OceanSearchStatus,
    OceanTransitStatus,
    ParcelStatus,
    ParcelSubStatus,
    QueryStatus,
)
from .exceptions import Track123ResponseError
from .models import (
    AirEvent,
    AirFlight,
    AirShipment,
    Courier,
    EventSource,
    ExpectedDelivery,
    ImportResult,
    OceanContainer,
    OceanEvent,
    OceanLocation,
    OceanShipment,
    Page,
    Parcel,
    ParcelEvent,
    QueryResult,
    Rejected,
)
from .times import parse_offset, parse_time

type JsonObject = dict[str, Any]

ALREADY_TRACKED_MARKERS = ("has been imported", "already")
NUMBER_KEYS = ("trackNo", "trackingNo", "awb", "awbNo", "number")


# Primitive readers ---------------------------------------------------------------


def as_str(value: object) -> str | None:
    """Return a non-empty string (numbers are converted), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str) and (text := value.strip()):
        return text
    return None


def as_int(value: object) -> int | None:
    """Return an integer from an int, integral float or numeric string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    number = as_float(value)
    if number is not None and number.is_integer():
        return int(number)
    return None


def as_float(value: object) -> float | None:
    """Return a finite float from a number or numeric string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond the range of a float
            return None
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def as_dict(value: object) -> JsonObject:
    """Return the value if it is an object, else an empty one (optional parts)."""
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    """Return the value if it is an array, else an empty one."""
    return value if isinstance(value, list) else []


def require_dict(value: object, what: str) -> JsonObject:
    """Return the value if it is an object, else raise Track123ResponseError."""
    if not isinstance(value, dict):
        raise Track123ResponseError(
            f"Expected an object for {what}, got {type(value).__name__}"
        )
    return value


def first_str(data: JsonObject, *keys: str) -> str | None:
    """Return the first non-empty string among ``keys``."""
    for key in keys:
        if (text := as_str(data.get(key))) is not None:
            return text
    return None


def shared_str(data: JsonObject, *keys: str) -> str | None:
    """Return ``first_str``, interned: for texts that repeat across shipments.

    Carriers' event texts, places, names and codes recur in thousands of shipments,
    which then share one copy of each; numbers and links, unique, are not interned.
    """
    text = first_str(data, *keys)
    return None if text is None else sys.intern(text)


def _newest_first[T](
    items: Sequence[T], time_of: Callable[[T], datetime | None]
) -> list[T]:
    """Sort newest first; items without a time keep their order, after the rest."""

    def key(item: T) -> tuple[int, float]:
        time = time_of(item)
        return (1, 0.0) if time is None else (0, -time.timestamp())

    return sorted(items, key=key)


# Common answers ------------------------------------------------------------------


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
    return tuple(
        rejected
        for item in as_list(value)
        if (rejected := parse_rejected(item, numbers)) is not None
    )


def is_already_tracked(rejected: Rejected) -> bool:
    """Return True when a rejection only says the number is already tracked."""
    message = (rejected.message or "").casefold()
    return any(marker in message for marker in ALREADY_TRACKED_MARKERS)


def parse_import_result(data: object, numbers: Sequence[str] = ()) -> ImportResult:
    """Parse an import/delete answer: ``{"accepted": [...], "rejected": [...]}``."""
    if data is None:
        return ImportResult()
    body = require_dict(data, "import result")
    accepted: list[str] = []
    for item in as_list(body.get("accepted")):
        number = (
            first_str(item, *NUMBER_KEYS) if isinstance(item, dict) else as_str(item)
        )
        if number is not None:
            accepted.append(number)
    rejected = parse_rejected_list(body.get("rejected"), numbers)
    return ImportResult(
        accepted=tuple(accepted),
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
    return tuple(
        courier
        for item in as_list(data)
        if (courier := parse_courier(item)) is not None
    )


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


# Parcels -------------------------------------------------------------------------


def parse_parcel_event(value: object, source: EventSource) -> ParcelEvent | None:
    """Parse one checkpoint; None when it is not an object."""
    if not isinstance(value, dict):
        return None
    time = parse_time(value.get("eventTimeZeroUTC"))
    if time is None:
        time = parse_time(value.get("eventTime"), parse_offset(value.get("timezone")))
    return ParcelEvent(
        time=time,
        description=shared_str(value, "eventDetail", "description", "detail"),
        location=shared_str(value, "address", "location"),
        sub_status=ParcelSubStatus.parse(value.get("transitSubStatus")),
        source=source,
    )


def _parse_events(logistics: JsonObject, source: EventSource) -> list[ParcelEvent]:
    """Parse the checkpoints of one carrier leg."""
    return [
        event
        for item in as_list(logistics.get("trackingDetails"))
        if (event := parse_parcel_event(item, source)) is not None
    ]


def merge_events(*legs: Sequence[ParcelEvent]) -> tuple[ParcelEvent, ...]:
    """Merge events of several legs, newest first, dropping duplicates."""
    seen: set[tuple[datetime | None, str]] = set()
    merged: list[ParcelEvent] = []
    for event in _newest_first([e for leg in legs for e in leg], lambda e: e.time):
        key = (event.time, (event.description or "").casefold())
        if key in seen:
            continue
        seen.add(key)
        merged.append(event)
    return tuple(merged)


def parse_expected_delivery(item: JsonObject) -> ExpectedDelivery | None:
    """Parse ``expectedDelivery`` (a string) or ``expectedDeliveryTime`` (an object)."""
    for key in ("expectedDeliveryTime", "expectedDelivery"):
        value = item.get(key)
        if isinstance(value, dict):
            tz = parse_offset(value.get("timezone"))
            start = parse_time(value.get("start"), tz)
            end = parse_time(value.get("end"), tz)
        elif isinstance(value, str) and "~" in value:
            first, _, second = value.partition("~")
            start, end = parse_time(first), parse_time(second)
        else:
            start = end = parse_time(value)
        if start is not None or end is not None:
            return ExpectedDelivery(start=start, end=end)
    return None


# Every key of a tracking object that parse_parcel reads; the others (nextUpdateTime,
# stayDays, ...) change on their own and do not make a parcel change.
PARCEL_FIELDS = (
    "trackNo",
    "trackingNo",
    "localLogisticsInfo",
    "lastMileInfo",
    "courierCode",
    "orderNo",
    "remark",
    "trackingStatus",
    "transitStatus",
    "transitSubStatus",
    "shipFrom",
    "shipTo",
    "createTime",
    "shipTime",
    "deliveredTime",
    "lastTrackingTime",
    "transitDays",
    "expectedDeliveryTime",
    "expectedDelivery",
)


def parse_parcel(value: object) -> Parcel:
    """Parse one tracking object."""
    item = require_dict(value, "tracking")
    local = as_dict(item.get("localLogisticsInfo"))
    last_mile = as_dict(item.get("lastMileInfo"))
    last_mile_leg = as_dict(last_mile.get("openApiWayBillInfo"))
    events = merge_events(
        _parse_events(local, EventSource.LOCAL),
        _parse_events(last_mile_leg, EventSource.LAST_MILE),
    )
    return Parcel(
        track_no=first_str(item, "trackNo", "trackingNo") or "",
        courier_code=shared_str(local, "courierCode")
        or shared_str(item, "courierCode"),
        courier_name=shared_str(local, "courierNameEN", "courierNameCN"),
        tracking_link=first_str(local, "courierTrackingLink"),
        order_no=first_str(item, "orderNo"),
        remark=first_str(item, "remark"),
        query_status=QueryStatus.parse(item.get("trackingStatus")),
        status=ParcelStatus.parse(item.get("transitStatus")),
        sub_status=ParcelSubStatus.parse(item.get("transitSubStatus")),
        ship_from=shared_str(item, "shipFrom"),
        ship_to=shared_str(item, "shipTo"),
        created_time=parse_time(item.get("createTime")),
        ship_time=parse_time(item.get("shipTime")),
        delivered_time=parse_time(item.get("deliveredTime")),
        last_tracking_time=parse_time(item.get("lastTrackingTime")),
        transit_days=as_int(item.get("transitDays")),
        expected_delivery=parse_expected_delivery(item),
        last_mile_track_no=first_str(last_mile, "lmTrackNo"),
        last_mile_courier_code=shared_str(last_mile_leg, "courierCode"),
        events=events,
    )


# Ocean ---------------------------------------------------------------------------


def parse_ocean_location(value: object) -> OceanLocation | None:
    """Parse a port or place (an object, or just a name)."""
    if isinstance(value, str):
        return OceanLocation(name=as_str(value))
    if not isinstance(value, dict) or not value:
        return None
    return OceanLocation(
        name=shared_str(value, "name", "locationName", "portName"),
        unlocode=shared_str(value, "unlocode", "unLocode", "code"),
        country=shared_str(value, "country", "countryCode"),
    )


def parse_ocean_event(value: object) -> OceanEvent | None:
    """Parse one container event; None when it is not an object."""
    if not isinstance(value, dict):
        return None
    return OceanEvent(
        status=OceanEventStatus.parse(value.get("eventStatus")),
        time=parse_time(value.get("eventTime"), parse_offset(value.get("timezone"))),
        location_type=OceanLocationType.parse(value.get("locationType")),
        location=parse_ocean_location(value.get("location")),
        vessel=shared_str(value, "vessel", "vesselName"),
        voyage=first_str(value, "voyage", "voyageNo"),
        description=shared_str(value, "description", "eventDetail"),
    )


def parse_ocean_container(value: object) -> OceanContainer | None:
    """Parse one container; None when it is not an object."""
    if not isinstance(value, dict):
        return None
    events = [
        event
        for item in as_list(value.get("events"))
        if (event := parse_ocean_event(item)) is not None
    ]
    return OceanContainer(
        container_no=first_str(value, "containerNo", "containerNumber"),
        status=OceanTransitStatus.parse(value.get("transitStatus")),
        events=tuple(_newest_first(events, lambda e: e.time)),
    )


def parse_ocean_shipment(value: object) -> OceanShipment:
    """Parse one ocean shipment."""
    item = require_dict(value, "ocean shipment")
    return OceanShipment(
        tracking_no=first_str(item, "trackingNo", "trackNo") or "",
        number_type=OceanNumberType.parse(item.get("type", item.get("numberType"))),
        carrier_code=shared_str(item, "carrierCode"),
        search_status=OceanSearchStatus.parse(item.get("searchStatus")),
        port_of_loading=parse_ocean_location(item.get("pol")),
        port_of_discharge=parse_ocean_location(item.get("pod")),
        eta=parse_time(item.get("eta")),
        containers=tuple(
            container
            for entry in as_list(item.get("containers"))
            if (container := parse_ocean_container(entry)) is not None
        ),
    )


# Air -----------------------------------------------------------------------------


def parse_air_flight(value: object) -> AirFlight | None:
    """Parse one flight leg; None when it is not an object."""
    if not isinstance(value, dict):
        return None
    return AirFlight(
        flight_no=first_str(value, "flightNo"),
        origin=shared_str(value, "from", "origin"),
        destination=shared_str(value, "to", "destination"),
        departure_time=parse_time(value.get("departureTime")),
        arrival_time=parse_time(value.get("arrivalTime")),
    )


def parse_air_event(value: object) -> AirEvent | None:
    """Parse one air waybill event; None when it is not an object."""
    if not isinstance(value, dict):
        return None
    return AirEvent(
        status=AirEventStatus.parse(value.get("status")),
        time=parse_time(value.get("eventTime"), parse_offset(value.get("timezone"))),
        location=shared_str(value, "location"),
        flight_no=first_str(value, "flightNo"),
        pieces=as_int(value.get("pieces")),
        description=shared_str(value, "description"),
    )


def parse_air_shipment(value: object) -> AirShipment:
    """Parse one air waybill."""
    item = require_dict(value, "air shipment")
    events = [
        event
        for entry in as_list(item.get("events"))
        if (event := parse_air_event(entry)) is not None
    ]
    return AirShipment(
        awb=first_str(item, "trackingNo", "awb", "trackNo") or "",
        airline_code=shared_str(item, "airlineCode", "courierCode"),
        status=AirStatus.parse(item.get("aviationStatus")),
        origin=shared_str(item, "origin"),
        destination=shared_str(item, "destination"),
        pieces=as_int(item.get("pieces")),
        weight=as_float(item.get("weight")),
        flights=tuple(
            flight
            for entry in as_list(item.get("flights"))
            if (flight := parse_air_flight(entry)) is not None
        ),
        events=tuple(_newest_first(events, lambda e: e.time)),
    )
