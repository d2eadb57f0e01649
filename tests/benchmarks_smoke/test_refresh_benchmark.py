"""Run the refresh benchmark with 20 parcels; check counts and what it writes, not times."""

import json
from pathlib import Path

import pytest

import benchmarks as benchmarks_package
from benchmarks.refresh.__main__ import RESULTS, parse_args, run
from benchmarks.refresh.measurement import run_size
from benchmarks.refresh.report import write_json
from benchmarks.refresh.scenario import requests_budget


async def test_refresh_benchmark_counts(socket_enabled: None) -> None:
    """Requests stay at the budget; only changed shipments write a state."""
    setup, (unchanged, changed), _ = await run_size(20, 0.05, profile=False, rounds=1)
    assert setup.sensors == 20
    assert setup.requests == requests_budget(20) == 3
    assert len(unchanged.rounds) == len(changed.rounds) == 1
    assert unchanged.requests == 3
    assert unchanged.rate_limited == 0
    assert unchanged.state_changed == 0
    assert changed.requests == 3
    assert changed.rate_limited == 0
    for one in changed.rounds:
        assert one["changed_expected"] == 1
        assert one["state_changed_shipments"] == 1
    assert changed.floor_state_changed == 1
    assert changed.entity_floor_state_changed == 1


def _files(root: Path) -> dict[Path, tuple[int, int]]:
    """Return every file under ``root`` (caches aside) with its size and mtime."""
    return {
        path: (stat.st_size, stat.st_mtime_ns)
        for path in root.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and (stat := path.stat()) is not None
    }


async def test_refresh_benchmark_reports_goals_and_writes_only_when_asked(
    socket_enabled: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A run prints each goal beside its floor and writes no file without --write."""
    monkeypatch.chdir(tmp_path)
    benchmarks = Path(benchmarks_package.__file__).parent
    before = _files(benchmarks)
    options = parse_args(["--sizes", "20"])
    assert options.write is None
    report = await run(
        [20], 0.05, memory=True, profile=False, output=options.write, rounds=1
    )
    assert _files(benchmarks) == before
    assert list(tmp_path.iterdir()) == []
    printed = capsys.readouterr().out
    assert "integration CPU <= 2 x (decode + entity floor)" in printed
    assert "Memory per shipment: the integration's <= 1.5 KB" in printed
    assert "wrote" not in printed

    changed = report["refresh"][1]
    assert changed["unavoidable_ms"] == pytest.approx(
        changed["decode_ms"] + changed["entity_floor_cpu_ms"]
    )
    assert changed["integration_over_unavoidable"] == pytest.approx(
        changed["cpu_integration_ms"] / changed["unavoidable_ms"]
    )
    (memory,) = report["memory"]
    assert memory["integration_per_shipment"] > 0
    assert memory["homeassistant_per_shipment"] > 0
    assert memory["integration_per_shipment"] + memory[
        "homeassistant_per_shipment"
    ] + memory["rest_per_shipment"] == pytest.approx(memory["bytes_per_shipment"])
    assert set(report["goals"]) == {"update_ratio", "memory_bytes_per_shipment"}

    assert parse_args(["--write"]).write == RESULTS
    output = tmp_path / "figures.json"
    assert parse_args(["--write", str(output)]).write == output
    write_json(report, output)
    assert json.loads(output.read_text(encoding="utf-8"))["memory"] == report["memory"]
