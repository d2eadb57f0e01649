"""Tests of the calendar of expected and past deliveries."""

from datetime import UTC, datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.calendar import DOMAIN as CALENDAR_DOMAIN
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from track123_simulator import SimulatorState

from .common import advance, setup_entry, state_of

CALENDAR = "calendar.track123_deliveries"
START = datetime(2026, 11, 1, tzinfo=UTC)
# Seed 1 gives the first an expected window, the second a single expected date.
WINDOW = "1Z999AA10000000021"
SINGLE = "1Z999AA10000000020"
OCEAN = "MSCU7654321"
AIR = "618-12345675"


def _local(moment: datetime) -> str:
    """Return a moment as the calendar shows it: local ISO time."""
    return dt_util.as_local(moment).isoformat()


def _day(moment: datetime) -> str:
    """Return the local date of a moment, as an all-day event shows it."""
    return dt_util.as_local(moment).date().isoformat()


def _next_day(moment: datetime) -> str:
    return (dt_util.as_local(moment).date() + timedelta(days=1)).isoformat()


async def _get_events(
    hass: HomeAssistant, start: datetime, end: datetime
) -> list[dict[str, Any]]:
    """Return the calendar's events between two moments, via the calendar action."""
    response = await hass.services.async_call(
        CALENDAR_DOMAIN,
        "get_events",
        {"start_date_time": start, "end_date_time": end},
        target={"entity_id": CALENDAR},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    events = response[CALENDAR]["events"]
    assert isinstance(events, list)
    return events


@pytest.fixture
async def calendar_entry(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
) -> MockConfigEntry:
    """Set up an account with two parcels, an ocean shipment and an air waybill."""
    window = sim_state.add_parcel(
        WINDOW, courier_code="ups", scenario="delivered", remark="Boots"
    )
    single = sim_state.add_parcel(
        SINGLE,
        courier_code="ups",
        scenario="delivered",
        added_at=START + timedelta(days=1),
    )
    assert window.expected_as_object
    assert not single.expected_as_object
    sim_state.add_ocean(OCEAN, 3, "MSCU", scenario="delivered")
    sim_state.add_air(AIR, scenario="delivered")
    entry = await setup_entry(hass, mock_config_entry)
    # Before its first carrier event a parcel has no expected delivery.
    await advance(hass, freezer, sim_state, timedelta(hours=2))
    return entry


@pytest.mark.usefixtures("calendar_entry")
async def test_expected_deliveries(hass: HomeAssistant) -> None:
    """An expected window is a timed event; shipments without one have none."""
    events = await _get_events(hass, START, START + timedelta(days=60))

    # The second parcel, the ocean shipment and the air waybill have no expected
    # delivery yet.
    assert events == [
        {
            "start": _local(START + timedelta(days=1)),
            "end": _local(START + timedelta(days=2)),
            "summary": "Boots",
            "description": f"ups {WINDOW}\nShipping label created, carrier awaits item",
        }
    ]


async def test_single_date_and_range(
    hass: HomeAssistant,
    calendar_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """An expected date or an ETA is an all-day event; the range filters."""
    # 1 day 2 hours: the second parcel has its label created, the container left.
    await advance(hass, freezer, sim_state, timedelta(days=1))

    events = await _get_events(hass, START, START + timedelta(days=60))

    assert [(e["summary"], e["start"], e["end"]) for e in events] == [
        ("Boots", _local(START + timedelta(days=1)), _local(START + timedelta(days=2))),
        (SINGLE, _day(START + timedelta(days=3)), _next_day(START + timedelta(days=3))),
        # The ETA is written without a zone: it is the ETA's own date, not the
        # date a UTC reading of it would fall on here.
        (OCEAN, "2026-12-01", "2026-12-02"),
    ]
    inside = await _get_events(
        hass, START + timedelta(days=2, hours=12), START + timedelta(days=10)
    )
    assert [e["summary"] for e in inside] == [SINGLE]
    assert (
        await _get_events(hass, START + timedelta(days=40), START + timedelta(days=50))
        == []
    )


async def test_delivered_on_its_delivery_day(
    hass: HomeAssistant,
    calendar_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """A delivered shipment is an all-day event on the day it was delivered."""
    # 40 h: the first parcel was delivered at about 38 h.
    await advance(hass, freezer, sim_state, timedelta(hours=38))
    sensor = state_of(hass, "sensor.track123_boots")
    assert sensor.state == "delivered"
    delivered_at = sensor.attributes["delivered_time"]
    assert isinstance(delivered_at, datetime)

    events = await _get_events(hass, START, START + timedelta(days=60))

    boots = next(event for event in events if event["summary"] == "Boots")
    assert boots == {
        "start": _day(delivered_at),
        "end": _next_day(delivered_at),
        "summary": "Boots",
        "description": f"ups {WINDOW}\nDelivered, left at front door",
    }


async def test_state_shows_the_next_delivery(
    hass: HomeAssistant,
    calendar_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """The calendar's state is the current or next delivery."""
    state = state_of(hass, CALENDAR)
    assert state.state == "off"
    assert state.attributes["message"] == "Boots"
    assert state.attributes["all_day"] is False
    assert state.attributes["start_time"] == dt_util.as_local(
        START + timedelta(days=1)
    ).strftime("%Y-%m-%d %H:%M:%S")

    # Within the window of the first parcel: on.
    await advance(hass, freezer, sim_state, timedelta(hours=23))
    state = state_of(hass, CALENDAR)
    assert state.state == "on"
    assert state.attributes["message"] == "Boots"

    # Delivered and its day over: the next is the second parcel.
    await advance(hass, freezer, sim_state, timedelta(days=2))
    state = state_of(hass, CALENDAR)
    assert state.attributes["message"] == SINGLE
    assert state.attributes["all_day"] is True


async def test_no_deliveries(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, sim_state: SimulatorState
) -> None:
    """Without expected deliveries the calendar is empty and off."""
    sim_state.add_air(AIR, scenario="delivered")
    await setup_entry(hass, mock_config_entry)

    assert state_of(hass, CALENDAR).state == "off"
    assert "message" not in state_of(hass, CALENDAR).attributes
    assert await _get_events(hass, START, START + timedelta(days=30)) == []
