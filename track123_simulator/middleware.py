"""Request pipeline for the Open API: record, faults, realism's server errors, auth, rate limit, paths, then the handler."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from . import fault_responses
from .envelope import ApiError, api_response, error_response
from .faults import Fault
from .handlers import Handler
from .keys import API_PREFIX, BODY_KEY, state_of
from .state import RecordedRequest, SimulatorState

AUTH_HEADER = "Track123-Api-Secret"
_INVALID = object()


async def _read_body(request: web.Request) -> Any:
    text = await request.text()
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        return _INVALID


def _rate_limited(state: SimulatorState, key: str, endpoint: str) -> bool:
    limit = state.rate_limit_for(endpoint)
    return limit is not None and not state.rate_limiter.allow(key, endpoint, limit)


def _check(
    state: SimulatorState, request: web.Request, endpoint: str, key_ok: bool, body: Any
) -> None:
    """Raise the ApiError for a bad key, a rate-limited request or an unreadable body."""
    if not key_ok:
        raise ApiError(state.auth_error_code, http_status=state.auth_http_status)
    if _rate_limited(state, request.headers.get(AUTH_HEADER, ""), endpoint):
        raise ApiError(
            "A0706", "Too Many Requests", http_status=429, headers={"Retry-After": "1"}
        )
    if body is _INVALID:
        raise ApiError("A0400", "The request body is not valid JSON")
    if state.realism.path_refused(endpoint):
        raise ApiError("C0113", http_status=404)


async def _guarded(
    request: web.Request, handler: Handler, endpoint: str, key_ok: bool, body: Any
) -> web.StreamResponse:
    """Run the checks and the handler, answering errors with envelopes."""
    state = state_of(request)
    try:
        _check(state, request, endpoint, key_ok, body)
        request[BODY_KEY] = body
        return await handler(request)
    except ApiError as err:
        return error_response(err)
    except web.HTTPNotFound:
        return api_response(None, code="C0113", status=404)
    except web.HTTPMethodNotAllowed:
        return api_response(None, code="A0400", msg="Method not allowed", status=405)


def _terminal(faults: list[Fault]) -> Fault | None:
    return next((fault for fault in faults if fault.kind != "latency"), None)


@web.middleware
async def open_api_middleware(
    request: web.Request, handler: Handler
) -> web.StreamResponse:
    """Apply the simulated service behaviour to every request below the API prefix."""
    if not request.path.startswith(API_PREFIX):
        return await handler(request)
    state = state_of(request)
    endpoint = request.path.removeprefix(API_PREFIX).strip("/")
    body = await _read_body(request)
    key_ok = request.headers.get(AUTH_HEADER) in state.api_keys
    state.requests.append(
        RecordedRequest(
            endpoint, request.method, None if body is _INVALID else body, key_ok
        )
    )
    faults = state.faults.take(endpoint)
    for slow in faults:
        if slow.kind == "latency":
            await asyncio.sleep(slow.delay)
    fault = _terminal(faults)
    if fault is not None and fault.kind == "http_error":
        return fault_responses.http_error(fault)
    if fault is not None and fault.kind == "malformed_json":
        return fault_responses.malformed_json()
    if fault is not None and fault.kind == "service_code":
        return fault_responses.service_code(fault)
    if state.realism.server_errors and (
        error := state.transient_errors.strike(state.realism.server_error_rate)
    ):
        code, status = error
        return api_response(None, code=code, status=status)
    response = await _guarded(request, handler, endpoint, key_ok, body)
    if fault is not None and fault.kind == "truncated_json":
        return fault_responses.truncated(response)
    return response
