"""Exceptions raised by the Track123 client, and the mapping from API answers to them."""


class Track123Error(Exception):
    """Base class of every error raised by the Track123 client."""

    def __init__(self, message: str, code: str | None = None) -> None:
        """Store the service code (if any) and a human-readable message."""
        super().__init__(f"{code}: {message}" if code else message)
        self.code = code
        self.message = message


class Track123AuthenticationError(Track123Error):
    """The API key is invalid, expired, forbidden, or lacks access."""


class Track123RateLimitError(Track123Error):
    """Too many requests; retry after ``retry_after`` seconds when known."""

    def __init__(
        self, message: str, code: str | None = None, retry_after: float | None = None
    ) -> None:
        """Store the server's retry hint along with code and message."""
        super().__init__(message, code)
        self.retry_after = retry_after


class Track123InvalidRequestError(Track123Error):
    """The request was rejected as invalid (bad or missing parameters)."""


class Track123ServerError(Track123Error):
    """Track123 failed to process the request; retry later."""


class Track123QuotaExhaustedError(Track123Error):
    """The account's quota or resources are exhausted; the user must act."""


class Track123ApiChangedError(Track123Error):
    """The endpoint does not exist any more: the API has changed."""


class Track123ConnectionError(Track123Error):
    """Track123 could not be reached."""


class Track123TimeoutError(Track123ConnectionError):
    """Track123 did not answer in time."""


class Track123ResponseError(Track123Error):
    """The answer could not be understood (not JSON, truncated, unexpected shape)."""


RATE_LIMIT_CODES = frozenset({"A0706", "B0210"})
INVALID_REQUEST_CODES = frozenset({"A0001"})
QUOTA_CODES = frozenset({"B0310"})
API_CHANGED_CODES = frozenset({"C0113"})


def error_for(
    http_status: int,
    code: str | None,
    msg: str | None = None,
    retry_after: float | None = None,
) -> Track123Error:
    """Return the exception matching an HTTP status and a body service code.

    A known service code decides; otherwise the HTTP status does; anything else is
    a server error.
    """
    message = msg or f"HTTP {http_status}"
    if code and (error := _error_for_code(code, message, retry_after)):
        return error
    if http_status in (401, 403):
        return Track123AuthenticationError(message, code)
    if http_status == 429:
        return Track123RateLimitError(message, code, retry_after)
    if http_status == 404:
        return Track123ApiChangedError(message, code)
    if 400 <= http_status < 500 and not code:
        return Track123InvalidRequestError(message, code)
    return Track123ServerError(message, code)


def _error_for_code(
    code: str, message: str, retry_after: float | None
) -> Track123Error | None:
    """Return the exception matching a known error code, else None."""
    if code in RATE_LIMIT_CODES:
        return Track123RateLimitError(message, code, retry_after)
    if code.startswith(("A02", "A03")):
        return Track123AuthenticationError(message, code)
    if code in INVALID_REQUEST_CODES or code.startswith("A04"):
        return Track123InvalidRequestError(message, code)
    if code in QUOTA_CODES:
        return Track123QuotaExhaustedError(message, code)
    if code in API_CHANGED_CODES:
        return Track123ApiChangedError(message, code)
    if code.startswith("B"):
        return Track123ServerError(message, code)
    return None
