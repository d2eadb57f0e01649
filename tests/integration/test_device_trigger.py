"""Tests of the device triggers of the account device."""

from collections import Counter
from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import automation
from homeassistant.components.device_automation import DeviceAutomationType
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
import probatio as vol
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_get_device_automations,
    async_mock_service,
)

from custom_components.track123.const import CONF_KINDS, DOMAIN
from custom_components.track123.device_trigger import TRIGGER_SCHEMA, TRIGGER_TYPES
from track123_simulator import SimulatorState

from .common import ENTRY_ID, advance, setup_entry

DELIVERED = "1Z999AA10000000011"
FAILED = "1Z999AA10000000012"
REFUSED = "1Z999AA10000000013"


def _device_id(hass: HomeAssistant) -> str:
    """Return the id of the account device."""
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, ENTRY_ID), ENTRY_ID
    )
    assert device is not None
    return device.id


@pytest.fixture
async def parcels_entry(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, sim_state: SimulatorState
) -> MockConfigEntry:
    """Set up an account with three parcels: delivered, failed and refused."""
    sim_state.add_parcel(DELIVERED, courier_code="ups", scenario="delivered")
    sim_state.add_parcel(FAILED, courier_code="ups", scenario="delivery_failed")
    sim_state.add_parcel(REFUSED, courier_code="ups", scenario="refused")
    return await setup_entry(hass, mock_config_entry, **{CONF_KINDS: ["parcel"]})


@pytest.mark.usefixtures("parcels_entry")
async def test_get_triggers(hass: HomeAssistant) -> None:
    """The account device offers the five trigger types."""
    device_id = _device_id(hass)

    triggers = await async_get_device_automations(
        hass, DeviceAutomationType.TRIGGER, device_id
    )

    assert sorted(
        (t["platform"], t["domain"], t["device_id"], t["type"])
        for t in triggers
        if t["domain"] == DOMAIN
    ) == sorted(
        ("device", DOMAIN, device_id, trigger_type)
        for trigger_type in (
            "delivered",
            "status_changed",
            "out_for_delivery",
            "delivery_failed",
            "exception",
        )
    )


def test_unknown_trigger_type() -> None:
    """Only the five types validate."""
    config = {"platform": "device", "domain": DOMAIN, "device_id": "abc"}
    for trigger_type in TRIGGER_TYPES:
        TRIGGER_SCHEMA({**config, "type": trigger_type})
    with pytest.raises(vol.Invalid):
        TRIGGER_SCHEMA({**config, "type": "teleported"})


@pytest.mark.usefixtures("parcels_entry")
async def test_triggers_fire_on_matching_transitions(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """Each trigger fires for its transitions, once each, and for no other."""
    calls: list[ServiceCall] = async_mock_service(hass, "test", "automation")
    device_id = _device_id(hass)
    assert await async_setup_component(
        hass,
        automation.DOMAIN,
        {
            automation.DOMAIN: [
                {
                    "alias": trigger_type,
                    "triggers": [
                        {
                            "platform": "device",
                            "domain": DOMAIN,
                            "device_id": device_id,
                            "type": trigger_type,
                        }
                    ],
                    "actions": [
                        {
                            "action": "test.automation",
                            "data": {
                                "type": trigger_type,
                                "number": "{{ trigger.event.data.tracking_number }}",
                                "status": "{{ trigger.event.data.new_status }}",
                            },
                        }
                    ],
                }
                for trigger_type in TRIGGER_TYPES
            ]
        },
    )
    await hass.async_block_till_done()

    # 40 h, poll by poll: every parcel goes out for delivery, then its ways part.
    for _ in range(80):
        await advance(hass, freezer, sim_state, timedelta(minutes=30))

    fired = Counter(
        (call.data["type"], call.data["number"], call.data["status"]) for call in calls
    )
    by_type = {
        trigger_type: {
            (number, status) for (kind, number, status) in fired if kind == trigger_type
        }
        for trigger_type in TRIGGER_TYPES
    }
    assert set(fired.values()) == {1}
    assert by_type["out_for_delivery"] == {
        (DELIVERED, "waiting_delivery"),
        (FAILED, "waiting_delivery"),
        (REFUSED, "waiting_delivery"),
    }
    assert by_type["delivered"] == {(DELIVERED, "delivered")}
    assert by_type["delivery_failed"] == {(FAILED, "delivery_failed")}
    assert by_type["exception"] == {(REFUSED, "abnormal")}
    assert by_type["status_changed"] == {
        (number, status)
        for number in (DELIVERED, FAILED, REFUSED)
        for status in ("info_received", "in_transit", "waiting_delivery")
    } | {
        (DELIVERED, "delivered"),
        (FAILED, "delivery_failed"),
        (REFUSED, "abnormal"),
    }


@pytest.mark.usefixtures("parcels_entry")
async def test_trigger_of_another_device(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """A trigger on another device does not fire for this account's shipments."""
    calls: list[ServiceCall] = async_mock_service(hass, "test", "automation")
    other_entry = MockConfigEntry(domain=DOMAIN, title="Other account")
    other_entry.add_to_hass(hass)
    other = dr.async_get(hass).async_get_or_create(
        config_entry_id=other_entry.entry_id,
        identifiers={(DOMAIN, other_entry.entry_id)},
    )
    assert await async_setup_component(
        hass,
        automation.DOMAIN,
        {
            automation.DOMAIN: [
                {
                    "alias": alias,
                    "triggers": {
                        "platform": "device",
                        "domain": DOMAIN,
                        "device_id": device_id,
                        "type": "status_changed",
                    },
                    "actions": {
                        "action": "test.automation",
                        "data": {"alias": alias},
                    },
                }
                for alias, device_id in (
                    ("this", _device_id(hass)),
                    ("other", other.id),
                )
            ]
        },
    )
    await hass.async_block_till_done()

    await advance(hass, freezer, sim_state, timedelta(hours=6))

    # One poll sees each of the three parcels picked up: 3 transitions.
    assert [call.data["alias"] for call in calls] == ["this"] * 3
