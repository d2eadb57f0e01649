"""Injected faults: latency, HTTP errors, broken JSON, service codes, query statuses."""

from __future__ import annotations

from datetime import timedelta
import json
import time

import pytest

from track123_simulator import Fault, SimulatorState

from .conftest import Api

QUERY = "tk/v2.1/track/query"
BODY = {"trackNos": ["1Z999AA10123456784"]}


@pytest.fixture(autouse=True)
def _parcel(sim_state: SimulatorState) -> None:
    sim_state.add_parcel("1Z999AA10123456784", courier_code="ups", scenario="delivered")


async def test_latency(api: Api, sim_state: SimulatorState) -> None:
    """A latency fault delays the answer, which is otherwise normal."""
    sim_state.faults.inject(Fault(kind="latency", delay=0.3, times=1))
    started = time.monotonic()
    answer = await api.post(QUERY, BODY)
    assert time.monotonic() - started >= 0.3
    assert answer.json()["code"] == "00000"
    assert sim_state.faults.active == []


@pytest.mark.parametrize("status", [500, 502])
async def test_http_error_is_html(
    api: Api, sim_state: SimulatorState, status: int
) -> None:
    """An http_error fault answers an HTML page with the chosen status."""
    sim_state.faults.inject(
        Fault(kind="http_error", http_status=status, endpoint=QUERY, times=1)
    )
    answer = await api.post(QUERY, BODY)
    assert answer.status == status
    assert answer.content_type == "text/html"
    assert "<html>" in answer.text
    assert (await api.post(QUERY, BODY)).status == 200


async def test_malformed_json(api: Api, sim_state: SimulatorState) -> None:
    """A malformed_json fault answers 200 with a body that is not JSON."""
    sim_state.faults.inject(Fault(kind="malformed_json", times=1))
    answer = await api.post(QUERY, BODY)
    assert answer.status == 200
    with pytest.raises(json.JSONDecodeError):
        answer.json()


async def test_truncated_json(api: Api, sim_state: SimulatorState) -> None:
    """A truncated_json fault answers the first half of the real JSON."""
    sim_state.faults.inject(Fault(kind="truncated_json", times=1))
    answer = await api.post(QUERY, BODY)
    assert answer.text.startswith('{"code": "00000"')
    with pytest.raises(json.JSONDecodeError):
        answer.json()


async def test_service_code_defaults_and_overrides(
    api: Api, sim_state: SimulatorState
) -> None:
    """A service_code fault answers its code, the seed message by default, and Retry-After when set."""
    sim_state.faults.inject(
        Fault(kind="service_code", code="B0310", endpoint=QUERY, times=1)
    )
    body = (await api.post(QUERY, BODY)).json()
    assert (body["code"], body["msg"]) == ("B0310", "System resources are exhausted.")
    sim_state.faults.inject(
        Fault(
            kind="service_code",
            code="A0706",
            http_status=429,
            message="slow down",
            retry_after=7,
            times=1,
        )
    )
    answer = await api.post(QUERY, BODY)
    assert answer.status == 429
    assert answer.headers["Retry-After"] == "7"
    assert answer.json()["msg"] == "slow down"


async def test_fault_endpoint_and_times(api: Api, sim_state: SimulatorState) -> None:
    """A fault for one endpoint leaves others alone, and stops after ``times`` requests."""
    sim_state.faults.inject(
        Fault(
            kind="service_code", code="B0001", endpoint="tk/v2.1/courier/list", times=2
        )
    )
    assert (await api.post(QUERY, BODY)).json()["code"] == "00000"
    codes = [(await api.get("tk/v2.1/courier/list")).json()["code"] for _ in range(3)]
    assert codes == ["B0001", "B0001", "00000"]


async def test_fault_until_cleared(api: Api, sim_state: SimulatorState) -> None:
    """Without ``times`` a fault stays until cleared."""
    sim_state.faults.inject(Fault(kind="service_code", code="A0230"))
    assert [(await api.post(QUERY, BODY)).json()["code"] for _ in range(3)] == [
        "A0230"
    ] * 3
    sim_state.faults.clear()
    assert (await api.post(QUERY, BODY)).json()["code"] == "00000"


async def test_query_status_keeps_last_data(
    api: Api, sim_state: SimulatorState
) -> None:
    """A query_status fault reports its trackingStatus and freezes the data at injection time."""
    sim_state.clock.advance(timedelta(hours=10))
    sim_state.faults.inject(
        Fault(
            kind="query_status", track_nos=("1Z999AA10123456784",), query_status="005"
        )
    )
    sim_state.clock.advance(timedelta(days=3))
    item = (await api.post(QUERY, BODY)).json()["data"]["accepted"]["content"][0]
    assert item["trackingStatus"] == "005"
    assert item["transitStatus"] == "IN_TRANSIT"
    sim_state.faults.clear()
    item = (await api.post(QUERY, BODY)).json()["data"]["accepted"]["content"][0]
    assert (item["trackingStatus"], item["transitStatus"]) == ("001", "DELIVERED")


def test_fault_validation() -> None:
    """Bad faults are refused."""
    with pytest.raises(ValueError, match="unknown fault kind"):
        Fault(kind="explode")
    with pytest.raises(ValueError, match="needs a code"):
        Fault(kind="service_code")
    with pytest.raises(ValueError, match="query_status"):
        Fault(kind="query_status", query_status="001")
    with pytest.raises(ValueError, match="unknown fault fields"):
        Fault.from_dict({"kind": "latency", "bogus": 1})
