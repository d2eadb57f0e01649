"""Parcel tracking objects (one ``content`` item of a parcel query)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from track123_simulator.couriers import PARCEL_COURIERS, Courier
from track123_simulator.faults import Fault
from track123_simulator.quirks import UNKNOWN_TRACKING_STATUS
from track123_simulator.realism import roll
from track123_simulator.shipments import ParcelShipment
from track123_simulator.timefmt import fmt
from track123_simulator.timelines import ParcelStep
from track123_simulator.timestyle import PLAIN, TimeStyle

_FINISHED = {"DELIVERED", "EXPIRED"}
_NO_COURIER = Courier("", "", "", "")


def _courier(code: str) -> Courier:
    if not code:
        return _NO_COURIER
    return PARCEL_COURIERS.get(code) or Courier(code, code.upper(), code.upper(), "")


def _detail(
    moment: datetime,
    step: ParcelStep,
    style: TimeStyle,
    zone: str | None,
    key: tuple[object, ...],
) -> dict[str, Any]:
    place = step.place
    offset = zone or (place.utc_offset if place else "+00:00")
    return {
        "address": place.name if place else "",
        **style.parcel_event(moment, offset, key),
        "eventDetail": step.detail,
        "transitSubStatus": step.sub_status,
    }


def _waybill(
    courier: Courier,
    number: str,
    events: list[tuple[datetime, ParcelStep]],
    style: TimeStyle,
) -> dict[str, Any]:
    zone = style.carrier_zone(number)
    details = [
        _detail(t, s, style, zone, (number, index))
        for index, (t, s) in enumerate(events)
    ]
    waybill: dict[str, Any] = {
        "courierCode": courier.code,
        "courierNameEN": courier.name_en,
        "courierNameCN": courier.name_cn,
        "courierHomePage": courier.home_page,
        "courierTrackingLink": courier.link_for(number),
        "trackingDetails": details[::-1],
    }
    if not courier.code and roll(style.seed, "courier-absent", number) < 0.5:
        return {"trackingDetails": waybill["trackingDetails"]}
    return waybill


def _first(events: list[tuple[datetime, ParcelStep]], status: str) -> datetime | None:
    return next((t for t, s in events if s.status == status), None)


def _days(delta: timedelta) -> int:
    return max(delta.days, 0)


def _expected(
    shipment: ParcelShipment, has_events: bool, style: TimeStyle
) -> dict[str, Any]:
    if not has_events:
        return (
            {"expectedDeliveryTime": None}
            if shipment.expected_as_object
            else {"expectedDelivery": None}
        )
    span = timedelta(days=5 if shipment.plan.ship_from != shipment.plan.ship_to else 2)
    end = shipment.added_at + span
    offset = shipment.plan.dest_offset
    if shipment.expected_as_object:
        window = {
            "start": style.shipment_time(end - timedelta(days=1), offset),
            "end": style.shipment_time(end, offset),
            "timezone": offset if style.local else "+00:00",
        }
        return {"expectedDeliveryTime": window}
    return {"expectedDelivery": style.expected(end, offset, shipment.track_no)}


def _tracking_status(
    shipment: ParcelShipment, status: str, has_events: bool, fault: Fault | None
) -> str:
    if fault is not None:
        return fault.query_status
    if status in {"NO_RECORD", "EXPIRED"} and not has_events:
        return "002"
    if "unknown_tracking_status" in shipment.quirks:
        return UNKNOWN_TRACKING_STATUS
    return "001"


def _signed_by(
    shipment: ParcelShipment, events: list[tuple[datetime, ParcelStep]]
) -> str:
    """Return who signed for a delivered parcel: as the carrier wrote it, else its signer."""
    for _, step in events:
        if step.sub_status == "DELIVERED_03" and step.detail and "by " in step.detail:
            return step.detail.rsplit("by ", 1)[-1]
    delivered = any(step.status == "DELIVERED" for _, step in events)
    return shipment.signer if delivered else ""


def parcel_payload(
    shipment: ParcelShipment,
    now: datetime,
    fault: Fault | None = None,
    style: TimeStyle = PLAIN,
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
    dest = shipment.plan.dest_offset
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
        "trackingStatus": _tracking_status(shipment, status, bool(events), fault),
        "transitStatus": status,
        "transitSubStatus": sub_status,
        "shipTime": shipment.ship_time or fmt(received),
        "orderTime": fmt(shipment.added_at),
        "receiptTime": fmt(received),
        "deliveredTime": style.shipment_time(delivered, dest),
        "lastTrackingTime": style.shipment_time(last, dest),
        "transitDays": _days((delivered or as_of) - received) if received else 0,
        "stayDays": _days(as_of - last) if last and not delivered else 0,
        "deliveredDays": _days(as_of - delivered) if delivered else 0,
        "remark": shipment.remark,
        **_expected(shipment, bool(events), style),
        "shipmentType": "CROSS_BORDER"
        if shipment.plan.ship_from != shipment.plan.ship_to
        else "DOMESTIC",
        "localLogisticsInfo": _waybill(
            _courier(shipment.courier_at(as_of)), shipment.track_no, local, style
        ),
        "lastMileInfo": None,
        "extraInfo": {
            "pieces": 1,
            "signedBy": _signed_by(shipment, events),
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
                style,
            ),
        }
    return item
