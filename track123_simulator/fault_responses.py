"""How each request-level fault kind answers."""

from __future__ import annotations

from aiohttp import web

from .envelope import api_response
from .faults import Fault

_HTML = """<html>
<head><title>{status} {reason}</title></head>
<body>
<center><h1>{status} {reason}</h1></center>
<hr><center>nginx</center>
</body>
</html>
"""
_REASONS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Temporarily Unavailable",
    504: "Gateway Time-out",
}


def http_error(fault: Fault) -> web.Response:
    """Answer with an HTML error page, as a gateway in front of the API would send."""
    status = fault.http_status or 500
    text = _HTML.format(status=status, reason=_REASONS.get(status, "Error"))
    return web.Response(status=status, text=text, content_type="text/html")


def malformed_json() -> web.Response:
    """HTTP 200 whose body claims to be JSON but is not."""
    text = "{'code': '00000', msg: Success, \"data\": [undefined,]"
    return web.Response(status=200, text=text, content_type="application/json")


def service_code(fault: Fault) -> web.Response:
    """Answer with an envelope with the chosen code (``Retry-After`` when asked)."""
    headers = (
        {"Retry-After": str(fault.retry_after)}
        if fault.retry_after is not None
        else None
    )
    return api_response(
        None,
        code=fault.code or "B0001",
        msg=fault.message,
        status=fault.http_status or 200,
        headers=headers,
    )


def truncated(response: web.StreamResponse) -> web.Response:
    """Cut a real JSON answer in half."""
    body = (
        response.body
        if isinstance(response, web.Response) and isinstance(response.body, bytes)
        else b"{}"
    )
    cut = body[: max(len(body) // 2, 1)]
    return web.Response(
        status=response.status, body=cut, content_type="application/json"
    )
