"""Tests of the events fired on status transitions: exactly once, across restarts."""

from dataclasses import replace
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import device_registry as dr
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.track123.const import CONF_KINDS, DOMAIN
from custom_components.track123.events import (
    EVENT_DELIVERED,
    EVENT_STATUS_CHANGED,
    StatusEvents,
    category,
)
from track123_simulator import Fault, SimulatorState

from .common import ENTRY_ID, advance, setup_entry, state_of

STATUS_STORAGE_KEY = f"track123.{ENTRY_ID}.statuses"
NUMBER = "1Z999AA10000000002"
ENTITY_ID = "sensor.track123_1z999aa10000000002"
OCEAN_NUMBER = "MSCU7654321"
AIR_NUMBER = "618-12345675"
STEP = timedelta(minutes=30)

# Every status transition of the scenario "failed_then_delivered".
FAILED_THEN_DELIVERED = [
    ("init", None, "info_received", "info_received_01"),
    ("info_received", "info_received_01", "in_transit", "in_transit_01"),
    ("in_transit", "in_transit_07", "waiting_delivery", "waiting_delivery_01"),
    (
        "waiting_delivery",
        "waiting_delivery_01",
        "delivery_failed",
        "delivery_failed_02",
    ),
    (
        "delivery_failed",
        "delivery_failed_02",
        "waiting_delivery",
        "waiting_delivery_03",
    ),
    (
        "waiting_delivery",
        "waiting_delivery_01",
        "delivery_failed",
        "delivery_failed_03",
    ),
    (
        "delivery_failed",
        "delivery_failed_03",
        "waiting_delivery",
        "waiting_delivery_03",
    ),
    ("waiting_delivery", "waiting_delivery_01", "delivered", "delivered_04"),
]


async def _run(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    duration: timedelta,
) -> None:
    """Let time pass poll by poll (every 30 minutes)."""
    for _ in range(int(duration / STEP)):
        await advance(hass, freezer, sim_state, STEP)


def _transitions(events: list[Event]) -> list[tuple[Any, ...]]:
    """Return old and new status and sub-status of each event."""
    return [
        (
            event.data["old_status"],
            event.data["old_sub_status"],
            event.data["new_status"],
            event.data["new_sub_status"],
        )
        for event in events
    ]


@pytest.fixture
async def parcel_entry(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, sim_state: SimulatorState
) -> MockConfigEntry:
    """Set up an account with one parcel that fails delivery twice, then arrives."""
    sim_state.add_parcel(NUMBER, courier_code="ups", scenario="failed_then_delivered")
    return await setup_entry(hass, mock_config_entry, **{CONF_KINDS: ["parcel"]})


@pytest.mark.usefixtures("parcel_entry")
async def test_each_transition_fires_once(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    device_registry: dr.DeviceRegistry,
) -> None:
    """Every status change fires one event; delivery one more; a failed poll none."""
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    delivered = async_capture_events(hass, EVENT_DELIVERED)
    # First sight after setup: no event.
    assert state_of(hass, ENTITY_ID).state == "init"
    await hass.async_block_till_done()
    assert changed == []

    # Up to the first failed delivery (about 38 h), and one poll past it fails.
    await _run(hass, freezer, sim_state, timedelta(hours=38, minutes=30))
    assert state_of(hass, ENTITY_ID).state == "delivery_failed"
    assert len(changed) == 4
    sim_state.faults.inject(
        Fault(
            kind="http_error", http_status=502, endpoint="tk/v2.1/track/query", times=1
        )
    )
    # 40 h: rescheduled, seen only by the poll after the failed one.
    await advance(hass, freezer, sim_state, timedelta(hours=2))
    assert state_of(hass, ENTITY_ID).state == "unavailable"
    assert len(changed) == 4
    await advance(hass, freezer, sim_state, STEP)
    assert state_of(hass, ENTITY_ID).state == "waiting_delivery"
    assert len(changed) == 5

    await _run(hass, freezer, sim_state, timedelta(hours=48))

    assert state_of(hass, ENTITY_ID).state == "delivered"
    assert _transitions(changed) == FAILED_THEN_DELIVERED
    assert [event.data for event in delivered] == [changed[-1].data]

    device = device_registry.async_get_device_by_identifier(
        (DOMAIN, ENTRY_ID), ENTRY_ID
    )
    assert device is not None
    last = changed[-1].data
    assert last == {
        "config_entry_id": ENTRY_ID,
        "device_id": device.id,
        "entity_id": ENTITY_ID,
        "kind": "parcel",
        "tracking_number": NUMBER,
        "label": None,
        "carrier": "ups",
        "old_status": "waiting_delivery",
        "new_status": "delivered",
        "old_sub_status": "waiting_delivery_01",
        "new_sub_status": "delivered_04",
        "category": "delivered",
        "last_event": "Delivered, left with a neighbour",
        "last_event_time": last["last_event_time"],
        "last_event_location": last["last_event_location"],
    }
    assert isinstance(last["last_event_time"], str)
    assert last["last_event_location"]
    assert [event.data["category"] for event in changed] == [
        None,
        None,
        "out_for_delivery",
        "delivery_failed",
        "out_for_delivery",
        "delivery_failed",
        "out_for_delivery",
        "delivered",
    ]

    # Nothing more happens: no more events.
    await _run(hass, freezer, sim_state, timedelta(hours=3))
    assert len(changed) == 8
    assert len(delivered) == 1


@pytest.mark.usefixtures("parcel_entry")
async def test_event_fires_after_state_is_written(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """An automation triggered by the event reads the new state of the sensor."""
    seen: list[tuple[str, str]] = []

    @callback
    def listener(event: Event) -> None:
        state = hass.states.get(event.data["entity_id"])
        assert state is not None
        seen.append((event.data["new_status"], state.state))

    hass.bus.async_listen(EVENT_STATUS_CHANGED, listener)

    await _run(hass, freezer, sim_state, timedelta(hours=6))

    assert seen == [("info_received", "info_received"), ("in_transit", "in_transit")]


async def test_transition_while_stopped_fires_once(
    hass: HomeAssistant,
    parcel_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    hass_storage: dict[str, Any],
) -> None:
    """A change that happened while Home Assistant was stopped fires once on start."""
    await _run(hass, freezer, sim_state, timedelta(hours=6))
    assert state_of(hass, ENTITY_ID).state == "in_transit"
    assert hass_storage[STATUS_STORAGE_KEY]["data"] == {
        f"parcel_{NUMBER}": ["in_transit", "in_transit_01"]
    }
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    states_seen: list[str | None] = []

    @callback
    def listener(event: Event) -> None:
        state = hass.states.get(event.data["entity_id"])
        states_seen.append(state.state if state else None)

    hass.bus.async_listen(EVENT_STATUS_CHANGED, listener)

    # A restart without a transition fires nothing.
    assert await hass.config_entries.async_unload(parcel_entry.entry_id)
    assert await hass.config_entries.async_setup(parcel_entry.entry_id)
    await hass.async_block_till_done()
    assert changed == []

    # Stopped while the parcel goes out for delivery.
    assert await hass.config_entries.async_unload(parcel_entry.entry_id)
    await hass.async_block_till_done()
    sim_state.clock.advance(timedelta(hours=30))
    freezer.tick(timedelta(hours=30))
    assert await hass.config_entries.async_setup(parcel_entry.entry_id)
    await hass.async_block_till_done()

    assert _transitions(changed) == [
        ("in_transit", "in_transit_01", "waiting_delivery", "waiting_delivery_01")
    ]
    assert changed[0].data["entity_id"] == ENTITY_ID
    assert state_of(hass, ENTITY_ID).state == "waiting_delivery"
    # Automations triggered by it read the new state, as after any poll.
    assert states_seen == ["waiting_delivery"]

    # Neither the next poll nor another restart repeats it.
    await advance(hass, freezer, sim_state, STEP)
    assert await hass.config_entries.async_reload(parcel_entry.entry_id)
    await hass.async_block_till_done()
    assert len(changed) == 1


async def test_stored_statuses_of_an_earlier_run(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    hass_storage: dict[str, Any],
) -> None:
    """Statuses stored by an earlier run decide what fires at start; damage is ignored.

    They were stored by version 1, keyed with the carrier: they are read all the same.
    """
    sim_state.add_parcel(NUMBER, courier_code="ups", scenario="delivered")
    sim_state.add_parcel("1Z999AA10000000003", courier_code="ups", scenario="delivered")
    sim_state.add_parcel("1Z999AA10000000004", courier_code="ups", scenario="delivered")
    sim_state.add_parcel("1Z999AA10000000005", courier_code="ups", scenario="delivered")
    sim_state.clock.advance(timedelta(hours=40))
    freezer.tick(timedelta(hours=40))
    hass_storage[STATUS_STORAGE_KEY] = {
        "version": 1,
        "key": STATUS_STORAGE_KEY,
        "data": {
            f"parcel_ups_{NUMBER}": ["waiting_delivery", "waiting_delivery_01"],
            # An unknown earlier status, and damaged entries: no event.
            "parcel_ups_1Z999AA10000000003": [None, None],
            "parcel_ups_1Z999AA10000000004": "delivered",
            "parcel_ups_1Z999AA10000000005": [["waiting_delivery"], None],
            "parcel_ups_gone": ["in_transit"],
        },
    }
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    delivered = async_capture_events(hass, EVENT_DELIVERED)

    await setup_entry(hass, mock_config_entry, **{CONF_KINDS: ["parcel"]})

    assert _transitions(changed) == [
        ("waiting_delivery", "waiting_delivery_01", "delivered", "delivered_01")
    ]
    assert len(delivered) == 1
    assert hass_storage[STATUS_STORAGE_KEY]["data"] == {
        f"parcel_{NUMBER}": ["delivered", "delivered_01"],
        "parcel_1Z999AA10000000003": ["delivered", "delivered_01"],
        "parcel_1Z999AA10000000004": ["delivered", "delivered_01"],
        "parcel_1Z999AA10000000005": ["delivered", "delivered_01"],
    }


async def test_ocean_and_air_events(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """Ocean and air shipments fire events too; their arrival counts as delivered."""
    sim_state.add_ocean(OCEAN_NUMBER, 3, "MSCU", scenario="delivered")
    sim_state.add_air(AIR_NUMBER, scenario="delivered")
    await setup_entry(hass, mock_config_entry, **{CONF_KINDS: ["ocean", "air"]})
    changed = async_capture_events(hass, EVENT_STATUS_CHANGED)
    delivered = async_capture_events(hass, EVENT_DELIVERED)

    for _ in range(74):
        await advance(hass, freezer, sim_state, timedelta(hours=12))

    ocean = [e.data for e in changed if e.data["kind"] == "ocean"]
    air = [e.data for e in changed if e.data["kind"] == "air"]
    assert ocean
    assert air
    assert ocean[-1]["new_status"] == "final"
    assert ocean[-1]["category"] == "delivered"
    assert all(e["new_sub_status"] is None for e in ocean)
    assert air[-1]["new_status"] == "delivered"
    assert air[-1]["category"] == "delivered"
    assert sorted(e.data["kind"] for e in delivered) == ["air", "ocean"]
    # Each event is a transition: the new status differs from the old one.
    assert all(e.data["old_status"] != e.data["new_status"] for e in changed)


@pytest.mark.usefixtures("parcel_entry")
async def test_event_without_device_or_entity(hass: HomeAssistant) -> None:
    """The event of a shipment of an entry without a device names neither."""
    events = StatusEvents(hass, "unknown-entry")
    await events.async_load()
    detail = next(iter(hass.config_entries.async_entries(DOMAIN))).runtime_data
    shipment = detail.coordinator.data[f"parcel_{NUMBER}"]
    assert await events.async_collect({shipment.key: shipment}) == []
    moved = replace(shipment, status="in_transit", label="Boots")

    collected = await events.async_collect({moved.key: moved})

    assert [name for name, _ in collected] == [EVENT_STATUS_CHANGED]
    data = collected[0][1]
    assert data["device_id"] is None
    assert data["entity_id"] is None
    assert data["label"] == "Boots"
    assert data["last_event"] is None
    assert data["last_event_time"] is None

    # A status Track123 does not know keeps the last known one: no event, and no
    # repeat when the known status comes back.
    unknown = replace(moved, status=None)
    assert category(unknown) is None
    assert await events.async_collect({moved.key: unknown}) == []
    assert await events.async_collect({moved.key: moved}) == []
    await events.async_remove_file()
