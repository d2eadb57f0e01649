"""Sending requests to Track123: rate limits, retries, the answer's envelope and errors."""

import asyncio
from collections.abc import Awaitable, Callable
import logging
import math
from typing import Any

import aiohttp

from .codec import JsonCodec
from .const import BACKOFF_INITIAL, BACKOFF_MAX, SUCCESS_CODE
from .exceptions import (
    Track123ConnectionError,
    Track123RateLimitError,
    Track123ResponseError,
    Track123TimeoutError,
    error_for,
)
from .rate_limit import EndpointRateLimiter
from .readers import as_str

_LOGGER = logging.getLogger(__name__)

type Sleep = Callable[[float], Awaitable[None]]
# Sees the bytes of a successful answer first; what it returns, unless None, is
# returned instead of the decoded ``data``.
type Known = Callable[[bytes], Any]


def redact(value: Any, secret: str) -> Any:
    """Return a decoded JSON value with ``secret`` replaced in every text.

    Walks the value with a stack of its own: answers nest deeper than recursion goes.
    """

    def scrub(node: Any) -> Any:
        if isinstance(node, str):
            return node.replace(secret, "***")
        if isinstance(node, dict):
            copy: Any = {}
        elif isinstance(node, list):
            copy = [None] * len(node)
        else:
            return node
        pending.append((node, copy))
        return copy

    if not secret:
        return value
    pending: list[tuple[Any, Any]] = []
    result = scrub(value)
    while pending:
        source, target = pending.pop()
        if isinstance(source, dict):
            for key, item in source.items():
                target[scrub(key)] = scrub(item)
        else:
            for index, item in enumerate(source):
                target[index] = scrub(item)
    return result


def parse_retry_after(value: str | None) -> float | None:
    """Parse a ``Retry-After`` header given in seconds."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return max(seconds, 0.0) if math.isfinite(seconds) else None


class Transport:
    """One Track123 account's connection: every request of a client goes through it."""

    def __init__(
        self,
        api_key: str,
        session: aiohttp.ClientSession,
        *,
        base_url: str,
        request_timeout: float,
        max_retries: int,
        sleep: Sleep,
        rate_limiter: EndpointRateLimiter,
        codec: JsonCodec,
    ) -> None:
        """Keep what every request needs."""
        self._api_key = api_key
        self._session = session
        self.base_url = base_url if base_url.endswith("/") else f"{base_url}/"
        self._request_timeout = request_timeout
        self._max_retries = max(max_retries, 0)
        self._sleep = sleep
        self._rate_limiter = rate_limiter
        self._json = codec

    async def request(
        self,
        method: str,
        endpoint: str,
        body: Any = None,
        known: Known | None = None,
    ) -> Any:
        """Send a request, retrying rate-limited answers; return the ``data`` field."""
        attempt = 0
        while True:
            await self._rate_limiter.acquire(endpoint)
            try:
                return await self._send(method, endpoint, body, known)
            except Track123RateLimitError as err:
                if attempt >= self._max_retries:
                    raise
                delay = self._backoff(attempt, err.retry_after)
                if delay is None:
                    raise
                _LOGGER.debug(
                    "%s %s rate limited, retrying in %.1f s", method, endpoint, delay
                )
                await self._sleep(delay)
                attempt += 1

    @staticmethod
    def _backoff(attempt: int, retry_after: float | None) -> float | None:
        """Return the delay before a retry, or None when the server asks too much."""
        if retry_after is not None:
            return retry_after if retry_after <= BACKOFF_MAX else None
        return min(BACKOFF_INITIAL * 2.0**attempt, BACKOFF_MAX)

    async def _send(
        self, method: str, endpoint: str, body: Any, known: Known | None
    ) -> Any:
        """Send one request and return the ``data`` of a successful answer."""
        status, raw, retry_after = await self._exchange(method, endpoint, body)
        if known is not None and status < 400 and (result := known(raw)) is not None:
            return result
        return self._unwrap(status, raw, retry_after)

    async def _exchange(
        self, method: str, endpoint: str, body: Any
    ) -> tuple[int, bytes, float | None]:
        """Make one HTTP exchange; return the status, the body and any Retry-After."""
        headers = {
            "Track123-Api-Secret": self._api_key,
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        try:
            async with asyncio.timeout(self._request_timeout):
                async with self._session.request(
                    method, self.base_url + endpoint, json=body, headers=headers
                ) as response:
                    raw = await response.read()
                    status = response.status
                    retry_after = parse_retry_after(response.headers.get("Retry-After"))
        except TimeoutError as err:
            raise Track123TimeoutError(
                f"Timed out after {self._request_timeout} s on {endpoint}"
            ) from err
        except aiohttp.ClientError as err:
            raise Track123ConnectionError(
                self.redact(f"Cannot reach Track123 ({type(err).__name__}: {err})")
            ) from err
        _LOGGER.debug("%s %s -> %s", method, endpoint, status)
        return status, raw, retry_after

    def _unwrap(self, status: int, raw: bytes, retry_after: float | None) -> Any:
        """Check HTTP status and envelope; return ``data`` or raise."""
        try:
            envelope = self._json.loads(raw)
        except ValueError:
            envelope = None
        if not isinstance(envelope, dict):
            if status >= 400:
                raise error_for(status, None, None, retry_after)
            raise Track123ResponseError(
                "Response is not a JSON object", http_status=status
            )
        code = as_str(envelope.get("code"))
        message = envelope.get("msg")
        message = self.redact(message) if isinstance(message, str) else None
        if code == SUCCESS_CODE and status < 400:
            return envelope.get("data")
        if code is None and status < 400:
            raise Track123ResponseError(
                "Response has no service code", http_status=status
            )
        data = redact(envelope.get("data"), self._api_key)
        raise error_for(status, code, message, retry_after, data)

    def redact(self, text: str) -> str:
        """Remove the API key from a text."""
        return text.replace(self._api_key, "***") if self._api_key else text
