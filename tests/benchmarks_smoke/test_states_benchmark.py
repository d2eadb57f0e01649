"""Run the states benchmarks small; check their counts and structure, not sizes."""

from datetime import timedelta

from benchmarks.refresh.payload import measure_payload
from benchmarks.refresh.recorder import measure_recorder


async def test_payload_benchmark_counts(socket_enabled: None) -> None:
    """Every sensor is measured, with its whole history behind it; the floor too."""
    result = await measure_payload(5, events=30)
    assert result.sensors == 5
    assert result.fewest_events == 30
    assert 0 < result.floor_bytes < result.payload_bytes
    assert result.largest_attributes_bytes > 0
    assert result.other_entities > 0


async def test_recorder_benchmark_counts(socket_enabled: None) -> None:
    """The floor makes the same state changes; both databases grow."""
    result = await measure_recorder(8, timedelta(days=2))
    assert result.polls == 96
    value_changes = result.floor_state_rows
    assert 0 < value_changes <= result.shipment_changes
    assert result.states_by_entity["shipment sensors"] == result.shipment_changes
    assert result.bytes_by_table["states"] > 0
    assert result.floor_bytes_by_table["states"] > 0
    assert "track123_shipment_status_changed" in result.events_by_type
    # Each part is measured on its own: the shipment sensors beside the floor, and
    # the integration's other entities and its bus events on lines of their own.
    parts = result.bytes_by_part
    assert 0 < parts["shipment sensors"] < result.total
    assert parts["bus events"] > 0
    assert {"summary sensors", "event entity", "to-do list", "calendar"} <= parts.keys()
    assert 0 < result.shipment_ratio < result.ratio
