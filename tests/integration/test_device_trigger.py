"""Tests of the device triggers of the account device."""

from collections import Counter
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import automation
from homeassistant.components.device_automation import DeviceAutomationType
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_get_device_automation_capabilities,
    async_get_device_automations,
    async_mock_service,
)

from custom_components.track123 import device_trigger
from custom_components.track123.const import CONF_KINDS, DOMAIN
from custom_components.track123.device_trigger import TRIGGER_SCHEMA, TRIGGER_TYPES
from custom_components.track123.events import EVENT_STATUS_CHANGED
from custom_components.track123.validation import vol
from track123_simulator import SimulatorState

from .common import ENTRY_ID, advance, setup_entry, shipment_unique_id

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


# What each automation's action records: which automation, which shipment, which status.
TRANSITION = {
    "number": "{{ trigger.event.data.tracking_number }}",
    "status": "{{ trigger.event.data.new_status }}",
}


async def _automations(
    hass: HomeAssistant,
    triggers: dict[str, dict[str, Any]],
    data: dict[str, str] | None = None,
) -> list[ServiceCall]:
    """Set up an automation per alias on its device trigger; return their calls.

    Each call's data holds the automation's alias and ``data``.
    """
    calls = async_mock_service(hass, "test", "automation")
    assert await async_setup_component(
        hass,
        automation.DOMAIN,
        {
            automation.DOMAIN: [
                {
                    "alias": alias,
                    "triggers": {"platform": "device", "domain": DOMAIN, **trigger},
                    "actions": {
                        "action": "test.automation",
                        "data": {"alias": alias, **(data or {})},
                    },
                }
                for alias, trigger in triggers.items()
            ]
        },
    )
    await hass.async_block_till_done()
    return calls


def _add_parcels(sim_state: SimulatorState) -> None:
    """Put three parcels in the account: to be delivered, failed and refused."""
    sim_state.add_parcel(DELIVERED, courier_code="ups", scenario="delivered")
    sim_state.add_parcel(FAILED, courier_code="ups", scenario="delivery_failed")
    sim_state.add_parcel(REFUSED, courier_code="ups", scenario="refused")


@pytest.fixture
async def parcels_entry(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, sim_state: SimulatorState
) -> MockConfigEntry:
    """Set up an account with three parcels: delivered, failed and refused."""
    _add_parcels(sim_state)
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


def test_trigger_schema() -> None:
    """The five types validate; a kind is one of three; a shipment is an entity."""
    config = {"platform": "device", "domain": DOMAIN, "device_id": "abc"}
    for trigger_type in TRIGGER_TYPES:
        TRIGGER_SCHEMA({**config, "type": trigger_type})
    config["type"] = "delivered"
    TRIGGER_SCHEMA({**config, "kind": "air", "entity_id": "sensor.track123_x"})
    TRIGGER_SCHEMA({**config, "entity_id": "0123456789abcdef0123456789abcdef"})
    for wrong in (
        {"type": "teleported"},
        {"kind": "rocket"},
        {"entity_id": "not an entity"},
    ):
        with pytest.raises(vol.Invalid):
            TRIGGER_SCHEMA({**config, **wrong})


@pytest.mark.usefixtures("parcels_entry")
async def test_triggers_fire_on_matching_transitions(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """Each trigger fires for its transitions, once each, and for no other."""
    device_id = _device_id(hass)
    calls = await _automations(
        hass,
        {
            trigger_type: {"device_id": device_id, "type": trigger_type}
            for trigger_type in TRIGGER_TYPES
        },
        TRANSITION,
    )

    # 40 h, poll by poll: every parcel goes out for delivery, then its ways part.
    for _ in range(80):
        await advance(hass, freezer, sim_state, timedelta(minutes=30))

    fired = Counter(
        (call.data["alias"], call.data["number"], call.data["status"]) for call in calls
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
    other_entry = MockConfigEntry(domain=DOMAIN, title="Other account")
    other_entry.add_to_hass(hass)
    other = dr.async_get(hass).async_get_or_create(
        config_entry_id=other_entry.entry_id,
        identifiers={(DOMAIN, other_entry.entry_id)},
    )
    calls = await _automations(
        hass,
        {
            alias: {"device_id": device_id, "type": "status_changed"}
            for alias, device_id in (("this", _device_id(hass)), ("other", other.id))
        },
    )

    await advance(hass, freezer, sim_state, timedelta(hours=6))

    # One poll sees each of the three parcels picked up: 3 transitions.
    assert [call.data["alias"] for call in calls] == ["this"] * 3


# Filters: a kind, a shipment -----------------------------------------------------------

AIR = "176-12345675"


@pytest.fixture
async def mixed_entry(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, sim_state: SimulatorState
) -> MockConfigEntry:
    """Set up an account with the three parcels and an air waybill to be delivered."""
    _add_parcels(sim_state)
    sim_state.add_air(AIR, scenario="delivered")
    return await setup_entry(hass, mock_config_entry)


def _sensor(hass: HomeAssistant, kind: str, number: str) -> er.RegistryEntry:
    """Return the registry entry of a shipment's sensor."""
    entity_id = er.async_get(hass).async_get_entity_id(
        "sensor", DOMAIN, shipment_unique_id(kind, number)
    )
    assert entity_id is not None
    entry = er.async_get(hass).async_get(entity_id)
    assert entry is not None
    return entry


@pytest.mark.usefixtures("mixed_entry")
async def test_trigger_capabilities(hass: HomeAssistant) -> None:
    """Each trigger offers an optional kind and an optional shipment sensor."""
    device_id = _device_id(hass)
    triggers = await async_get_device_automations(
        hass, DeviceAutomationType.TRIGGER, device_id
    )
    trigger = next(t for t in triggers if t["domain"] == DOMAIN)

    capabilities = await async_get_device_automation_capabilities(
        hass, DeviceAutomationType.TRIGGER, trigger
    )

    kind, entity = capabilities["extra_fields"]
    assert kind["name"] == "kind"
    assert kind["optional"] is True
    # Named in the home's language: the editor shows the options as given.
    assert kind["selector"]["select"]["options"] == [
        {"value": "parcel", "label": "Parcel"},
        {"value": "ocean", "label": "Ocean shipment"},
        {"value": "air", "label": "Air waybill"},
    ]
    assert entity["name"] == "entity_id"
    assert entity["optional"] is True
    # The shipments' sensors only: not the summaries, not the calendar.
    assert entity["selector"]["entity"]["include_entities"] == sorted(
        _sensor(hass, kind, number).entity_id
        for kind, number in (
            ("parcel", DELIVERED),
            ("parcel", FAILED),
            ("parcel", REFUSED),
            ("air", AIR),
        )
    )


@pytest.mark.usefixtures("mixed_entry")
async def test_filtered_triggers(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """A kind or a shipment filter lets through only its shipments' transitions.

    The shipment may be named by entity id or by registry id (what the editor
    stores when the sensor is renamed later).
    """
    device_id = _device_id(hass)
    parcel = _sensor(hass, "parcel", DELIVERED)
    filters: dict[str, tuple[str, dict[str, str]]] = {
        "air delivered": ("delivered", {"kind": "air"}),
        "parcel delivered": ("delivered", {"kind": "parcel"}),
        "ocean delivered": ("delivered", {"kind": "ocean"}),
        "one parcel by entity id": ("status_changed", {"entity_id": parcel.entity_id}),
        "one parcel by registry id": ("delivered", {"entity_id": parcel.id}),
        "one parcel, air kind": (
            "status_changed",
            {"entity_id": parcel.entity_id, "kind": "air"},
        ),
    }
    calls = await _automations(
        hass,
        {
            alias: {"device_id": device_id, "type": trigger_type, **extra}
            for alias, (trigger_type, extra) in filters.items()
        },
        TRANSITION,
    )

    for _ in range(80):
        await advance(hass, freezer, sim_state, timedelta(minutes=30))
    # A shipment Home Assistant refused a sensor (too many entities): no entity id.
    hass.bus.async_fire(
        EVENT_STATUS_CHANGED,
        {
            "device_id": device_id,
            "entity_id": None,
            "kind": "air",
            "category": "delivered",
            "tracking_number": "618-00000000",
            "new_status": "delivered",
        },
    )
    await hass.async_block_till_done()

    fired: dict[str, list[tuple[str, str]]] = {alias: [] for alias in filters}
    for call in calls:
        fired[call.data["alias"]].append((call.data["number"], call.data["status"]))
    assert fired == {
        "air delivered": [(AIR, "delivered"), ("618-00000000", "delivered")],
        "parcel delivered": [(DELIVERED, "delivered")],
        "ocean delivered": [],
        "one parcel by entity id": [
            (DELIVERED, status)
            for status in (
                "info_received",
                "in_transit",
                "waiting_delivery",
                "delivered",
            )
        ],
        "one parcel by registry id": [(DELIVERED, "delivered")],
        "one parcel, air kind": [],
    }


@pytest.mark.usefixtures("mixed_entry")
async def test_shipment_filter_of_a_sensor_gone(hass: HomeAssistant) -> None:
    """A trigger whose sensor left the registry matches nothing.

    Not even the events of shipments without a sensor, whose entity id is None.
    """
    device_id = _device_id(hass)
    fired: list[dict[str, Any]] = []
    detach = await device_trigger.async_attach_trigger(
        hass,
        TRIGGER_SCHEMA(
            {
                "platform": "device",
                "domain": DOMAIN,
                "device_id": device_id,
                "type": "status_changed",
                "entity_id": "0123456789abcdef0123456789abcdef",
            }
        ),
        lambda variables, context=None: fired.append(variables),
        {"trigger_data": {}, "variables": {}},
    )
    hass.bus.async_fire(
        EVENT_STATUS_CHANGED,
        {"device_id": device_id, "entity_id": None, "new_status": "delivered"},
    )
    await hass.async_block_till_done()
    detach()
    assert fired == []
