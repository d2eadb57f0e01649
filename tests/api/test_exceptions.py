"""Tests of the mapping from API answers to exceptions."""

import pytest

from custom_components.track123.api import (
    Track123ApiChangedError,
    Track123AuthenticationError,
    Track123ConnectionError,
    Track123Error,
    Track123InvalidRequestError,
    Track123QuotaExhaustedError,
    Track123RateLimitError,
    Track123ServerError,
    Track123TimeoutError,
    error_for,
)


@pytest.mark.parametrize(
    ("http_status", "code", "expected"),
    [
        (401, None, Track123AuthenticationError),
        (403, None, Track123AuthenticationError),
        (429, None, Track123RateLimitError),
        (404, None, Track123ApiChangedError),
        (400, None, Track123InvalidRequestError),
        (500, None, Track123ServerError),
        (502, None, Track123ServerError),
        (200, "Z9999", Track123ServerError),
        (429, "Z9999", Track123RateLimitError),
        (401, "D0000", Track123AuthenticationError),
        (400, "D0000", Track123ServerError),
        (500, "00000", Track123ServerError),
        (200, "A0706", Track123RateLimitError),
        (200, "A0400", Track123InvalidRequestError),
        (400, "A0202", Track123AuthenticationError),
        (200, "A0399", Track123AuthenticationError),
        (200, "A0499", Track123InvalidRequestError),
        (200, "B9999", Track123ServerError),
    ],
)
def test_error_for(http_status: int, code: str | None, expected: type) -> None:
    """The code decides when known; the HTTP status otherwise."""
    error = error_for(http_status, code, "msg", 1.5)
    assert type(error) is expected
    assert error.code == code
    assert error.message == "msg"


def test_error_details() -> None:
    """Retry-After and default messages are kept."""
    error = error_for(429, "A0706", None, 2.0)
    assert isinstance(error, Track123RateLimitError)
    assert error.retry_after == 2.0
    assert error.message == "HTTP 429"
    assert str(error) == "A0706: HTTP 429"
    assert str(error_for(500, None)) == "HTTP 500"


def test_hierarchy() -> None:
    """Every error is a Track123Error; timeouts are connection errors."""
    assert issubclass(Track123TimeoutError, Track123ConnectionError)
    for cls in (
        Track123ApiChangedError,
        Track123AuthenticationError,
        Track123ConnectionError,
        Track123InvalidRequestError,
        Track123QuotaExhaustedError,
        Track123RateLimitError,
        Track123ServerError,
    ):
        assert issubclass(cls, Track123Error)
