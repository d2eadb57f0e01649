"""Exceptions raised by the Track123 client, and the mapping from API answers to them.

Every error carries the HTTP status, the service code, the message and the answer's
``data`` (API key removed) as attributes. ``transient`` says whether trying again
later may succeed; ``ambiguous_auth`` marks a server error whose code's name speaks
of login (A0200): the caller counts these and asks for a new key only when they
persist.
"""

from typing import Any, ClassVar

from .codes import Behaviour, ServiceCode

# Longest text of an answer's data quoted in a message.
_DATA_IN_MESSAGE = 200
# Not in the seed: the account's own resources by the convention the seed's codes
# follow (A06xx user resources: A0601 balance, A0605 quota) [inferred].
QUOTA_CODES = frozenset({"A0601", "A0605"})


class Track123Error(Exception):
    """Base class of every error raised by the Track123 client."""

    transient: ClassVar[bool] = False

    def __init__(
        self,
        message: str,
        code: str | None = None,
        *,
        http_status: int | None = None,
        data: Any = None,
        ambiguous_auth: bool = False,
    ) -> None:
        """Store what the answer said; ``str()`` names the code and the message."""
        super().__init__(f"{code}: {message}" if code else message)
        self.code = code
        self.message = message
        self.http_status = http_status
        self.data = data
        self.ambiguous_auth = ambiguous_auth


class Track123AuthenticationError(Track123Error):
    """The API key or the account is wrong: the user must give a new key."""


class Track123RateLimitError(Track123Error):
    """Too many requests; retry after ``retry_after`` seconds when known."""

    transient = True

    def __init__(
        self,
        message: str,
        code: str | None = None,
        retry_after: float | None = None,
        **details: Any,
    ) -> None:
        """Store the server's retry hint along with what the answer said."""
        super().__init__(message, code, **details)
        self.retry_after = retry_after


class Track123InvalidRequestError(Track123Error):
    """The request was rejected as invalid (bad or missing parameters); not retried."""


class Track123ServerError(Track123Error):
    """Track123 failed to process the request; retry later."""

    transient = True


class Track123ServiceError(Track123Error):
    """An error the code does not explain (D0000 or an unknown code); see the message."""


class Track123QuotaExhaustedError(Track123Error):
    """The account's quota or balance is exhausted; the user must act."""


class Track123ApiChangedError(Track123Error):
    """The endpoint does not exist (any more): the API has changed."""


class Track123ConnectionError(Track123Error):
    """Track123 could not be reached."""

    transient = True


class Track123TimeoutError(Track123ConnectionError):
    """Track123 did not answer in time."""


class Track123ResponseError(Track123Error):
    """The answer could not be understood (not JSON, truncated, unexpected shape)."""


_BY_BEHAVIOUR: dict[Behaviour, type[Track123Error]] = {
    Behaviour.REAUTHENTICATE: Track123AuthenticationError,
    Behaviour.AMBIGUOUS_AUTH: Track123ServerError,
    Behaviour.TRANSIENT: Track123ServerError,
    Behaviour.BAD_REQUEST: Track123InvalidRequestError,
    Behaviour.INTERFACE_MISSING: Track123ApiChangedError,
}


def _with_data(message: str, data: Any) -> str:
    """Add the answer's data to a message, shortened, when it says something."""
    if data is None or data in ("", [], {}):
        return message
    text = data if isinstance(data, str) else repr(data)
    if len(text) > _DATA_IN_MESSAGE:
        text = text[:_DATA_IN_MESSAGE] + "…"
    return f"{message} ({text})"


def _class_for_status(http_status: int, message: str | None) -> type[Track123Error]:
    """Return the error class an HTTP status alone stands for."""
    if http_status == 401:
        return Track123AuthenticationError
    if http_status == 429:
        return Track123RateLimitError
    # One client saw HTTP 403 with msg "404" for a path a key may not use.
    if http_status == 404 or (http_status == 403 and message == "404"):
        return Track123ApiChangedError
    if http_status >= 500 or http_status == 403:
        return Track123ServerError
    return Track123InvalidRequestError


def error_for(
    http_status: int,
    code: str | None,
    msg: str | None = None,
    retry_after: float | None = None,
    data: Any = None,
) -> Track123Error:
    """Return the exception matching an HTTP status and a body service code.

    A service code decides, by its row of the table; D0000 and unknown codes defer
    to HTTP 401 and 429 and are otherwise an unexplained service error. Without a
    code (or with success on an HTTP error) the HTTP status decides. A bare 403 is
    a server error marked ``ambiguous_auth``: gateways answer it too.
    """
    message = msg or f"HTTP {http_status}"
    details: dict[str, Any] = {"http_status": http_status, "data": data}
    behaviour = ServiceCode.parse(code).behaviour if code else Behaviour.SUCCESS
    if code in QUOTA_CODES:
        return Track123QuotaExhaustedError(message, code, **details)
    if behaviour is Behaviour.RATE_LIMITED:
        return Track123RateLimitError(message, code, retry_after, **details)
    if error_class := _BY_BEHAVIOUR.get(behaviour):
        ambiguous = behaviour is Behaviour.AMBIGUOUS_AUTH
        return error_class(message, code, ambiguous_auth=ambiguous, **details)
    status_class = _class_for_status(http_status, msg)
    if behaviour is Behaviour.UNEXPLAINED and status_class not in (
        Track123AuthenticationError,
        Track123RateLimitError,
    ):
        return Track123ServiceError(_with_data(message, data), code, **details)
    if status_class is Track123RateLimitError:
        return Track123RateLimitError(message, code, retry_after, **details)
    ambiguous = http_status == 403 and status_class is Track123ServerError
    return status_class(message, code, ambiguous_auth=ambiguous, **details)
