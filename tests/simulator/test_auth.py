"""Authentication with the Track123-Api-Secret header."""

from __future__ import annotations

import pytest

from track123_simulator import SimulatorState

from .conftest import Api

QUERY = "tk/v2.1/track/query"


@pytest.mark.parametrize("key", [None, "wrong-key", ""])
async def test_missing_or_unknown_key_is_rejected(
    api: Api, sim_state: SimulatorState, key: str | None
) -> None:
    """A missing or unknown key answers HTTP 401 with A0230, and the request is logged as unauthorized."""
    answer = await api.post(QUERY, {"trackNos": ["X"]}, key=key)
    assert answer.status == 401
    body = answer.json()
    assert body["code"] == "A0230"
    assert body["msg"] == "Token is invalid or expired"
    assert set(body) == {"code", "msg", "data", "traceId"}
    assert sim_state.requests[-1].endpoint == QUERY
    assert sim_state.requests[-1].key_ok is False
    assert sim_state.requests[-1].authorized is False


async def test_auth_error_code_is_configurable(
    api: Api, sim_state: SimulatorState
) -> None:
    """``auth_error_code`` and ``auth_http_status`` change the answer to a bad key."""
    sim_state.auth_error_code = "A0201"
    sim_state.auth_http_status = 200
    answer = await api.post(QUERY, {"trackNos": ["X"]}, key="nope")
    assert answer.status == 200
    assert answer.json()["code"] == "A0201"


async def test_valid_key_is_accepted(api: Api, sim_state: SimulatorState) -> None:
    """The configured key is accepted and recorded as such."""
    answer = await api.get("tk/v2.1/courier/list")
    assert answer.status == 200
    body = answer.json()
    assert body["code"] == "00000"
    assert body["msg"] == "Success"
    assert any(c["courierCode"] == "ups" for c in body["data"])
    assert sim_state.requests[-1].key_ok is True
    assert sim_state.request_count("tk/v2.1/courier/list") == 1
