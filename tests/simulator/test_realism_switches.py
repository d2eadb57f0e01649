"""Realism switches: off by default, set from the command line and the control route."""

from __future__ import annotations

from datetime import timedelta
import re
from typing import Any
from unittest.mock import patch

import pytest

from track123_simulator import SimulatorState
from track123_simulator.__main__ import main
from track123_simulator.realism import SWITCHES, Realism

from .conftest import PARCEL_STATUSES, Api

API_TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


def test_every_switch_is_off_by_default() -> None:
    """A simulator made without realism has none of it."""
    realism = SimulatorState().realism
    assert realism.enabled == ()
    assert realism.as_dict()["switches"] == dict.fromkeys(SWITCHES, False)


@pytest.mark.parametrize(
    ("spec", "enabled"),
    [
        ("", ()),
        ("none", ()),
        ("all", SWITCHES),
        ("all,-v21_only", tuple(s for s in SWITCHES if s != "v21_only")),
        (" local_times , odd_times ", ("local_times", "odd_times")),
        ("all,none,stale_reads", ("stale_reads",)),
    ],
)
def test_spec(spec: str, enabled: tuple[str, ...]) -> None:
    """A spec is read word by word: all, none, a name, or -name to leave one out."""
    assert Realism.from_spec(spec).enabled == enabled


def test_unknown_switch_is_refused_and_changes_nothing() -> None:
    """A misspelt name raises, and the switches already set stay."""
    realism = Realism.from_spec("local_times")
    with pytest.raises(ValueError, match="unknown realism switch local_time"):
        realism.apply("odd_times,local_time")
    assert realism.enabled == ("local_times",)


async def test_control_route(api: Api, sim_state: SimulatorState) -> None:
    """GET shows the switches; POST sets them by spec, one by one, and the error rate."""
    assert (await api.control("GET", "realism")).json()["enabled"] == []
    answer = await api.control("POST", "realism", {"realism": "all,-v21_only"})
    assert answer.status == 200
    assert "v21_only" not in answer.json()["enabled"]
    answer = await api.control(
        "POST",
        "realism",
        {"realism": "none", "odd_times": True, "server_error_rate": 0.5},
    )
    assert answer.json()["enabled"] == ["odd_times"]
    assert answer.json()["server_error_rate"] == 0.5
    assert sim_state.realism.odd_times
    summary = (await api.control("GET", "state")).json()
    assert summary["realism"]["enabled"] == ["odd_times"]
    for bad in (
        {"odd_time": True},
        {"odd_times": "yes"},
        {"server_error_rate": 2},
        {"server_error_rate": True},
        {"realism": ["all"]},
        {"realism": "sometimes"},
    ):
        assert (await api.control("POST", "realism", bad)).status == 400, bad
    assert sim_state.realism.enabled == ("odd_times",)


def _state_of_cli(argv: list[str]) -> SimulatorState:
    """Run the command line up to serving; return the state it built."""
    captured: dict[str, Any] = {}

    def fake_run(coro: Any) -> None:
        captured["state"] = coro.cr_frame.f_locals["state"]
        coro.close()

    with patch("track123_simulator.__main__.asyncio.run", fake_run):
        main(argv)
    state: SimulatorState = captured["state"]
    return state


def test_command_line() -> None:
    """``--realism`` takes a spec; ``--server-error-rate`` the share of failed requests."""
    assert _state_of_cli([]).realism.enabled == ()
    state = _state_of_cli(["--realism", "all,-v21_only", "--server-error-rate", "0.25"])
    assert set(state.realism.enabled) == set(SWITCHES) - {"v21_only"}
    assert state.realism.server_error_rate == 0.25
    for argv in (["--realism", "loud"], ["--server-error-rate", "1.5"]):
        with pytest.raises(SystemExit) as raised:
            _state_of_cli(argv)
        assert raised.value.code == 2


async def test_realism_off_answers_as_documented(
    api: Api, sim_state: SimulatorState
) -> None:
    """Without realism: courier known at once, UTC shipment times, full event times, documented codes, no errors."""
    sim_state.rate_limit_per_second = None
    numbers = [f"1Z999AA1{i:010d}" for i in range(12)]
    answer = await api.post("tk/v2.1/track/import", [{"trackNo": n} for n in numbers])
    assert all(a["courierCode"] == "ups" for a in answer.json()["data"]["accepted"])
    sim_state.add_ocean("MSKU1234567", scenario="delivered")
    sim_state.add_air("176-12345675", scenario="delivered")
    for _ in range(6):
        sim_state.clock.advance(timedelta(hours=20))
        for number in numbers:
            item = await api.tracking("tk/v2.1/track/query", number)
            assert item["localLogisticsInfo"]["courierCode"] == "ups"
            assert item["transitStatus"] in PARCEL_STATUSES
            assert item["trackingStatus"] in {"001", "002"}
            details = item["localLogisticsInfo"]["trackingDetails"]
            for event in details:
                assert API_TIME.match(event["eventTime"])
                assert re.fullmatch(r"[+-]\d\d:\d\d", event["timezone"])
                assert event["eventTimeZeroUTC"].endswith("Z")
            if details:
                newest = details[0]["eventTimeZeroUTC"]
                assert item["lastTrackingTime"] == newest.replace("T", " ")[:-1]
            if expected := item.get("expectedDelivery"):
                assert API_TIME.match(expected)
    ocean = await api.tracking("tk/v1/ocean/track/query", "MSKU1234567")
    assert "etd" not in ocean
    assert all(
        set(e) >= {"eventTime"}
        and "eventTimeUTC" not in e
        and API_TIME.match(e["eventTime"])
        for c in ocean["containers"]
        for e in c["events"]
    )
    air = await api.tracking("tk/v1/aviation/track/query", "176-12345675")
    assert [e["status"] for e in air["events"]][0] == "DELIVERED"
    assert all(API_TIME.match(e["eventTime"]) for e in air["events"])
    assert all(r.key_ok for r in sim_state.requests)
    answer = await api.post("tk/v2.1/ocean/track/query", {})
    assert (answer.status, answer.json()["code"]) == (404, "C0113")
