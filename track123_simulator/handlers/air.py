"""Air cargo endpoints (``tk/v1/aviation/...``; ``tk/v2.1/`` aliases in ``handlers``)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from track123_simulator.codes import ALREADY_IMPORTED
from track123_simulator.couriers import AIRLINES, AWB_PATTERN, airline_for_awb
from track123_simulator.envelope import api_response
from track123_simulator.keys import body_of, state_of
from track123_simulator.payloads import air_payload
from track123_simulator.state import normalize_awb
from track123_simulator.timefmt import fmt

from . import common


async def import_air(request: web.Request) -> web.Response:
    """Register air waybills (up to 100 per request)."""
    state = state_of(request)
    accepted: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    for index, entry in enumerate(common.require_list(body_of(request))):
        number = common.text_field(entry, "trackingNo", "trackNo", "awbNo")
        airline_code = common.text_field(entry, "airlineCode", "courierCode")
        if number is None:
            rejected.append(
                common.error_entry(None, "A0410", "trackingNo is null", index)
            )
            continue
        if not AWB_PATTERN.match(number):
            rejected.append(
                common.error_entry(number, "A0400", "Invalid air waybill number", index)
            )
            continue
        airline = (
            AIRLINES.get(airline_code) if airline_code else airline_for_awb(number)
        )
        normalized = normalize_awb(number)
        if airline is None:
            rejected.append(
                common.error_entry(number, "A0400", "Unknown airline", index)
            )
        elif normalized in state.air:
            rejected.append(
                common.error_entry(number, "A0400", ALREADY_IMPORTED, index)
            )
        else:
            state.add_air(normalized, airline.code)
            accepted.append(
                {**entry, "trackingNo": normalized, "airlineCode": airline.code}
            )
    return api_response({"accepted": accepted, "rejected": rejected})


async def query_air(request: web.Request) -> web.Response:
    """Query by numbers, or page by creation time."""
    state = state_of(request)
    body = body_of(request)
    now = state.clock.now()
    style = state.time_style()
    data = common.run_query(
        {} if body is None else body,
        state.air,
        lambda s: s.added_at,
        lambda items: [air_payload(s, now, style) for s in items],
        normalize_awb,
    )
    return api_response(data)


async def airline_list(_: web.Request) -> web.Response:
    """All airlines."""
    return api_response([airline.as_list_item() for airline in AIRLINES.values()])


delete_air = common.deleter(
    "air", "trackingNo", lambda s: {"airlineCode": s.airline_code}, normalize_awb
)
update_airline = common.carrier_changer("air", "airlineCode", AIRLINES, normalize_awb)
refresh_air = common.refresher(
    "air",
    "trackingNo",
    lambda s: {"refreshTime": fmt(s.last_refresh)},
    normalize_awb,
)

ROUTES = (
    ("POST", "tk/v1/aviation/track/import", import_air),
    ("POST", "tk/v1/aviation/track/query", query_air),
    ("POST", "tk/v1/aviation/track/delete", delete_air),
    ("POST", "tk/v1/aviation/track/update-carrier", update_airline),
    ("POST", "tk/v1/aviation/track/refresh", refresh_air),
    ("GET", "tk/v1/aviation/courier/list", airline_list),
    ("GET", "tk/v1/aviation/carrier/list", airline_list),
)
