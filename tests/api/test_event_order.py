"""Events in the order the carrier meant: undated events stay where the API put them."""

from datetime import UTC, datetime

from custom_components.track123.api import EventSource, OceanEventStatus
from custom_components.track123.api.ordering import newest_first
from custom_components.track123.api.parsing import parse_ocean_shipment, parse_parcel


def _event(detail: str, time: str | None = None) -> dict[str, str]:
    """Return a checkpoint as Track123 writes it, in Shenzhen (+08:00)."""
    event = {"eventDetail": detail, "address": "SHENZHEN, CN"}
    if time is not None:
        event |= {"eventTime": time, "timezone": "+08:00"}
    return event


def _details(parcel_events: list[dict[str, str]], last_mile: list[dict[str, str]]):
    """Return a parcel with local and last-mile checkpoints."""
    return parse_parcel(
        {
            "trackNo": "LV209031969CN",
            "localLogisticsInfo": {"trackingDetails": parcel_events},
            "lastMileInfo": {"openApiWayBillInfo": {"trackingDetails": last_mile}},
        }
    )


def test_an_undated_newest_event_stays_newest() -> None:
    """The API lists an undated event first: it is the latest, not an older dated one."""
    parcel = _details(
        [_event("Out for delivery"), _event("Arrived", "2026-04-28 09:00:00")], []
    )
    assert parcel.last_event is not None
    assert parcel.last_event.description == "Out for delivery"
    assert parcel.last_event.time is None


def test_undated_events_follow_their_predecessor_in_one_list() -> None:
    """Dated events are put in time order; each undated one moves with the one before it."""
    parcel = _details(
        [
            _event("Departed", "2026-04-27 10:00:00"),
            _event("Scan (no time)"),
            _event("Arrived", "2026-04-28 09:00:00"),  # newer, listed after
            _event("Accepted", "2026-04-26 08:00:00"),
            _event("Label printed (no time)"),
        ],
        [],
    )
    assert [e.description for e in parcel.events] == [
        "Arrived",
        "Departed",
        "Scan (no time)",
        "Accepted",
        "Label printed (no time)",
    ]


def test_merged_legs_keep_undated_events_after_their_predecessor() -> None:
    """Local and last-mile merge by time; undated events stay after their own predecessor."""
    parcel = _details(
        [
            _event("Handed to last mile", "2026-04-28 09:00:00"),
            _event("Export customs (no time)"),
            _event("Accepted", "2026-04-26 08:00:00"),
        ],
        [
            _event("Delivery attempt (no time)"),
            _event("Out for delivery", "2026-04-30 08:00:00"),
            _event("Arrived at hub", "2026-04-29 08:00:00"),
            _event("Sorted (no time)"),
        ],
    )
    assert [(e.description, e.source) for e in parcel.events] == [
        ("Delivery attempt (no time)", EventSource.LAST_MILE),
        ("Out for delivery", EventSource.LAST_MILE),
        ("Arrived at hub", EventSource.LAST_MILE),
        ("Sorted (no time)", EventSource.LAST_MILE),
        ("Handed to last mile", EventSource.LOCAL),
        ("Export customs (no time)", EventSource.LOCAL),
        ("Accepted", EventSource.LOCAL),
    ]


def test_equal_times_keep_the_lists_order() -> None:
    """Two legs reporting different events at the same time: local first, as listed."""
    parcel = _details(
        [_event("Local scan", "2026-04-28 09:00:00")],
        [_event("Last-mile scan", "2026-04-28 09:00:00")],
    )
    assert [e.description for e in parcel.events] == ["Local scan", "Last-mile scan"]


def test_newest_first_on_plain_items() -> None:
    """The rule on its own: heads first, then groups by time, newest first."""
    day = datetime(2026, 4, 1, tzinfo=UTC)
    times = {"a": day.replace(day=3), "b": day.replace(day=1), "c": day.replace(day=2)}
    merged = newest_first(["x", "b", "y", "a"], ["z", "c"], time_of=times.get)
    assert merged == ["x", "z", "a", "c", "b", "y"]
    assert newest_first(time_of=times.get) == []


def _container(number: str, events: list[dict[str, str]]) -> dict[str, object]:
    """Return a container as the ocean query gives it."""
    return {"containerNo": number, "transitStatus": "IN_TRANSIT", "events": events}


def test_ocean_last_event_across_containers() -> None:
    """The newest dated event over containers; an undated newest one comes first."""
    dated = parse_ocean_shipment(
        {
            "trackingNo": "MAEU123456789",
            "containers": [
                _container(
                    "MSKU1", [{"eventStatus": "LOAD", "eventTime": "2026-04-20"}]
                ),
                _container(
                    "MSKU2", [{"eventStatus": "DEPA", "eventTime": "2026-04-22"}]
                ),
            ],
        }
    )
    assert dated.last_event is not None
    assert dated.last_event.status is OceanEventStatus.DEPA
    undated = parse_ocean_shipment(
        {
            "trackingNo": "MAEU123456789",
            "containers": [
                _container(
                    "MSKU1", [{"eventStatus": "DEPA", "eventTime": "2026-04-22"}]
                ),
                _container(
                    "MSKU2",
                    [
                        {"eventStatus": "HOLD"},
                        {"eventStatus": "LOAD", "eventTime": "2026-04-20"},
                    ],
                ),
            ],
        }
    )
    assert undated.last_event is not None
    assert undated.last_event.status is OceanEventStatus.HOLD
    assert parse_ocean_shipment({"trackingNo": "X"}).last_event is None
