"""Parsing of parcel trackings (query answers, real-time answers, webhooks)."""

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo

from .codes import ParcelStatus, ParcelSubStatus, QueryStatus
from .models import EventSource, ExpectedDelivery, Parcel, ParcelEvent
from .ordering import newest_first
from .readers import (
    JsonObject,
    as_dict,
    as_int,
    as_list,
    as_str,
    first_str,
    kept,
    require_dict,
    shared_code,
    shared_str,
)
from .times import Stamp, ZoneGuide, event_stamp, parse_time, same_moment

type _Checkpoint = tuple[ParcelEvent, Stamp]


def _checkpoint(value: object, source: EventSource, zone: tzinfo) -> _Checkpoint | None:
    """Parse one checkpoint with the stamp its time was decided from."""
    if not isinstance(value, dict):
        return None
    stamp = event_stamp(
        value.get("eventTimeZeroUTC"),
        value.get("eventTime"),
        value.get("timezone"),
        zone,
    )
    sub_status = value.get("transitSubStatus")
    event = ParcelEvent(
        time=stamp.time,
        description=shared_str(value, "eventDetail", "description", "detail"),
        location=shared_str(value, "address", "location"),
        sub_status=ParcelSubStatus.parse(sub_status),
        source=source,
        sub_status_code=_code(sub_status),
    )
    return event, stamp


def parse_parcel_event(
    value: object, source: EventSource, zone: tzinfo = UTC
) -> ParcelEvent | None:
    """Parse one checkpoint; None when it is not an object.

    A local time without any zone is in ``zone``.
    """
    checkpoint = _checkpoint(value, source, zone)
    return None if checkpoint is None else checkpoint[0]


def _merged[T](
    legs: Sequence[Sequence[T]], event_of: Callable[[T], ParcelEvent]
) -> list[T]:
    """Merge legs newest first (undated events keep their place), without duplicates."""
    seen: set[tuple[datetime | None, str]] = set()
    merged: list[T] = []
    for item in newest_first(*legs, time_of=lambda entry: event_of(entry).time):
        event = event_of(item)
        key = (event.time, (event.description or "").casefold())
        if key not in seen:
            seen.add(key)
            merged.append(item)
    return merged


def merge_events(*legs: Sequence[ParcelEvent]) -> tuple[ParcelEvent, ...]:
    """Merge events of several legs, newest first, dropping duplicates."""
    return tuple(_merged(legs, lambda event: event))


def parse_expected_delivery(
    item: JsonObject, guide: ZoneGuide | None = None
) -> ExpectedDelivery | None:
    """Parse ``expectedDeliveryTime`` (an object) or ``expectedDelivery``.

    Either may be one time, one date, or a ``start ~ end`` range; ``guide`` gives the
    zone of zone-less values.
    """
    guide = guide or ZoneGuide([], UTC)
    for key in ("expectedDeliveryTime", "expectedDelivery"):
        value = item.get(key)
        if isinstance(value, dict):
            window = guide.window(
                value.get("start"), value.get("end"), value.get("timezone")
            )
        elif isinstance(value, str) and "~" in value:
            first, _, second = value.partition("~")
            window = guide.window(first, second)
        else:
            window = guide.window(value, value)
        if window is not None:
            return window
    return None


def _code(value: object) -> str | None:
    """Return a raw code as text, known to the library or not (one copy of each)."""
    return shared_code(value)


def _status(raw_status: object, raw_sub_status: object) -> ParcelStatus:
    """Return the parcel's status; an unknown one is its sub-status's family."""
    status = ParcelStatus.parse(raw_status)
    if status is ParcelStatus.UNKNOWN:
        return ParcelSubStatus.family(raw_sub_status)
    return status


# Every key of a tracking object that parse_parcel reads; the others (nextUpdateTime,
# ...) change on their own and do not make a parcel change.
PARCEL_FIELDS = (
    "id",
    "trackNo",
    "trackingNo",
    "localLogisticsInfo",
    "lastMileInfo",
    "extraInfo",
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
    "stayDays",
    "deliveredDays",
    "expectedDeliveryTime",
    "expectedDelivery",
)


def parse_parcel(
    value: object, zone: tzinfo = UTC, *, newest_only: bool = False
) -> Parcel:
    """Parse one tracking object.

    Zone-less times take the zone their events show (see ZoneGuide); ``zone`` is
    the last resort. ``createTime`` and ``shipTime`` are Track123's own stamps and
    the client's, read in UTC as the client writes them. With ``newest_only`` the
    parcel keeps its newest event (``history_complete`` says whether that is all).
    """
    item = require_dict(value, "tracking")
    local = as_dict(item.get("localLogisticsInfo"))
    last_mile = as_dict(item.get("lastMileInfo"))
    last_mile_leg = as_dict(last_mile.get("openApiWayBillInfo"))
    extra = as_dict(item.get("extraInfo"))
    legs = [
        [
            checkpoint
            for entry in as_list(leg.get("trackingDetails"))
            if (checkpoint := _checkpoint(entry, source, zone)) is not None
        ]
        for leg, source in (
            (local, EventSource.LOCAL),
            (last_mile_leg, EventSource.LAST_MILE),
        )
    ]
    checkpoints = _merged(legs, lambda checkpoint: checkpoint[0])
    guide = ZoneGuide([stamp for _, stamp in checkpoints], zone)
    raw_sub = item.get("transitSubStatus")
    newest = checkpoints[0][0].time if checkpoints else None
    return Parcel(
        track_no=first_str(item, "trackNo", "trackingNo") or "",
        courier_code=shared_str(local, "courierCode")
        or shared_str(item, "courierCode"),
        courier_name=shared_str(local, "courierNameEN", "courierNameCN"),
        tracking_link=first_str(local, "courierTrackingLink"),
        order_no=first_str(item, "orderNo"),
        remark=first_str(item, "remark"),
        query_status=QueryStatus.parse(item.get("trackingStatus")),
        status=_status(item.get("transitStatus"), raw_sub),
        sub_status=ParcelSubStatus.parse(raw_sub),
        ship_from=shared_str(item, "shipFrom"),
        ship_to=shared_str(item, "shipTo"),
        created_time=parse_time(item.get("createTime")),
        ship_time=parse_time(item.get("shipTime")),
        delivered_time=same_moment(guide.time(item.get("deliveredTime")), newest),
        last_tracking_time=same_moment(
            guide.time(item.get("lastTrackingTime")), newest
        ),
        transit_days=as_int(item.get("transitDays")),
        expected_delivery=parse_expected_delivery(item, guide),
        last_mile_track_no=first_str(last_mile, "lmTrackNo"),
        last_mile_courier_code=shared_str(last_mile_leg, "courierCode"),
        events=tuple(event for event, _ in kept(checkpoints, newest_only)),
        status_code=_code(item.get("transitStatus")),
        sub_status_code=_code(raw_sub),
        query_status_code=_code(item.get("trackingStatus")),
        id=as_str(item.get("id")),
        signed_by=first_str(extra, "signedBy"),
        stay_days=as_int(item.get("stayDays")),
        delivered_days=as_int(item.get("deliveredDays")),
        pieces=as_int(extra.get("pieces")),
        history_complete=not newest_only or len(checkpoints) <= 1,
    )
