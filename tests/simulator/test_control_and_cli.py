"""Control routes, the demo account, and the command line."""

from __future__ import annotations

from pathlib import Path
import subprocess
import sys
from typing import Any
from unittest.mock import patch

import pytest

from track123_simulator import SimulatorState
from track123_simulator.demo import DEMO_SPECS, populate_demo
from track123_simulator.realism import Realism

from .conftest import PARCEL_STATUSES, Api

ROOT = Path(__file__).resolve().parents[2]


async def test_control_routes(api: Api, sim_state: SimulatorState) -> None:
    """Clock, faults, shipments and the state summary over HTTP."""
    assert (
        await api.control(
            "POST",
            "shipments",
            {"kind": "parcel", "number": "1Z999AA10123456784", "scenario": "delivered"},
        )
    ).status == 201
    assert (
        await api.control(
            "POST",
            "shipments",
            {"kind": "ocean", "number": "MSKU1234567", "number_type": 3},
        )
    ).status == 201
    assert (
        await api.control(
            "POST", "shipments", {"kind": "air", "number": "176-12345675"}
        )
    ).status == 201
    assert (
        await api.control("POST", "shipments", {"kind": "boat", "number": "X"})
    ).status == 400
    assert (
        await api.control(
            "POST", "shipments", {"kind": "parcel", "number": "Y", "scenario": "nope"}
        )
    ).status == 400
    answer = await api.control("POST", "clock/advance", {"seconds": 3 * 86400})
    assert answer.json()["now"].startswith("2026-11-04")
    assert (
        await api.control("POST", "clock/advance", {"seconds": "soon"})
    ).status == 400
    assert (
        await api.control(
            "POST", "faults", {"kind": "service_code", "code": "B0001", "times": 1}
        )
    ).status == 201
    assert (await api.control("POST", "faults", {"kind": "nope"})).status == 400
    assert (await api.post("tk/v2.1/track/query", {})).json()["code"] == "B0001"
    assert (
        await api.control("POST", "faults", {"kind": "latency", "delay": 0})
    ).status == 201
    assert (await api.control("DELETE", "faults")).status == 200
    summary = (await api.control("GET", "state")).json()
    assert summary["parcels"]["1Z999AA10123456784"]["status"] == "DELIVERED"
    assert summary["faults"] == []
    assert summary["requests"]["tk/v2.1/track/query"] == 1
    answer = await api.control("POST", "clock/set", {"now": "2026-12-01 00:00:00"})
    assert answer.json()["now"].startswith("2026-12-01")


def test_demo_covers_every_main_status() -> None:
    """The demo account shows every main status of parcels, ocean and air."""
    state = SimulatorState(seed=3)
    populate_demo(state, len(DEMO_SPECS))
    now = state.clock.now()
    parcels = {s.status(now)[0] for s in state.parcels.values()}
    assert parcels == PARCEL_STATUSES
    assert {s.search_status(now) for s in state.ocean.values()} == {
        "IN_TRANSIT",
        "FINAL",
        "NO_RECORD",
        "EXPIRED",
    }
    assert {s.status(now) for s in state.air.values()} == {
        "BOOKED",
        "IN_TRANSIT",
        "ARRIVED",
        "NOTIFIED",
        "DELIVERED",
        "EXCEPTION",
    }


def test_cli_help() -> None:
    """``python -m track123_simulator --help`` documents every option."""
    result = subprocess.run(
        [sys.executable, "-m", "track123_simulator", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    for option in ("--host", "--port", "--key", "--seed", "--demo", "--speed"):
        assert option in result.stdout


def test_demo_realism_option() -> None:
    """``scripts/develop`` turns on the demo's realism unless told otherwise, and refuses unknown names."""
    from track123_demo.__main__ import main as demo_main
    from track123_demo.stack import DEMO_REALISM

    captured: list[Any] = []

    def fake_run(coro: Any) -> int:
        captured.append(coro.cr_frame.f_locals["options"])
        coro.close()
        return 0

    with patch("track123_demo.__main__.asyncio.run", fake_run):
        assert demo_main([]) == 0
        assert demo_main(["--realism", "none"]) == 0
    assert [options.realism for options in captured] == [DEMO_REALISM, "none"]
    assert "server_errors" not in Realism.from_spec(DEMO_REALISM).enabled
    with pytest.raises(SystemExit) as raised:
        demo_main(["--realism", "loud"])
    assert raised.value.code == 2
