"""Request bodies sent to the Track123 Open API."""

from datetime import datetime
from typing import Any

from .models import AirImport, OceanImport, ParcelImport
from .times import format_time

type JsonObject = dict[str, Any]


def _compact(body: JsonObject) -> JsonObject:
    """Drop keys whose value is None."""
    return {key: value for key, value in body.items() if value is not None}


def _time(value: datetime | None) -> str | None:
    """Format an optional time."""
    return format_time(value) if value is not None else None


def parcel_import(item: ParcelImport) -> JsonObject:
    """Return the import body entry for one parcel."""
    body = _compact(
        {
            "trackNo": item.track_no,
            "courierCode": item.courier_code,
            "orderNo": item.order_no,
            "postalCode": item.postal_code,
            "remark": item.remark,
            "shipTime": _time(item.ship_time),
        }
    )
    if item.phone_suffix is not None:
        body["extendFieldMap"] = {"phoneSuffix": item.phone_suffix}
    return body


def parcel_query(track_nos: list[str]) -> JsonObject:
    """Return the body of a query by tracking numbers."""
    return {"trackNos": track_nos, "queryPageSize": len(track_nos)}


def window_query(
    created_from: datetime,
    created_to: datetime,
    cursor: str | None,
    page_size: int,
) -> JsonObject:
    """Return the body of a paged query by creation-time window."""
    return {
        "createTimeStart": format_time(created_from),
        "createTimeEnd": format_time(created_to),
        "cursor": cursor or "",
        "queryPageSize": page_size,
    }


def parcel_key(track_no: str, courier_code: str | None) -> JsonObject:
    """Return the body entry naming one parcel."""
    return _compact({"trackNo": track_no, "courierCode": courier_code})


def parcel_realtime(
    track_no: str, courier_code: str, postal_code: str | None
) -> JsonObject:
    """Return the body of a real-time query."""
    return _compact(
        {"trackNo": track_no, "courierCode": courier_code, "postalCode": postal_code}
    )


def parcel_update(
    track_no: str,
    courier_code: str | None,
    *,
    order_no: str | None,
    remark: str | None,
    postal_code: str | None,
    phone_suffix: str | None,
    ship_time: datetime | None,
) -> JsonObject:
    """Return the body of an update of a parcel's own fields."""
    body = _compact(
        {
            "trackNo": track_no,
            "courierCode": courier_code,
            "orderNo": order_no,
            "remark": remark,
            "postalCode": postal_code,
            "shipTime": _time(ship_time),
        }
    )
    if phone_suffix is not None:
        body["extendFieldMap"] = {"phoneSuffix": phone_suffix}
    return body


def parcel_update_courier(
    track_no: str, courier_code: str | None, new_courier_code: str
) -> JsonObject:
    """Return the body of a change of courier."""
    return _compact(
        {
            "trackNo": track_no,
            "courierCode": courier_code,
            "newCourierCode": new_courier_code,
        }
    )


def ocean_import(item: OceanImport) -> JsonObject:
    """Return the import body entry for one ocean shipment."""
    return _compact(
        {
            "trackingNo": item.tracking_no,
            "type": int(item.number_type),
            "carrierCode": item.carrier_code,
            "orderNo": item.order_no,
        }
    )


def ocean_key(item: OceanImport) -> JsonObject:
    """Return the body entry naming one ocean shipment (query, delete, refresh)."""
    return _compact(
        {
            "trackingNo": item.tracking_no,
            "type": int(item.number_type),
            "orderNo": item.order_no,
        }
    )


def air_import(item: AirImport) -> JsonObject:
    """Return the import body entry for one air waybill."""
    return _compact(
        {
            "trackingNo": item.awb,
            "airlineCode": item.airline_code,
            "orderNo": item.order_no,
            "remark": item.remark,
        }
    )


def ocean_query(shipments: list[OceanImport]) -> list[JsonObject]:
    """Return the body of a query of ocean shipments by number."""
    return [ocean_key(item) for item in shipments]


def air_query(awbs: list[str]) -> JsonObject:
    """Return the body of a query of air waybills by number."""
    return {"trackingNos": awbs}


def air_key(item: AirImport) -> JsonObject:
    """Return the body entry naming one air waybill (delete, retrack)."""
    return {"trackingNo": item.awb}
