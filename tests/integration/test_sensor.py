"""Tests of the sensors: one per shipment through every status, and the summary."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
import gc
from typing import Any
import weakref

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_STATE_CHANGED, STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import async_get_platforms
from homeassistant.helpers.entity_registry import RegistryEntryDisabler
from homeassistant.helpers.json import json_dumps
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.track123.api import (
    ExpectedDelivery,
    OceanSearchStatus,
    OceanShipment,
    Parcel,
    ParcelEvent,
    ParcelStatus,
    ParcelSubStatus,
)
from custom_components.track123.const import CONF_KINDS, DOMAIN, ShipmentKind
from custom_components.track123.kinds import STATUS_OPTIONS
from track123_simulator import (
    AIR_SCENARIOS,
    OCEAN_SCENARIOS,
    PARCEL_SCENARIOS,
    SimulatorState,
)

from .common import (
    AIR,
    OCEAN,
    OCEAN_UNIQUE_ID,
    PARCEL,
    PARCEL_UNIQUE_ID,
    advance,
    entity_id_of,
    setup_entry,
    shipment_unique_id,
    state_of,
)

# What a user sees, status by status, as each simulator scenario unfolds.
PARCEL_STATUS_SEQUENCES: dict[str, list[str]] = {
    "delivered": [
        "init",
        "info_received",
        "in_transit",
        "waiting_delivery",
        "delivered",
    ],
    "pickup_point": [
        "init",
        "info_received",
        "in_transit",
        "waiting_delivery",
        "delivered",
    ],
    "failed_then_delivered": [
        "init",
        "info_received",
        "in_transit",
        "waiting_delivery",
        "delivery_failed",
        "waiting_delivery",
        "delivery_failed",
        "waiting_delivery",
        "delivered",
    ],
    "delivery_failed": [
        "init",
        "info_received",
        "in_transit",
        "waiting_delivery",
        "delivery_failed",
    ],
    "returned_to_sender": [
        "init",
        "info_received",
        "in_transit",
        "waiting_delivery",
        "delivery_failed",
        "abnormal",
        "in_transit",
        "abnormal",
    ],
    "refused": [
        "init",
        "info_received",
        "in_transit",
        "waiting_delivery",
        "abnormal",
    ],
    "unclaimed": [
        "init",
        "info_received",
        "in_transit",
        "waiting_delivery",
        "abnormal",
    ],
    "lost": ["init", "info_received", "in_transit", "abnormal"],
    "cancelled": ["init", "info_received", "abnormal"],
    "no_record": ["init", "no_record"],
    "expired": ["init", "no_record", "expired"],
    "cross_border": [
        "init",
        "info_received",
        "in_transit",
        "waiting_delivery",
        "delivered",
    ],
    "customs_held": ["init", "info_received", "in_transit", "abnormal"],
}
OCEAN_STATUS_SEQUENCES: dict[str, list[str]] = {
    "delivered": ["init", "in_transit", "final"],
    "multi_container": ["init", "in_transit", "final"],
    "customs_hold": ["init", "in_transit"],
    "no_record": ["init", "no_record"],
    "expired": ["init", "no_record", "expired"],
}
AIR_STATUS_SEQUENCES: dict[str, list[str]] = {
    "delivered": [
        "init",
        "booked",
        "received",
        "in_transit",
        "arrived",
        "in_transit",
        "arrived",
        "notified",
        "delivered",
    ],
    "exception": ["init", "booked", "received", "in_transit", "arrived", "exception"],
    "no_record": ["init", "no_record"],
    "expired": ["init", "no_record", "expired"],
}

SUMMARY_ENTITIES = {
    "init": "sensor.track123_parcels_pending",
    "no_record": "sensor.track123_parcels_not_found",
    "info_received": "sensor.track123_parcels_with_info_received",
    "in_transit": "sensor.track123_parcels_in_transit",
    "waiting_delivery": "sensor.track123_parcels_out_for_delivery",
    "delivery_failed": "sensor.track123_parcels_with_failed_delivery",
    "abnormal": "sensor.track123_parcels_with_an_exception",
    "delivered": "sensor.track123_parcels_delivered",
    "expired": "sensor.track123_parcels_expired",
}
NEXT_DELIVERY = "sensor.track123_next_expected_delivery"
LAST_REFRESH = "sensor.track123_last_successful_update"


def test_scenarios_cover_every_status() -> None:
    """The scenario walks below reach every status of every kind."""
    assert set(PARCEL_STATUS_SEQUENCES) == set(PARCEL_SCENARIOS)
    assert set(OCEAN_STATUS_SEQUENCES) == set(OCEAN_SCENARIOS)
    assert set(AIR_STATUS_SEQUENCES) == set(AIR_SCENARIOS)
    for kind, sequences in (
        (ShipmentKind.PARCEL, PARCEL_STATUS_SEQUENCES),
        (ShipmentKind.OCEAN, OCEAN_STATUS_SEQUENCES),
        (ShipmentKind.AIR, AIR_STATUS_SEQUENCES),
    ):
        reached = {status for sequence in sequences.values() for status in sequence}
        assert reached == set(STATUS_OPTIONS[kind])
    assert set(SUMMARY_ENTITIES) == set(STATUS_OPTIONS[ShipmentKind.PARCEL])


@pytest.mark.usefixtures("entity_registry_enabled_by_default", "sensor_platform_only")
async def test_all_entities(
    *,
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    snapshot: SnapshotAssertion,
) -> None:
    """Every entity of an account with one shipment of each kind, on its way."""
    await advance(hass, freezer, sim_state, timedelta(hours=30))

    await snapshot_platform(hass, entity_registry, snapshot, init_integration.entry_id)


def _moments(offsets: Iterable[timedelta]) -> list[timedelta]:
    """Return one moment just after each step of a timeline, in order."""
    return sorted({offset + timedelta(minutes=1) for offset in offsets})


async def _walk(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    entity_id: str,
    *,
    offsets: Iterable[timedelta],
    snapshot: SnapshotAssertion,
) -> list[str]:
    """Poll just after every step of a timeline; snapshot the sensor at each new status."""
    start = sim_state.clock.now()
    state = hass.states.get(entity_id)
    assert state is not None
    statuses = [state.state]
    assert state == snapshot(name=f"00-{state.state}")
    for moment in _moments(offsets):
        await advance(hass, freezer, sim_state, start + moment - sim_state.clock.now())
        state = hass.states.get(entity_id)
        assert state is not None
        if state.state != statuses[-1]:
            statuses.append(state.state)
            assert state == snapshot(name=f"{len(statuses) - 1:02d}-{state.state}")
    return statuses


@dataclass(frozen=True)
class _Walk:
    """How to follow one kind of shipment through its scenarios."""

    kinds: list[str]
    entity_id: str
    add: Callable[[SimulatorState, str], Any]
    # The moments the scenario's plan changes something.
    offsets: Callable[[Any], Iterable[timedelta]]
    sequences: dict[str, list[str]]


WALKS: dict[str, _Walk] = {
    "parcel": _Walk(
        kinds=["parcel"],
        entity_id="sensor.track123_1z999aa10123456784",
        add=lambda state, scenario: state.add_parcel(
            PARCEL, courier_code="ups", scenario=scenario
        ),
        offsets=lambda parcel: [step.offset for step in parcel.plan.steps],
        sequences=PARCEL_STATUS_SEQUENCES,
    ),
    "ocean": _Walk(
        kinds=["ocean"],
        entity_id="sensor.track123_msku1234567",
        add=lambda state, scenario: state.add_ocean(
            OCEAN, number_type=3, carrier_code="MAEU", scenario=scenario
        ),
        offsets=lambda ocean: [
            *(step.offset for _, steps in ocean.plan.containers for step in steps),
            *(offset for offset, _ in ocean.plan.markers),
        ],
        sequences=OCEAN_STATUS_SEQUENCES,
    ),
    "air": _Walk(
        kinds=["air"],
        entity_id="sensor.track123_176_12345675",
        add=lambda state, scenario: state.add_air(AIR, scenario=scenario),
        offsets=lambda air: [
            *(event.offset for event in air.plan.events),
            *(offset for offset, _ in air.plan.markers),
        ],
        sequences=AIR_STATUS_SEQUENCES,
    ),
}


@pytest.mark.parametrize(
    ("kind", "scenario"),
    [
        pytest.param(kind, scenario, id=f"{kind}-{scenario}")
        for kind, walk in WALKS.items()
        for scenario in walk.sequences
    ],
)
async def test_scenario(
    *,
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    snapshot: SnapshotAssertion,
    kind: str,
    scenario: str,
) -> None:
    """A shipment's sensor follows its status, sub-status, events and dates."""
    walk = WALKS[kind]
    shipment = walk.add(sim_state, scenario)
    await setup_entry(hass, mock_config_entry, **{CONF_KINDS: walk.kinds})
    number = {"parcel": PARCEL, "ocean": OCEAN, "air": AIR}[kind]
    entity_id = entity_id_of(hass, shipment_unique_id(kind, number))
    assert entity_id == walk.entity_id

    statuses = await _walk(
        hass,
        freezer,
        sim_state,
        entity_id,
        offsets=walk.offsets(shipment),
        snapshot=snapshot,
    )

    assert statuses == walk.sequences[scenario]


async def test_parcel_counts(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """A summary sensor counts the parcels in each status; other kinds do not count."""
    now = sim_state.clock.now()
    for number, scenario, age in (
        ("PARCEL0001", "delivered", timedelta(0)),
        ("PARCEL0002", "no_record", timedelta(hours=3)),
        ("PARCEL0003", "delivered", timedelta(hours=3)),
        ("PARCEL0004", "delivered", timedelta(hours=10)),
        ("PARCEL0005", "cross_border", timedelta(hours=10)),
        ("PARCEL0006", "delivered", timedelta(hours=35)),
        ("PARCEL0007", "delivery_failed", timedelta(hours=40)),
        ("PARCEL0008", "refused", timedelta(hours=40)),
        ("PARCEL0009", "lost", timedelta(hours=100)),
        ("PARCEL0010", "delivered", timedelta(hours=40)),
        ("PARCEL0011", "expired", timedelta(days=31)),
    ):
        sim_state.add_parcel(
            number, courier_code="usps", scenario=scenario, added_at=now - age
        )
    sim_state.add_ocean(OCEAN, scenario="delivered", added_at=now - timedelta(days=40))
    sim_state.add_air(AIR, scenario="delivered", added_at=now - timedelta(hours=41))
    await setup_entry(hass, mock_config_entry)

    counts = {
        status: state_of(hass, entity_id).state
        for status, entity_id in SUMMARY_ENTITIES.items()
    }

    assert counts == {
        "init": "1",
        "no_record": "1",
        "info_received": "1",
        "in_transit": "2",
        "waiting_delivery": "1",
        "delivery_failed": "1",
        "abnormal": "2",
        "delivered": "1",
        "expired": "1",
    }
    state = hass.states.get(SUMMARY_ENTITIES["in_transit"])
    assert state is not None
    # A bare count: no unit that would read "1 parcels" (the name says what is counted).
    assert "unit_of_measurement" not in state.attributes
    assert state.attributes["state_class"] == "measurement"


@pytest.mark.usefixtures("demo_shipments")
async def test_next_expected_delivery(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """The next expected delivery is the undelivered shipment expected soonest."""
    sim_state.add_parcel(
        "PARCEL0001", courier_code="usps", scenario="delivered", remark="Winter tyres"
    )
    await setup_entry(hass, mock_config_entry)
    # Nothing has an expected delivery yet.
    state = hass.states.get(NEXT_DELIVERY)
    assert state is not None
    assert state.state == STATE_UNKNOWN
    assert "tracking_number" not in state.attributes

    await advance(hass, freezer, sim_state, timedelta(hours=2))

    state = hass.states.get(NEXT_DELIVERY)
    assert state is not None
    assert state.state == "2026-11-02T00:00:00+00:00"
    assert state.attributes["device_class"] == "timestamp"
    assert {
        key: state.attributes[key] for key in ("tracking_number", "label", "kind")
    } in (
        {"tracking_number": PARCEL, "label": None, "kind": "parcel"},
        {"tracking_number": "PARCEL0001", "label": "Winter tyres", "kind": "parcel"},
    )

    # The parcels are delivered: the ocean shipment's arrival is next.
    await advance(hass, freezer, sim_state, timedelta(hours=100))

    state = hass.states.get(NEXT_DELIVERY)
    assert state is not None
    # Its ETA is written without a zone: the start of that day in the home's zone
    # (US/Pacific in the tests).
    assert state.state == "2026-12-01T08:00:00+00:00"
    assert state.attributes["tracking_number"] == OCEAN
    assert state.attributes["kind"] == "ocean"
    assert state.attributes["label"] is None

    # Everything has arrived: nothing is expected any more.
    await advance(hass, freezer, sim_state, timedelta(days=36))

    state = hass.states.get(NEXT_DELIVERY)
    assert state is not None
    assert state.state == STATE_UNKNOWN
    assert "tracking_number" not in state.attributes


async def test_last_successful_update(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """The last update sensor is disabled by default; enabled, it moves on every poll."""
    entry = entity_registry.async_get(LAST_REFRESH)
    assert entry is not None
    assert entry.disabled_by is RegistryEntryDisabler.INTEGRATION
    assert entry.entity_category == "diagnostic"
    assert hass.states.get(LAST_REFRESH) is None

    # Enabling an entity reloads its config entry after a short delay.
    entity_registry.async_update_entity(LAST_REFRESH, disabled_by=None)
    await advance(hass, freezer, sim_state, timedelta(seconds=31))

    state = hass.states.get(LAST_REFRESH)
    assert state is not None
    assert state.state == "2026-11-01T00:00:31+00:00"
    assert state.attributes["device_class"] == "timestamp"

    # Nothing changes in the account within these 30 minutes, yet the sensor moves.
    events = async_capture_events(hass, EVENT_STATE_CHANGED)
    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert [event.data["entity_id"] for event in events] == [LAST_REFRESH]
    state = hass.states.get(LAST_REFRESH)
    assert state is not None
    assert state.state == "2026-11-01T00:30:31+00:00"


async def test_long_history_keeps_the_state_small(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A shipment with 200 events keeps its state small; the action returns all 200."""
    start = dt_util.utcnow() - timedelta(days=30)
    events = tuple(
        ParcelEvent(
            time=start + timedelta(hours=3 * index),
            description=f"Scanned at sorting centre {index} of the long way round",
            location=f"HUB {index}, SOMEWHERE, US",
            sub_status=ParcelSubStatus.IN_TRANSIT_02,
        )
        for index in reversed(range(200))
    )
    coordinator = init_integration.runtime_data.coordinator
    coordinator.async_set_shipment(
        Parcel(
            track_no=PARCEL,
            courier_code="ups",
            status=ParcelStatus.IN_TRANSIT,
            sub_status=ParcelSubStatus.IN_TRANSIT_02,
            events=events,
        )
    )
    await hass.async_block_till_done()

    state = state_of(hass, entity_id_of(hass, PARCEL_UNIQUE_ID))
    assert len(json_dumps(dict(state.attributes))) < 4096
    assert "events" not in state.attributes
    assert state.attributes["last_event"] == events[0].description
    response = await hass.services.async_call(
        DOMAIN,
        "get_shipments",
        {"kind": ["parcel"]},
        blocking=True,
        return_response=True,
    )
    [shipment] = response["shipments"]
    assert len(shipment["events"]) == 200


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        pytest.param(ParcelStatus.WAITING_DELIVERY, 6, id="under way: by its end"),
        pytest.param(ParcelStatus.ABNORMAL, None, id="on its way back: not next"),
        pytest.param(ParcelStatus.DELIVERED, None, id="delivered: not next"),
    ],
)
async def test_next_expected_delivery_of_a_window_begun(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    status: ParcelStatus,
    shown: int | None,
) -> None:
    """A window under way is shown by its end; a shipment not coming is not next."""
    now = dt_util.utcnow().replace(microsecond=0)
    init_integration.runtime_data.coordinator.async_set_shipment(
        Parcel(
            track_no=PARCEL,
            courier_code="ups",
            status=status,
            expected_delivery=ExpectedDelivery(
                now - timedelta(hours=2), now + timedelta(hours=6)
            ),
            events=(ParcelEvent(time=now, description="Latest news"),),
        )
    )
    await hass.async_block_till_done()

    state = state_of(hass, NEXT_DELIVERY)
    if shown is None:
        assert state.attributes.get("tracking_number") != PARCEL
    else:
        assert state.state == (now + timedelta(hours=shown)).isoformat()
        assert state.attributes["tracking_number"] == PARCEL


async def test_ocean_departure_and_arrival_shown(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Estimated and actual departure and arrival, and the vessel, when Track123 gives them."""
    now = dt_util.utcnow().replace(microsecond=0)
    init_integration.runtime_data.coordinator.async_set_shipment(
        OceanShipment(
            tracking_no=OCEAN,
            carrier_code="MAEU",
            search_status=OceanSearchStatus.IN_TRANSIT,
            eta=now + timedelta(days=20),
            etd=now - timedelta(days=2),
            atd=now - timedelta(days=1),
            vessel="MAERSK ESSEN",
            voyage="448W",
        )
    )
    await hass.async_block_till_done()

    attributes = state_of(hass, entity_id_of(hass, OCEAN_UNIQUE_ID)).attributes
    assert attributes["etd"] == now - timedelta(days=2)
    assert attributes["atd"] == now - timedelta(days=1)
    assert "ata" not in attributes
    assert (attributes["vessel"], attributes["voyage"]) == ("MAERSK ESSEN", "448W")


async def test_removed_sensor_is_let_go(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
) -> None:
    """A sensor the user removes is no longer held: thousands may come and go."""
    entity_id = entity_id_of(hass, PARCEL_UNIQUE_ID)
    assert entity_id is not None
    [platform] = [
        platform
        for platform in async_get_platforms(hass, DOMAIN)
        if platform.domain == "sensor"
    ]
    sensor = weakref.ref(platform.entities[entity_id])

    entity_registry.async_remove(entity_id)
    await hass.async_block_till_done()
    gc.collect()

    assert hass.states.get(entity_id) is None
    assert sensor() is None
