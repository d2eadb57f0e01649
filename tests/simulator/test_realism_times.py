"""Realism ``local_times`` and ``odd_times``: how answers write times."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
import re
from typing import Any

import pytest

from track123_simulator import SimulatorState
from track123_simulator.timefmt import fmt, offset_delta
from track123_simulator.timestyle import UNDATED, odd_time, written_offset

from .conftest import Api

QUERY = "tk/v2.1/track/query"
API_TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
NUMBERS = [f"1Z999AA1{i:010d}" for i in range(30)]


async def _delivered_parcels(
    api: Api, sim_state: SimulatorState, spec: str
) -> list[dict[str, Any]]:
    """Thirty delivered parcels (cross-border and domestic) as queried with ``spec`` on."""
    sim_state.realism.apply(spec)
    sim_state.rate_limit_per_second = None
    for index, number in enumerate(NUMBERS):
        scenario = "cross_border" if index % 2 else "failed_then_delivered"
        sim_state.add_parcel(number, courier_code="ups", scenario=scenario)
    sim_state.clock.advance(timedelta(days=6))
    return [await api.tracking(QUERY, n) for n in NUMBERS]


def _events(item: dict[str, Any]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = list(item["localLogisticsInfo"]["trackingDetails"])
    if item["lastMileInfo"]:
        events += item["lastMileInfo"]["openApiWayBillInfo"]["trackingDetails"]
    return events


def _true_moment(event: dict[str, Any]) -> datetime:
    """Return the moment of a dated, plainly written event, from its local time and zone."""
    zone = event["timezone"]
    sign = -1 if zone.startswith("-") else 1
    digits = zone.lstrip("+-").replace(":", "")
    hours, minutes = (
        (int(digits[:-2] or 0), int(digits[-2:]))
        if len(digits) > 2
        else (int(digits), 0)
    )
    local = datetime.strptime(event["eventTime"], "%Y-%m-%d %H:%M:%S").replace(
        tzinfo=UTC
    )
    return local - sign * timedelta(hours=hours, minutes=minutes)


async def test_local_times(api: Api, sim_state: SimulatorState) -> None:
    """Shipment times local to the destination; zones written three ways; some events without a UTC time."""
    items = await _delivered_parcels(api, sim_state, "local_times")
    forms: Counter[str] = Counter()
    missing_utc = 0
    for number, item in zip(NUMBERS, items, strict=True):
        parcel = sim_state.parcels[number]
        delivered = next(
            parcel.added_at + s.offset
            for s in parcel.plan.steps
            if s.status == "DELIVERED"
        )
        shift = offset_delta(parcel.plan.dest_offset)
        assert item["deliveredTime"] == fmt(delivered + shift)
        assert item["deliveredTime"] != fmt(delivered)
        expected = item.get("expectedDelivery") or item["expectedDeliveryTime"]["end"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\d( \d\d:\d\d:\d\d)?", expected)
        for event in _events(item):
            zone = event["timezone"]
            forms[
                "colon" if ":" in zone else "short" if len(zone) <= 3 else "compact"
            ] += 1
            if "eventTimeZeroUTC" in event:
                utc = datetime.fromisoformat(event["eventTimeZeroUTC"])
                assert _true_moment(event) == utc
            else:
                missing_utc += 1
    assert min(forms.values()) > 10, forms
    assert 0 < missing_utc < sum(forms.values()) / 3
    bare = [str(i["expectedDelivery"]) for i in items if "expectedDelivery" in i]
    assert any(len(text) == 10 for text in bare)
    assert any(len(text) == 19 for text in bare)
    zones = {e["timezone"] for item in items for e in _events(item)}
    assert zones & {
        "+05:30",
        "+0530",
        "+5:30",
        "-03:30",
        "-0330",
        "-3:30",
        "+05:45",
        "+0545",
        "+5:45",
    }


async def test_local_times_of_cargo(api: Api, sim_state: SimulatorState) -> None:
    """Ocean eta/etd and event times local to their port, eventTimeUTC beside most; air times local to their airport."""
    sim_state.realism.apply("local_times")
    ocean = sim_state.add_ocean("MSKU1234567", scenario="delivered")
    sim_state.add_ocean("MSKU7654321", scenario="no_record")
    air = sim_state.add_air("176-12345675", scenario="delivered")
    sim_state.clock.advance(timedelta(days=40))
    item = await api.tracking("tk/v1/ocean/track/query", "MSKU1234567")
    assert item["eta"] == fmt(
        ocean.added_at + ocean.plan.eta_offset + offset_delta(ocean.plan.pod.utc_offset)
    )
    assert API_TIME.match(item["etd"])
    unknown = await api.tracking("tk/v1/ocean/track/query", "MSKU7654321")
    assert (unknown["eta"], unknown["etd"]) == (None, None)
    events = item["containers"][0]["events"]
    with_utc = [e for e in events if "eventTimeUTC" in e]
    assert 0 < len(with_utc) < len(events)
    for event in with_utc:
        place = next(
            p
            for p in (
                ocean.plan.pol,
                ocean.plan.pod,
                ocean.plan.pre,
                ocean.plan.pot,
                ocean.plan.pde,
            )
            if p.name == event["location"]["name"]
        )
        local = datetime.strptime(
            event["eventTimeUTC"], "%Y-%m-%d %H:%M:%S"
        ) + offset_delta(place.utc_offset)
        assert event["eventTime"] == local.strftime("%Y-%m-%d %H:%M:%S")
    answer = await api.tracking("tk/v1/aviation/track/query", "176-12345675")
    delivered = answer["events"][0]
    moment = air.added_at + air.plan.events[-1].offset
    dest = air.plan.events[-1].place.utc_offset
    assert delivered["eventTime"] == fmt(moment + offset_delta(dest))
    assert "eventTimeUTC" not in delivered


async def test_odd_times(api: Api, sim_state: SimulatorState) -> None:
    """Some event times in other formats, a few undated, all still newest first by their true order."""
    items = await _delivered_parcels(api, sim_state, "odd_times")
    kinds: Counter[str] = Counter()
    for number, item in zip(NUMBERS, items, strict=True):
        parcel = sim_state.parcels[number]
        events = item["localLogisticsInfo"]["trackingDetails"]
        truth = [
            s.detail
            for _, s in reversed(parcel.visible(sim_state.clock.now()))
            if s.detail and not s.last_mile
        ]
        assert [e["eventDetail"] for e in events] == truth
        for event in events:
            value = event["eventTime"]
            if isinstance(value, int):
                kinds["epoch number"] += 1
            elif value in UNDATED:
                kinds["undated"] += 1
                assert "eventTimeZeroUTC" not in event
            elif API_TIME.match(value):
                kinds["plain"] += 1
            elif value.isdigit():
                kinds["epoch text"] += 1
            elif "/" in value:
                kinds["slashes"] += 1
            elif "T" in value:
                kinds["iso"] += 1
            else:
                assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", value), value
                kinds["no seconds"] += 1
    assert set(kinds) == {
        "plain",
        "undated",
        "epoch number",
        "epoch text",
        "slashes",
        "iso",
        "no seconds",
    }, kinds
    assert kinds["plain"] > sum(kinds.values()) / 2


async def test_odd_times_of_cargo(api: Api, sim_state: SimulatorState) -> None:
    """Ocean and air events get odd times too; polls answer the same odd time each time."""
    sim_state.realism.apply("odd_times")
    sim_state.rate_limit_per_second = None
    for index in range(6):
        sim_state.add_ocean(f"MSKU{index:07d}", scenario="delivered")
    sim_state.clock.advance(timedelta(days=40))
    page = (await api.post("tk/v1/ocean/track/query", {})).json()["data"]["accepted"]
    times = [
        e["eventTime"]
        for item in page["content"]
        for e in item["containers"][0]["events"]
    ]
    assert any(not (isinstance(t, str) and API_TIME.match(t)) for t in times)
    again = (await api.post("tk/v1/ocean/track/query", {})).json()["data"]["accepted"]
    assert again["content"] == page["content"]


@pytest.mark.parametrize(
    ("offset", "form", "written"),
    [
        ("+08:00", 0, "+08:00"),
        ("+08:00", 1, "+0800"),
        ("+08:00", 2, "+8"),
        ("-07:00", 2, "-7"),
        ("+05:30", 2, "+5:30"),
    ],
)
def test_written_offset(offset: str, form: int, written: str) -> None:
    """The three ways a zone is written."""
    assert written_offset(offset, form) == written


def test_odd_time_forms() -> None:
    """Each odd form names the same moment."""
    moment = datetime(2026, 9, 25, 6, 3, tzinfo=UTC)
    assert [odd_time(moment, "+08:00", form) for form in range(6)] == [
        "2026/09/25 14:03:00",
        "2026-09-25 14:03",
        "2026-09-25T06:03:00Z",
        "2026-09-25T14:03:00+08:00",
        1790316180000,
        "1790316180000",
    ]
