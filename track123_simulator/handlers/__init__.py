"""Open API endpoint handlers, one module per product.

Ocean and air endpoints are served under ``tk/v2.1/`` as well as ``tk/v1/``; which of
the two answers is the realism switches' choice (``paths_v21``, ``v21_only``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator

from aiohttp import web

from . import air, ocean, parcel

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
V1 = "tk/v1/"
V21 = "tk/v2.1/"


def with_v21_aliases(
    routes: Iterable[tuple[str, str, Handler]],
) -> Iterator[tuple[str, str, Handler]]:
    """Each route, and each ``tk/v1/`` route again under ``tk/v2.1/``."""
    for method, endpoint, handler in routes:
        yield method, endpoint, handler
        if endpoint.startswith(V1):
            yield method, V21 + endpoint.removeprefix(V1), handler


ROUTES: tuple[tuple[str, str, Handler], ...] = (
    *parcel.ROUTES,
    *with_v21_aliases(ocean.ROUTES),
    *with_v21_aliases(air.ROUTES),
)

__all__ = ["ROUTES", "Handler"]
