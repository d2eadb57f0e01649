"""Ocean endpoints (``tk/v1/ocean/...``; ``tk/v2.1/`` aliases in ``handlers``)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from track123_simulator.codes import ALREADY_IMPORTED
from track123_simulator.couriers import OCEAN_CARRIERS, detect_ocean_carrier
from track123_simulator.envelope import api_response
from track123_simulator.keys import body_of, state_of
from track123_simulator.payloads import ocean_payload
from track123_simulator.state import SimulatorState

from .common import (
    carrier_changer,
    deleter,
    error_entry,
    refresher,
    require_list,
    run_query,
    text_field,
)


def _entry_type(entry: dict[str, Any]) -> int | None:
    value = entry.get("type", 3)
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    return value if value in (1, 2, 3) and not isinstance(value, bool) else None


def _import_one(
    state: SimulatorState, index: int, entry: Any
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    number = text_field(entry, "trackingNo", "trackNo")
    if number is None:
        return None, error_entry(None, "A0410", "trackingNo is null", index)
    carrier = text_field(entry, "carrierCode")
    if carrier is not None and carrier not in OCEAN_CARRIERS:
        return None, error_entry(number, "A0400", "Invalid carrier code", index)
    if carrier is None:
        detected = detect_ocean_carrier(number)
        if detected is None:
            return None, error_entry(number, "A0410", "carrierCode is null", index)
        carrier = detected.code
    number_type = _entry_type(entry)
    if number_type is None:
        return None, error_entry(number, "A0400", "type must be 1, 2 or 3", index)
    if number in state.ocean:
        return None, error_entry(number, "A0400", ALREADY_IMPORTED, index)
    state.add_ocean(
        number, number_type, carrier, order_no=text_field(entry, "orderNo") or ""
    )
    return {
        **entry,
        "trackingNo": number,
        "carrierCode": carrier,
        "type": number_type,
    }, None


async def import_ocean(request: web.Request) -> web.Response:
    """Register ocean shipments."""
    state = state_of(request)
    accepted, rejected = [], []
    for index, entry in enumerate(require_list(body_of(request))):
        ok, error = _import_one(state, index, entry)
        if ok is not None:
            accepted.append(ok)
        if error is not None:
            rejected.append(error)
    return api_response({"accepted": accepted, "rejected": rejected})


async def query_ocean(request: web.Request) -> web.Response:
    """Query by numbers, or page by creation time."""
    state = state_of(request)
    body = body_of(request)
    if body is None:
        body = {}
    now = state.clock.now()
    style = state.time_style()
    data = run_query(
        body,
        state.ocean,
        lambda s: s.added_at,
        lambda items: [ocean_payload(s, now, style) for s in items],
    )
    return api_response(data)


async def carrier_list(_: web.Request) -> web.Response:
    """All ocean carriers."""
    return api_response([carrier.as_list_item() for carrier in OCEAN_CARRIERS.values()])


delete_ocean = deleter("ocean", "trackingNo", lambda s: {"type": s.number_type})
update_carrier = carrier_changer("ocean", "carrierCode", OCEAN_CARRIERS)
refresh_ocean = refresher("ocean", "trackingNo", lambda s: {"type": s.number_type})

ROUTES = (
    ("POST", "tk/v1/ocean/track/import", import_ocean),
    ("POST", "tk/v1/ocean/track/query", query_ocean),
    ("POST", "tk/v1/ocean/track/delete", delete_ocean),
    ("POST", "tk/v1/ocean/track/update-carrier", update_carrier),
    ("POST", "tk/v1/ocean/track/refresh", refresh_ocean),
    ("GET", "tk/v1/ocean/carrier/list", carrier_list),
    ("GET", "tk/v1/ocean/courier/list", carrier_list),
)
