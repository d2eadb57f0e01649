"""Typed keys for the aiohttp application and request storage."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .state import SimulatorState

STATE_KEY = web.AppKey("track123_state", SimulatorState)
BODY_KEY = web.RequestKey("track123_body", object)

API_PREFIX = "/gateway/open-api/"
CONTROL_PREFIX = "/_simulator/"


def state_of(request: web.Request) -> SimulatorState:
    """Return the simulator state behind this application."""
    return request.app[STATE_KEY]


def body_of(request: web.Request) -> Any:
    """Return the parsed JSON body stored by the middleware (None when empty)."""
    return request.get(BODY_KEY)
