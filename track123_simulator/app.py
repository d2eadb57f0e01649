"""The aiohttp application: Open API routes plus the control routes."""

from __future__ import annotations

from aiohttp import web

from .control import add_control_routes
from .handlers import ROUTES
from .keys import API_PREFIX, STATE_KEY
from .middleware import open_api_middleware
from .state import SimulatorState


def create_app(state: SimulatorState) -> web.Application:
    """Build the simulator application over ``state``."""
    app = web.Application(middlewares=[open_api_middleware])
    app[STATE_KEY] = state
    for method, endpoint, handler in ROUTES:
        app.router.add_route(method, API_PREFIX + endpoint, handler)
    add_control_routes(app)
    return app
