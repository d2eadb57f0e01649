"""The response envelope ``{"code", "msg", "data", "traceId"}`` and API errors."""

from __future__ import annotations

from typing import Any
import uuid

from aiohttp import web

from .codes import SUCCESS, message_for


class ApiError(Exception):
    """An error answered with the envelope (raised by handlers)."""

    def __init__(
        self,
        code: str,
        msg: str | None = None,
        *,
        http_status: int = 400,
        data: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Describe the error answer."""
        super().__init__(msg or message_for(code))
        self.code = code
        self.msg = msg or message_for(code)
        self.http_status = http_status
        self.data = data
        self.headers = headers or {}


def envelope(data: Any, code: str = SUCCESS, msg: str | None = None) -> dict[str, Any]:
    """Wrap ``data`` in the envelope."""
    return {
        "code": code,
        "msg": msg or message_for(code),
        "data": data,
        "traceId": uuid.uuid4().hex,
    }


def api_response(
    data: Any,
    *,
    code: str = SUCCESS,
    msg: str | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> web.Response:
    """Build a JSON response with the envelope."""
    return web.json_response(envelope(data, code, msg), status=status, headers=headers)


def error_response(error: ApiError) -> web.Response:
    """Build the response for an ``ApiError``."""
    return api_response(
        error.data,
        code=error.code,
        msg=error.msg,
        status=error.http_status,
        headers=error.headers,
    )
