"""Open API endpoint handlers, one module per product."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from . import air, ocean, parcel

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

ROUTES: tuple[tuple[str, str, Handler], ...] = (
    *parcel.ROUTES,
    *ocean.ROUTES,
    *air.ROUTES,
)

__all__ = ["ROUTES", "Handler"]
