"""Tests of the event entity: each status change, for automations built by target."""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import automation
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import (
    Event,
    EventStateChangedData,
    HomeAssistant,
    ServiceCall,
    State,
    callback,
)
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_mock_service,
)

from custom_components.track123.const import CONF_KINDS, DOMAIN
from custom_components.track123.events import EVENT_STATUS_CHANGED
from track123_simulator import SimulatorState

from .common import ENTRY_ID, advance, setup_entry, state_of

EVENT_ENTITY = "event.track123_shipment_updates"
DELIVERED = "1Z999AA10000000021"
FAILED = "1Z999AA10000000022"
STEP = timedelta(minutes=30)


@pytest.fixture
async def parcels_entry(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, sim_state: SimulatorState
) -> MockConfigEntry:
    """Set up an account with a parcel to be delivered and one whose delivery fails."""
    sim_state.add_parcel(DELIVERED, courier_code="ups", scenario="delivered")
    sim_state.add_parcel(FAILED, courier_code="ups", scenario="delivery_failed")
    return await setup_entry(hass, mock_config_entry, **{CONF_KINDS: ["parcel"]})


async def _run(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """Let 40 hours pass poll by poll: both parcels reach their end."""
    for _ in range(80):
        await advance(hass, freezer, sim_state, STEP)


@pytest.mark.usefixtures("parcels_entry")
async def test_event_entity_on_the_account_device(hass: HomeAssistant) -> None:
    """One event entity on the account device, its five types, nothing fired yet."""
    state = state_of(hass, EVENT_ENTITY)
    assert state.state == "unknown"
    assert state.attributes["event_types"] == [
        "delivered",
        "out_for_delivery",
        "delivery_failed",
        "exception",
        "status_changed",
    ]
    assert state.attributes["friendly_name"] == "Track123 Shipment updates"
    entry = er.async_get(hass).async_get(EVENT_ENTITY)
    assert entry is not None
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, ENTRY_ID), ENTRY_ID
    )
    assert device is not None
    assert entry.device_id == device.id
    assert entry.unique_id == f"{ENTRY_ID}_status_updates"


@pytest.mark.usefixtures("parcels_entry")
async def test_automation_by_target_fires_on_delivery(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """An automation on the event entity, by event type, fires once per match.

    As the automation editor builds it "by target": the entity, the types chosen.
    """
    calls: list[ServiceCall] = async_mock_service(hass, "test", "automation")
    assert await async_setup_component(
        hass,
        automation.DOMAIN,
        {
            automation.DOMAIN: [
                {
                    "alias": alias,
                    "triggers": {
                        "trigger": "event.received",
                        "target": {"entity_id": EVENT_ENTITY},
                        "options": {"event_type": event_types},
                    },
                    "actions": {
                        "action": "test.automation",
                        "data": {
                            "alias": alias,
                            "number": "{{ trigger.to_state.attributes.tracking_number }}",
                            "status": "{{ trigger.to_state.attributes.new_status }}",
                        },
                    },
                }
                for alias, event_types in (
                    ("delivered", ["delivered"]),
                    ("trouble", ["delivery_failed", "exception"]),
                )
            ]
        },
    )
    await hass.async_block_till_done()

    await _run(hass, freezer, sim_state)

    assert sorted(
        (call.data["alias"], call.data["number"], call.data["status"]) for call in calls
    ) == [
        ("delivered", DELIVERED, "delivered"),
        ("trouble", FAILED, "delivery_failed"),
    ]


@pytest.mark.usefixtures("parcels_entry")
async def test_events_carry_the_bus_data(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """Each bus event is a status_changed event, then its meaning; same data.

    The last event shown is the meaningful one: here the last change's.
    """
    bus_events = async_capture_events(hass, EVENT_STATUS_CHANGED)
    states: list[State] = []

    # A callback, run in the event loop in the order of the writes (a plain
    # function would run in an executor thread, in no set order).
    @callback
    def record(event: Event[EventStateChangedData]) -> None:
        state = event.data["new_state"]
        if event.data["entity_id"] == EVENT_ENTITY and state is not None:
            states.append(state)

    hass.bus.async_listen(EVENT_STATE_CHANGED, record)

    await _run(hass, freezer, sim_state)
    await hass.async_block_till_done()

    expected: list[tuple[str, dict[str, Any]]] = []
    for bus_event in bus_events:
        data = dict(bus_event.data)
        data["shipment_entity_id"] = data.pop("entity_id")
        expected.append(("status_changed", data))
        if bus_event.data["category"] is not None:
            expected.append((bus_event.data["category"], data))
    shown = [
        (
            state.attributes["event_type"],
            {
                key: value
                for key, value in state.attributes.items()
                if key not in ("event_type", "event_types", "friendly_name")
            },
        )
        for state in states
    ]
    assert shown == expected
    # Each parcel: info received, in transit, out for delivery, then its end.
    assert len(bus_events) == 8
    assert [event_type for event_type, _ in shown].count("status_changed") == 8
    assert expected[-1][1]["shipment_entity_id"].startswith("sensor.track123_")
    # Every event is its own state change, though fired in the same instant.
    assert len({state.state for state in states}) == len(states)


@pytest.mark.usefixtures("parcels_entry")
async def test_other_accounts_events_ignored(hass: HomeAssistant) -> None:
    """A bus event of another account leaves the event entity as it is."""
    hass.bus.async_fire(
        EVENT_STATUS_CHANGED,
        {"config_entry_id": "another", "category": "delivered", "entity_id": None},
    )
    await hass.async_block_till_done()
    assert state_of(hass, EVENT_ENTITY).state == "unknown"
