"""Control routes under ``/_simulator/``: clock, faults, shipments, realism, ground truth, state."""

from __future__ import annotations

from datetime import timedelta
import json
from typing import Any

import aiohttp
from aiohttp import web

from .faults import Fault
from .keys import CONTROL_PREFIX, state_of
from .timefmt import parse_api_time


def _bad(message: str) -> web.Response:
    return web.json_response({"error": message}, status=400)


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json() if await request.text() else {}
    except json.JSONDecodeError as err:
        raise web.HTTPBadRequest(
            text=json.dumps({"error": "invalid JSON"}), content_type="application/json"
        ) from err
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(
            text=json.dumps({"error": "expected a JSON object"}),
            content_type="application/json",
        )
    return body


async def advance_clock(request: web.Request) -> web.Response:
    """POST {"seconds": N}: move the simulated clock forward."""
    body = await _json(request)
    seconds = body.get("seconds")
    if not isinstance(seconds, int | float) or isinstance(seconds, bool) or seconds < 0:
        return _bad("seconds must be a non-negative number")
    now = state_of(request).clock.advance(timedelta(seconds=seconds))
    return web.json_response({"now": now.isoformat()})


async def set_clock(request: web.Request) -> web.Response:
    """POST {"now": "2026-11-01 00:00:00"}: jump the simulated clock."""
    body = await _json(request)
    try:
        moment = parse_api_time(str(body.get("now", "")))
    except ValueError:
        return _bad("now must look like 2026-11-01 00:00:00")
    return web.json_response({"now": state_of(request).clock.set(moment).isoformat()})


async def add_fault(request: web.Request) -> web.Response:
    """POST {fault fields}: inject a fault."""
    body = await _json(request)
    try:
        fault = state_of(request).faults.inject(Fault.from_dict(body))
    except (TypeError, ValueError) as err:
        return _bad(str(err))
    return web.json_response(fault.as_dict(), status=201)


async def clear_faults(request: web.Request) -> web.Response:
    """DELETE: remove every fault."""
    state_of(request).faults.clear()
    return web.json_response({"faults": []})


async def add_shipment(request: web.Request) -> web.Response:
    """POST {kind: parcel|ocean|air, number, scenario?, quirks?, courier_code? | carrier_code?, number_type? | airline_code?}.

    ``quirks`` (a list, see ``quirks.QUIRKS``) replaces what the realism switches would choose.
    """
    body = await _json(request)
    state = state_of(request)
    kind, number, scenario = body.get("kind"), body.get("number"), body.get("scenario")
    quirks = body.get("quirks")
    if not isinstance(number, str) or not number:
        return _bad("number is required")
    if quirks is not None and (
        not isinstance(quirks, list) or not all(isinstance(q, str) for q in quirks)
    ):
        return _bad("quirks must be a list of names")
    try:
        if kind == "parcel":
            state.add_parcel(number, body.get("courier_code"), scenario, quirks=quirks)
        elif kind == "ocean":
            state.add_ocean(
                number,
                int(body.get("number_type", 3)),
                body.get("carrier_code"),
                scenario,
                quirks=quirks,
            )
        elif kind == "air":
            state.add_air(number, body.get("airline_code"), scenario, quirks=quirks)
        else:
            return _bad("kind must be parcel, ocean or air")
    except (TypeError, ValueError) as err:
        return _bad(str(err))
    return web.json_response({"kind": kind, "number": number}, status=201)


async def realism_settings(request: web.Request) -> web.Response:
    """GET: the realism switches and the server error rate."""
    return web.json_response(state_of(request).realism.as_dict())


async def set_realism(request: web.Request) -> web.Response:
    """POST {"realism"?: "all,-v21_only", <switch>?: bool, "server_error_rate"?: 0..1}."""
    body = await _json(request)
    realism = state_of(request).realism
    try:
        realism.update(body)
    except ValueError as err:
        return _bad(str(err))
    return web.json_response(realism.as_dict())


async def transitions(request: web.Request) -> web.Response:
    """GET ?kind=&number=: the ground truth, every status transition up to now.

    ``{"now", "transitions": [{"kind", "number", "from", "to", "at"}], "courierChanges": [...]}``
    """
    truth = state_of(request).transitions()
    kind, number = request.query.get("kind"), request.query.get("number")
    for name in ("transitions", "courierChanges"):
        truth[name] = [
            change
            for change in truth[name]
            if kind in (None, change["kind"]) and number in (None, change["number"])
        ]
    return web.json_response(truth)


async def summary(request: web.Request) -> web.Response:
    """GET: clock, shipments with their current status, faults, request counts."""
    return web.json_response(state_of(request).summary())


async def webhook_settings(request: web.Request) -> web.Response:
    """GET: the webhook URL, signature form, queue and attempts (never the key)."""
    return web.json_response(state_of(request).webhooks.as_dict())


async def configure_webhook(request: web.Request) -> web.Response:
    """POST {"url", "key"?, "form"?: "hmac"|"sha256"}: push parcel updates to ``url``."""
    body = await _json(request)
    url, key, form = body.get("url"), body.get("key"), body.get("form", "hmac")
    if not isinstance(url, str) or (key is not None and not isinstance(key, str)):
        return _bad("url (and key) must be strings")
    webhooks = state_of(request).webhooks
    try:
        webhooks.configure(url, key, form)
    except ValueError as err:
        return _bad(str(err))
    return web.json_response(webhooks.as_dict())


async def disable_webhook(request: web.Request) -> web.Response:
    """DELETE: stop pushing."""
    webhooks = state_of(request).webhooks
    webhooks.disable()
    return web.json_response(webhooks.as_dict())


async def deliver_webhooks(request: web.Request) -> web.Response:
    """POST: make every webhook attempt due now; return them."""
    async with aiohttp.ClientSession() as session:
        attempts = await state_of(request).webhooks.deliver_due(session)
    return web.json_response({"attempts": [a.as_dict() for a in attempts]})


def add_control_routes(app: web.Application) -> None:
    """Register the control routes."""
    app.router.add_post(CONTROL_PREFIX + "clock/advance", advance_clock)
    app.router.add_post(CONTROL_PREFIX + "clock/set", set_clock)
    app.router.add_post(CONTROL_PREFIX + "faults", add_fault)
    app.router.add_delete(CONTROL_PREFIX + "faults", clear_faults)
    app.router.add_post(CONTROL_PREFIX + "shipments", add_shipment)
    app.router.add_get(CONTROL_PREFIX + "state", summary)
    app.router.add_get(CONTROL_PREFIX + "realism", realism_settings)
    app.router.add_post(CONTROL_PREFIX + "realism", set_realism)
    app.router.add_get(CONTROL_PREFIX + "transitions", transitions)
    app.router.add_get(CONTROL_PREFIX + "webhook", webhook_settings)
    app.router.add_post(CONTROL_PREFIX + "webhook", configure_webhook)
    app.router.add_delete(CONTROL_PREFIX + "webhook", disable_webhook)
    app.router.add_post(CONTROL_PREFIX + "webhook/deliver", deliver_webhooks)
