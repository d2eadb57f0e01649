"""Parcel endpoints (``tk/v2.1/...``)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from track123_simulator.codes import ALREADY_IMPORTED, NOT_REGISTERED
from track123_simulator.couriers import PARCEL_COURIERS, detect_parcel_couriers
from track123_simulator.envelope import ApiError, api_response
from track123_simulator.keys import body_of, state_of
from track123_simulator.payloads import parcel_payload
from track123_simulator.shipments import ParcelShipment
from track123_simulator.state import SimulatorState
from track123_simulator.timefmt import fmt

from .common import (
    deleter,
    error_entry,
    not_registered,
    refresher,
    require_list,
    require_object,
    run_query,
    text_field,
)

QUERY = "tk/v2.1/track/query"
REALTIME = "tk/v2.1/track/query-realtime"
UPDATABLE = {
    "orderNo": "order_no",
    "remark": "remark",
    "postalCode": "postal_code",
    "shipTime": "ship_time",
}


def _render(
    state: SimulatorState, endpoint: str, parcels: list[ParcelShipment]
) -> list[dict[str, Any]]:
    """Render for ``endpoint``; a query may read a parcel as before its last push (stale)."""
    faults = state.faults.take_query_status(endpoint, [p.track_no for p in parcels])
    now = state.clock.now()
    style = state.time_style()
    return [
        parcel_payload(
            p,
            (endpoint == QUERY and state.take_stale(p.track_no)) or now,
            faults.get(p.track_no),
            style,
        )
        for p in parcels
    ]


async def import_parcels(request: web.Request) -> web.Response:
    """Register parcels; duplicates and invalid entries are rejected one by one."""
    state = state_of(request)
    accepted: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    for index, entry in enumerate(require_list(body_of(request))):
        number = text_field(entry, "trackNo")
        courier = text_field(entry, "courierCode")
        if number is None:
            rejected.append(error_entry(None, "A0410", "trackNo is null", index))
        elif courier is not None and courier not in PARCEL_COURIERS:
            rejected.append(error_entry(number, "A0400", "Invalid courier code", index))
        elif number in state.parcels:
            rejected.append(error_entry(number, "A0400", ALREADY_IMPORTED, index))
        else:
            shipment = state.add_parcel(
                number,
                courier,
                order_no=text_field(entry, "orderNo") or "",
                remark=text_field(entry, "remark") or "",
                postal_code=text_field(entry, "postalCode") or "",
                ship_time=text_field(entry, "shipTime"),
            )
            if isinstance(entry.get("extendFieldMap"), dict):
                shipment.extend_fields = dict(entry["extendFieldMap"])
            # Late detection (realism ``late_carrier``) answers an empty courier.
            courier_now = shipment.courier_at(shipment.added_at)
            accepted.append({**entry, "trackNo": number, "courierCode": courier_now})
    return api_response({"accepted": accepted, "rejected": rejected})


async def query_parcels(request: web.Request) -> web.Response:
    """Query by numbers, or page through trackings by creation time."""
    state = state_of(request)
    body = require_object(body_of(request))
    data = run_query(
        body,
        state.parcels,
        lambda p: p.added_at,
        lambda items: _render(state, QUERY, items),
    )
    return api_response(data)


async def query_realtime(request: web.Request) -> web.Response:
    """One tracking, 'fetched live from the carrier'."""
    state = state_of(request)
    number = text_field(require_object(body_of(request)), "trackNo")
    if number is None:
        raise ApiError("A0410", "trackNo is null")
    shipment = state.parcels.get(number)
    if shipment is None:
        return api_response({"accepted": None, "rejected": [not_registered(number)]})
    return api_response(
        {"accepted": _render(state, REALTIME, [shipment])[0], "rejected": []}
    )


async def update_parcels(request: web.Request) -> web.Response:
    """Change order number, remark, postal code or ship time."""
    state = state_of(request)
    body = body_of(request)
    entries = require_list(body) if isinstance(body, list) else [require_object(body)]
    accepted, rejected = [], []
    for index, entry in enumerate(entries):
        number = text_field(entry, "trackNo")
        shipment = state.parcels.get(number) if number else None
        if number is None:
            rejected.append(error_entry(None, "A0410", "trackNo is null", index))
        elif shipment is None:
            rejected.append(not_registered(number, index))
        else:
            for field, attribute in UPDATABLE.items():
                if isinstance(entry.get(field), str):
                    setattr(shipment, attribute, entry[field])
            if isinstance(entry.get("extendFieldMap"), dict):
                shipment.extend_fields = dict(entry["extendFieldMap"])
            accepted.append({"trackNo": number, "courierCode": shipment.courier_code})
    return api_response({"accepted": accepted, "rejected": rejected})


async def update_courier(request: web.Request) -> web.Response:
    """Move a parcel to another courier."""
    state = state_of(request)
    body = require_object(body_of(request))
    number = text_field(body, "trackNo")
    new_code = text_field(body, "newCourierCode")
    if number is None or new_code is None:
        raise ApiError("A0410", "trackNo and newCourierCode are required")
    if new_code not in PARCEL_COURIERS:
        raise ApiError("A0400", "Invalid courier code")
    shipment = state.parcels.get(number)
    if shipment is None:
        return api_response(
            {"accepted": [], "rejected": [error_entry(number, "A0400", NOT_REGISTERED)]}
        )
    shipment.assign_courier(new_code, state.clock.now())
    return api_response(
        {"accepted": [{"trackNo": number, "courierCode": new_code}], "rejected": []}
    )


async def courier_list(_: web.Request) -> web.Response:
    """All parcel couriers."""
    return api_response(
        [courier.as_list_item() for courier in PARCEL_COURIERS.values()]
    )


async def detect_courier(request: web.Request) -> web.Response:
    """Candidate couriers for a number, best first."""
    number = text_field(require_object(body_of(request)), "trackNo")
    if number is None:
        raise ApiError("A0410", "trackNo is null")
    return api_response(
        [courier.as_list_item() for courier in detect_parcel_couriers(number)]
    )


delete_parcels = deleter(
    "parcel", "trackNo", lambda parcel: {"courierCode": parcel.courier_code}
)
refresh_parcels = refresher(
    "parcel",
    "trackNo",
    lambda parcel: {
        "courierCode": parcel.courier_code,
        "refreshTime": fmt(parcel.last_refresh),
    },
)

ROUTES = (
    ("POST", "tk/v2.1/track/import", import_parcels),
    ("POST", QUERY, query_parcels),
    ("POST", REALTIME, query_realtime),
    ("POST", "tk/v2.1/track/delete", delete_parcels),
    ("POST", "tk/v2.1/track/refresh", refresh_parcels),
    ("POST", "tk/v2.1/track/refresh-batch", refresh_parcels),
    ("POST", "tk/v2.1/track/update", update_parcels),
    ("POST", "tk/v2.1/track/update-courier", update_courier),
    ("GET", "tk/v2.1/courier/list", courier_list),
    ("POST", "tk/v2.1/courier/detection", detect_courier),
)
