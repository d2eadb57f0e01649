"""The body of a webhook call: read within a limit, decoded, walked, or refused.

Anyone who knows the URL can post anything, so nothing in a body may raise out
of the handler: whatever cannot be read, decoded (invalid UTF-8, malformed
JSON, ``NaN``, numbers too large for a float or an int, nesting deeper than
Python's stack) or walked (wrong types, lone surrogates that no state could be
written with, nesting deeper than a tracking has) is a ``WebhookRefused``.
"""

from datetime import tzinfo
from http import HTTPStatus
import json
import math
from typing import Any, Final, Protocol

from .api import Parcel
from .api.parsing import parse_parcel
from .const import LOGGER

MAX_BODY_BYTES: Final = 1024 * 1024
# A tracking is about six levels deep; anything deeper is not one.
MAX_DEPTH: Final = 32
_READ_CHUNK: Final = 64 * 1024


class WebhookRefused(Exception):
    """A webhook call refused: the HTTP status to answer and why (no personal data)."""

    def __init__(self, status: HTTPStatus, reason: str) -> None:
        """Describe the refusal."""
        super().__init__(reason)
        self.status = status
        self.reason = reason


def malformed(reason: str) -> WebhookRefused:
    """Return the refusal of a body that is not a tracking (HTTP 400)."""
    return WebhookRefused(HTTPStatus.BAD_REQUEST, reason)


class BodyStream(Protocol):
    """What is read of a request's body: ``request.content``."""

    async def read(self, n: int = -1) -> bytes:
        """Return up to ``n`` bytes; empty at the end."""


class BodyRequest(Protocol):
    """What a body is read from: an aiohttp request, or Home Assistant Cloud's."""

    @property
    def content(self) -> BodyStream:
        """Return the body's stream."""


async def read_body(request: BodyRequest) -> bytes:
    """Read the body, refusing more than MAX_BODY_BYTES.

    A declared length over the limit is refused before a byte is read; a body
    without one (chunked) is cut off once past it.
    """
    # Home Assistant Cloud hands cloudhook calls over without a declared length.
    length: int | None = getattr(request, "content_length", None)
    if length is not None and length > MAX_BODY_BYTES:
        raise WebhookRefused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "body too large")
    # Taken once: Home Assistant Cloud's request makes a new stream on each access.
    stream = request.content
    chunks: list[bytes] = []
    size = 0
    while chunk := await stream.read(_READ_CHUNK):
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise WebhookRefused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "body too large")
        chunks.append(chunk)
    return b"".join(chunks)


def _no_constant(name: str) -> Any:
    """Refuse ``NaN``, ``Infinity`` and ``-Infinity``: not JSON."""
    raise ValueError(name)


def _finite(text: str) -> float:
    """Return a JSON fraction as a float, refusing one too large for it."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def decode_body(body: bytes) -> dict[str, Any]:
    """Return the body as a JSON object whose every part can be walked and stored."""
    try:
        payload = json.loads(
            body.decode("utf-8-sig"),
            parse_constant=_no_constant,
            parse_float=_finite,
        )
    except (ValueError, RecursionError) as err:
        # ValueError covers invalid UTF-8 and integers of more than 4300 digits.
        raise malformed("malformed JSON") from err
    if not isinstance(payload, dict):
        raise malformed("body is not a JSON object")
    _walk(payload)
    return payload


def _walk(payload: dict[str, Any]) -> None:
    """Check depth and text of every part, without recursion."""
    stack: list[tuple[Any, int]] = [(payload, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            _check_text(value)
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise malformed("nested too deeply")
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key)
                stack.append((item, depth + 1))
        else:
            stack.extend((item, depth + 1) for item in value)


def _check_text(text: str) -> None:
    """Refuse text no state or file could be written with (lone surrogates)."""
    if not text.isascii():
        try:
            text.encode()
        except UnicodeEncodeError as err:
            raise malformed("text that is not Unicode") from err


def read_tracking(payload: dict[str, Any], zone: tzinfo) -> Parcel:
    """Return the tracking of a decoded body; ``zone`` reads zone-less times."""
    data = payload.get("data")
    if not isinstance(data, dict):
        raise malformed("no tracking in the body")
    try:
        parcel = parse_parcel(data, zone=zone)
    except Exception as err:
        # Whatever the parser cannot read, it is the caller's body, not a fault here.
        LOGGER.debug("Unreadable tracking in a webhook call: %s", type(err).__name__)
        raise malformed("unreadable tracking") from err
    if not parcel.track_no:
        raise malformed("tracking without a number")
    return parcel
