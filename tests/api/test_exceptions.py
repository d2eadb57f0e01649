"""Service codes row by row from the seed, and the mapping from answers to exceptions."""

import pytest

from custom_components.track123.api import (
    ServiceCode,
    Track123ApiChangedError,
    Track123AuthenticationError,
    Track123ConnectionError,
    Track123Error,
    Track123InvalidRequestError,
    Track123QuotaExhaustedError,
    Track123RateLimitError,
    Track123ResponseError,
    Track123ServerError,
    Track123ServiceError,
    Track123TimeoutError,
    error_for,
)

# The seed's service-code table, row by row: code, name, text; then the error its
# text calls for and whether that error is marked as a possible login problem.
SEED_ROWS = [
    ("A0001", "USER_ERROR", "User terminal error.", Track123InvalidRequestError, False),
    ("A0200", "USER_LOGIN_ERROR", "Server error.", Track123ServerError, True),
    ("A0201", "USER_NOT_EXIST", "Account does not exist.", Track123AuthenticationError, False),
    ("A0202", "USER_ACCOUNT_LOCKED", "The user account is locked.", Track123AuthenticationError, False),
    ("A0203", "USER_ACCOUNT_INVALID", "The user account is invalid.", Track123AuthenticationError, False),
    ("A0230", "TOKEN_INVALID_OR_EXPIRED", "Token is invalid or expired.", Track123AuthenticationError, False),
    ("A0231", "TOKEN_ACCESS_FORBIDDEN", "Token has been forbidden.", Track123AuthenticationError, False),
    ("A0300", "AUTHORIZED_ERROR", "Abnormal access rights.", Track123AuthenticationError, False),
    ("A0301", "ACCESS_UNAUTHORIZED", "Unauthorized access.", Track123AuthenticationError, False),
    ("A0400", "PARAM_ERROR", "User request parameter error.", Track123InvalidRequestError, False),
    ("A0410", "PARAM_IS_NULL", "The parameter for the request is null.", Track123InvalidRequestError, False),
    ("B0001", "SYSTEM_EXECUTION_ERROR", "System error.", Track123ServerError, False),
    ("B0100", "SYSTEM_EXECUTION_TIMEOUT", "System timeout.", Track123ServerError, False),
    ("B0100", "SYSTEM_ORDER_PROCESSING_TIMEOUT", "System timeout.", Track123ServerError, False),
    ("B0210", "FLOW_LIMITING", "Exceed flow limits.", Track123RateLimitError, False),
    ("B0300", "SYSTEM_RESOURCE_ERROR", "Abnormal system resources.", Track123ServerError, False),
    ("B0310", "SYSTEM_RESOURCE_EXHAUSTION", "System resources are exhausted.", Track123ServerError, False),
    ("C0113", "INTERFACE_NOT_EXIST", "The interface does not exist.", Track123ApiChangedError, False),
    (
        "D0000",
        "SERVICE_DETAIL_MSG_ERROR",
        "Other errors, detailed information will be returned in msg or data.",
        Track123ServiceError,
        False,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "name", "text", "expected", "ambiguous"),
    SEED_ROWS,
    ids=[f"{row[0]}-{row[1]}" for row in SEED_ROWS],
)
def test_seed_row(
    code: str, name: str, text: str, expected: type, ambiguous: bool
) -> None:
    """Each row: the table holds its name and text, and its text decides the error."""
    member = ServiceCode[name]
    assert member.value == code
    assert member.description == text
    assert ServiceCode.parse(code) is member
    error = error_for(200, code, "what the answer said")
    assert type(error) is expected
    assert error.ambiguous_auth is ambiguous
    assert error.code == code
    assert error.message.startswith("what the answer said")
    assert str(error).startswith(f"{code}: what the answer said")


def test_success_row() -> None:
    """00000 is success: only an HTTP error status makes it an error."""
    assert ServiceCode.parse("00000") is ServiceCode.SUCCESS
    assert type(error_for(500, "00000")) is Track123ServerError


def test_the_table_holds_the_seed_and_the_documented_rate_limit() -> None:
    """No row is invented beyond the seed, A0706 (rate-limit page) and UNKNOWN."""
    table = {member.value for member in ServiceCode}
    assert table == {row[0] for row in SEED_ROWS} | {"00000", "A0706", "UNKNOWN"}
    assert type(error_for(200, "A0706")) is Track123RateLimitError


def test_which_errors_are_worth_retrying_later() -> None:
    """Server, rate-limit and connection errors are transient; the others are not."""
    assert error_for(200, "B0001").transient
    assert error_for(200, "A0706").transient
    assert Track123TimeoutError("slow").transient
    assert not error_for(200, "A0230").transient
    assert not error_for(200, "A0400").transient
    assert not error_for(200, "D0000").transient
    assert not error_for(200, "C0113").transient


@pytest.mark.parametrize("code", ["D0000", "X9999", "A0399", "B9999"])
def test_unexplained_and_unknown_codes_show_the_answer(code: str) -> None:
    """D0000 and unknown codes show msg and data; they are not retried."""
    error = error_for(200, code, "Tracking number is being processed", data={"a": 1})
    assert type(error) is Track123ServiceError
    assert not error.transient
    assert error.message == "Tracking number is being processed ({'a': 1})"
    assert error.data == {"a": 1}
    assert str(error) == f"{code}: Tracking number is being processed ({{'a': 1}})"


def test_unexplained_data_is_shortened() -> None:
    """Long data is cut in the message, kept whole in the attribute."""
    data = "x" * 500
    error = error_for(200, "D0000", "Failed", data=data)
    assert error.message == "Failed (" + "x" * 200 + "…)"
    assert error.data == data
    assert error_for(200, "D0000", "Failed", data="").message == "Failed"


def test_quota_codes_of_the_convention() -> None:
    """A0601 and A0605 (balance, quota of the account) ask the user to act."""
    for code in ("A0601", "A0605"):
        assert type(error_for(200, code, "quota")) is Track123QuotaExhaustedError


@pytest.mark.parametrize(
    ("http_status", "code", "msg", "expected", "ambiguous"),
    [
        (401, None, None, Track123AuthenticationError, False),
        (403, None, None, Track123ServerError, True),
        (403, None, "404", Track123ApiChangedError, False),
        (429, None, None, Track123RateLimitError, False),
        (404, None, None, Track123ApiChangedError, False),
        (400, None, None, Track123InvalidRequestError, False),
        (500, None, None, Track123ServerError, False),
        (502, None, None, Track123ServerError, False),
        (503, None, None, Track123ServerError, False),
        (429, "Z9999", None, Track123RateLimitError, False),
        (401, "D0000", None, Track123AuthenticationError, False),
        (400, "D0000", None, Track123ServiceError, False),
        (500, "D0000", None, Track123ServiceError, False),
        (403, "A0202", None, Track123AuthenticationError, False),
        (500, "A0200", None, Track123ServerError, True),
    ],
)
def test_http_status_without_an_explaining_code(
    http_status: int, code: str | None, msg: str | None, expected: type, ambiguous: bool
) -> None:
    """A code decides when it explains; the HTTP status otherwise."""
    error = error_for(http_status, code, msg, 1.5)
    assert type(error) is expected
    assert error.http_status == http_status
    assert error.ambiguous_auth is ambiguous
    assert error.message == (msg or f"HTTP {http_status}")


def test_error_details() -> None:
    """Retry-After and default messages are kept."""
    error = error_for(429, "A0706", None, 2.0)
    assert isinstance(error, Track123RateLimitError)
    assert error.retry_after == 2.0
    assert error.message == "HTTP 429"
    assert str(error) == "A0706: HTTP 429"
    assert str(error_for(500, None)) == "HTTP 500"
    plain = Track123Error("boom")
    assert (plain.code, plain.http_status, plain.data, plain.ambiguous_auth) == (
        None,
        None,
        None,
        False,
    )


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
        Track123ResponseError,
        Track123ServerError,
        Track123ServiceError,
    ):
        assert issubclass(cls, Track123Error)
