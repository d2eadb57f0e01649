"""Parsing of parcel trackings (query answers, real-time answers, webhooks)."""

from collections.abc import Sequence
from datetime import datetime

from .codes import ParcelStatus, ParcelSubStatus, QueryStatus
from .models import EventSource, ExpectedDelivery, Parcel, ParcelEvent
from .ordering import newest_first
from .readers import (
    JsonObject,
    as_dict,
    as_int,
    first_str,
    parse_each,
    require_dict,
    shared_str,
)
from .times import parse_offset, parse_time


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
    return parse_each(
        logistics.get("trackingDetails"),
        lambda item: parse_parcel_event(item, source),
    )


def merge_events(*legs: Sequence[ParcelEvent]) -> tuple[ParcelEvent, ...]:
    """Merge events of several legs, newest first, dropping duplicates."""
    seen: set[tuple[datetime | None, str]] = set()
    merged: list[ParcelEvent] = []
    for event in newest_first([e for leg in legs for e in leg], lambda e: e.time):
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
# ...) change on their own and do not make a parcel change.
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
