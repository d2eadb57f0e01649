"""Run the refresh benchmark with 20 parcels; check counts, not times."""

from benchmarks.refresh.measurement import run_size
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
