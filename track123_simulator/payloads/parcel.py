"""Parcel tracking objects (one ``content`` item of a parcel query)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from track123_simulator.couriers import PARCEL_COURIERS, Courier
from track123_simulator.faults import Fault
from track123_simulator.shipments import ParcelShipment
from track123_simulator.timefmt import fmt, fmt_local, iso_z
from track123_simulator.timelines import ParcelStep

_FINISHED = {"DELIVERED", "EXPIRED"}


def _courier(code: str) -> Courier:
    return PARCEL_COURIERS.get(code) or Courier(code, code.upper(), code.upper(), "")


def _detail(moment: datetime, step: ParcelStep) -> dict[str, Any]:
    place = step.place
    offset = place.utc_offset if place else "+00:00"
    return {
        "address": place.name if place else "",
        "eventTime": fmt_local(moment, offset),
        "eventTimeZeroUTC": iso_z(moment),
        "timezone": offset,
        "eventDetail": step.detail,
        "transitSubStatus": step.sub_status,
    }


def _waybill(
    courier: Courier, number: str, events: list[tuple[datetime, ParcelStep]]
) -> dict[str, Any]:
    return {
        "courierCode": courier.code,
        "courierNameEN": courier.name_en,
        "courierNameCN": courier.name_cn,
        "courierHomePage": courier.home_page,
        "courierTrackingLink": courier.link_for(number),
        "trackingDetails": [_detail(t, s) for t, s in reversed(events)],
    }


def _first(events: list[tuple[datetime, ParcelStep]], status: str) -> datetime | None:
    return next((t for t, s in events if s.status == status), None)


def _days(delta: timedelta) -> int:
    return max(delta.days, 0)


def _expected(shipment: ParcelShipment, has_events: bool) -> dict[str, Any]:
    if not has_events:
        return (
            {"expectedDeliveryTime": None}
            if shipment.expected_as_object
            else {"expectedDelivery": None}
        )
    span = timedelta(days=5 if shipment.plan.ship_from != shipment.plan.ship_to else 2)
    end = shipment.added_at + span
    if shipment.expected_as_object:
        window = {
            "start": fmt(end - timedelta(days=1)),
            "end": fmt(end),
            "timezone": "+00:00",
        }
        return {"expectedDeliveryTime": window}
    return {"expectedDelivery": fmt(end)}


def parcel_payload(
    shipment: ParcelShipment, now: datetime, fault: Fault | None = None
) -> dict[str, Any]:
    """Build the tracking object as of ``now`` (frozen at the fault's time for a query-status fault)."""
    as_of = min(now, fault.injected_at) if fault and fault.injected_at else now
    seen = shipment.visible(as_of)
    status, sub_status = shipment.status(as_of)
    events = [(t, s) for t, s in seen if s.detail is not None]
    local = [(t, s) for t, s in events if not s.last_mile]
    last_mile = [(t, s) for t, s in events if s.last_mile]
    received = _first(events, "IN_TRANSIT")
    delivered = _first(events, "DELIVERED")
    last = events[-1][0] if events else None
    if fault is not None:
        tracking_status = fault.query_status
    else:
        tracking_status = (
            "002" if status in {"NO_RECORD", "EXPIRED"} and not events else "001"
        )
    signed = next(
        (
            s.detail.rsplit("by ", 1)[-1]
            for _, s in events
            if s.sub_status == "DELIVERED_03" and s.detail
        ),
        "",
    )
    item: dict[str, Any] = {
        "id": shipment.id,
        "trackNo": shipment.track_no,
        "orderNo": shipment.order_no,
        "createTime": fmt(shipment.added_at),
        "nextUpdateTime": None
        if status in _FINISHED
        else fmt(as_of + timedelta(hours=4)),
        "shipFrom": shipment.plan.ship_from,
        "shipTo": shipment.plan.ship_to,
        "trackingStatus": tracking_status,
        "transitStatus": status,
        "transitSubStatus": sub_status,
        "shipTime": shipment.ship_time or fmt(received),
        "orderTime": fmt(shipment.added_at),
        "receiptTime": fmt(received),
        "deliveredTime": fmt(delivered),
        "lastTrackingTime": fmt(last),
        "transitDays": _days((delivered or as_of) - received) if received else 0,
        "stayDays": _days(as_of - last) if last and not delivered else 0,
        "deliveredDays": _days(as_of - delivered) if delivered else 0,
        "remark": shipment.remark,
        **_expected(shipment, bool(events)),
        "shipmentType": "CROSS_BORDER"
        if shipment.plan.ship_from != shipment.plan.ship_to
        else "DOMESTIC",
        "localLogisticsInfo": _waybill(
            _courier(shipment.courier_code), shipment.track_no, local
        ),
        "lastMileInfo": None,
        "extraInfo": {
            "pieces": 1,
            "signedBy": signed,
            "postalCode": shipment.postal_code,
        },
    }
    if shipment.plan.last_mile_courier:
        item["lastMileInfo"] = {
            "lmTrackNo": shipment.last_mile_no,
            "openApiWayBillInfo": _waybill(
                _courier(shipment.plan.last_mile_courier),
                shipment.last_mile_no,
                last_mile,
            ),
        }
    return item
