"""Tests of shipments coming and going, and of the scope and kinds options."""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.track123.const import (
    CONF_DELIVERED_RETENTION_DAYS,
    CONF_KINDS,
    CONF_SCOPE,
    ShipmentKind,
)
from custom_components.track123.coordinator import Track123ConfigEntry
from custom_components.track123.store import AddedShipment
from track123_simulator import SimulatorState

from .common import (
    AIR,
    AIR_UNIQUE_ID,
    ENTRY_ID,
    OCEAN,
    OCEAN_UNIQUE_ID,
    PARCEL,
    PARCEL_UNIQUE_ID,
    advance,
    entity_id_of,
    setup_entry,
    shipment_entity_ids,
    state_of,
)

STORAGE_KEY = f"track123.{ENTRY_ID}"
OTHER_PARCEL = "9400111899223344556677"

DEMO_ENTITIES = {
    "sensor.track123_1z999aa10123456784",
    "sensor.track123_msku1234567",
    "sensor.track123_176_12345675",
}


def _stored(added: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the stored document of the test entry."""
    return {
        "version": 1,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": {"added": added},
    }


@pytest.mark.usefixtures("init_integration")
async def test_new_shipment_appears_without_reload(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """A shipment added to the account gets a sensor at the next poll."""
    assert shipment_entity_ids(hass) == DEMO_ENTITIES
    sim_state.add_parcel(OTHER_PARCEL, courier_code="usps", scenario="delivered")

    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert shipment_entity_ids(hass) == {
        *DEMO_ENTITIES,
        "sensor.track123_9400111899223344556677",
    }
    state = hass.states.get("sensor.track123_9400111899223344556677")
    assert state is not None
    assert state.state == "init"
    assert state.attributes["carrier_code"] == "usps"


async def test_deleted_shipments_leave(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """Shipments deleted from the account lose their sensor at the next poll."""
    parcel = entity_id_of(hass, PARCEL_UNIQUE_ID)
    ocean = entity_id_of(hass, OCEAN_UNIQUE_ID)
    assert parcel is not None
    assert ocean is not None
    # One through the API, one behind the simulator's back.
    result = await init_integration.runtime_data.client.delete_parcels(
        [PARCEL], {PARCEL: "ups"}
    )
    assert result.accepted
    del sim_state.ocean[OCEAN]

    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert shipment_entity_ids(hass) == {"sensor.track123_176_12345675"}
    assert hass.states.get(parcel) is None
    assert hass.states.get(ocean) is None

    # They do not come back after a restart.
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()

    assert shipment_entity_ids(hass) == {"sensor.track123_176_12345675"}


@pytest.mark.usefixtures("init_integration")
async def test_delivered_shipments_leave_after_retention(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """Delivered shipments stay for the retention days, then their sensor goes."""
    # Delivered at about 38 h (parcel) and 40 h (air waybill).
    await advance(hass, freezer, sim_state, timedelta(hours=41))
    assert shipment_entity_ids(hass) == DEMO_ENTITIES
    # Seven days after delivery, less an hour.
    await advance(hass, freezer, sim_state, timedelta(days=6, hours=20))
    assert shipment_entity_ids(hass) == DEMO_ENTITIES

    # Air cargo times come without a zone and are read in the home's zone: half a
    # day more covers any offset.
    await advance(hass, freezer, sim_state, timedelta(hours=16))

    assert shipment_entity_ids(hass) == {"sensor.track123_msku1234567"}

    assert await hass.config_entries.async_reload(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert shipment_entity_ids(hass) == {"sensor.track123_msku1234567"}


@pytest.mark.usefixtures("demo_shipments")
@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, {"sensor.track123_msku1234567"}),
        (30, DEMO_ENTITIES),
    ],
)
async def test_retention_option(
    *,
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    days: int,
    expected: set[str],
) -> None:
    """The retention option sets how long delivered shipments stay."""
    await setup_entry(hass, mock_config_entry, **{CONF_DELIVERED_RETENTION_DAYS: days})

    await advance(hass, freezer, sim_state, timedelta(days=10))

    assert shipment_entity_ids(hass) == expected


@pytest.mark.usefixtures("init_integration")
async def test_setup_removes_entities_of_shipments_gone(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, sim_state: SimulatorState
) -> None:
    """Registry entries of shipments that vanished while stopped go at setup."""
    assert await hass.config_entries.async_unload(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert shipment_entity_ids(hass) == DEMO_ENTITIES
    del sim_state.air[AIR]

    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert mock_config_entry.state is ConfigEntryState.LOADED
    assert shipment_entity_ids(hass) == DEMO_ENTITIES - {"sensor.track123_176_12345675"}
    assert entity_id_of(hass, AIR_UNIQUE_ID) is None
    # The summary sensors are no shipments and stay.
    assert hass.states.get("sensor.track123_parcels_pending") is not None


@pytest.mark.usefixtures("demo_shipments")
async def test_scope_added(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    sim_state: SimulatorState,
) -> None:
    """With the scope "added", only shipments added from Home Assistant show."""
    sim_state.add_parcel(OTHER_PARCEL, courier_code="usps", scenario="delivered")
    hass_storage[STORAGE_KEY] = _stored(
        [
            {
                "kind": "parcel",
                "number": PARCEL,
                "carrier": "ups",
                "label": "New shoes",
            },
            {"kind": "ocean", "number": OCEAN, "carrier": "MAEU"},
            {"kind": "air", "number": AIR, "carrier": "EK", "label": "Spare parts"},
            # Damaged entries are skipped.
            {"kind": "truck", "number": "X1"},
            {"number": "X2"},
        ]
    )

    await setup_entry(hass, mock_config_entry, **{CONF_SCOPE: "added"})

    assert shipment_entity_ids(hass) == {
        "sensor.track123_new_shoes",
        "sensor.track123_msku1234567",
        "sensor.track123_spare_parts",
    }
    state = hass.states.get("sensor.track123_new_shoes")
    assert state is not None
    assert state.name == "Track123 New shoes"
    assert state.attributes["label"] == "New shoes"
    assert state.attributes["tracking_number"] == PARCEL
    state = hass.states.get("sensor.track123_spare_parts")
    assert state is not None
    assert state.attributes["tracking_number"] == AIR


@pytest.mark.usefixtures("demo_shipments")
async def test_scope_added_with_nothing_added(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """With the scope "added" and nothing added, no shipment shows and none is asked."""
    await setup_entry(hass, mock_config_entry, **{CONF_SCOPE: "added"})

    assert mock_config_entry.state is ConfigEntryState.LOADED
    assert shipment_entity_ids(hass) == set()
    assert sim_state.request_count() == 0
    assert state_of(hass, "sensor.track123_parcels_pending").state == "0"


@pytest.mark.usefixtures("demo_shipments")
async def test_shipments_added_and_forgotten(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """Shipments added to the store show at the next poll, and go once forgotten."""
    hass_storage[STORAGE_KEY] = _stored(
        [{"kind": "parcel", "number": PARCEL, "carrier": "ups"}]
    )
    entry: Track123ConfigEntry = await setup_entry(
        hass,
        mock_config_entry,
        **{CONF_SCOPE: "added", CONF_KINDS: ["parcel", "air"]},
    )
    assert shipment_entity_ids(hass) == {"sensor.track123_1z999aa10123456784"}
    store = entry.runtime_data.store
    added = AddedShipment(ShipmentKind.AIR, AIR, "EK", "Engine parts")

    await store.async_add(added)
    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert shipment_entity_ids(hass) == {
        "sensor.track123_1z999aa10123456784",
        "sensor.track123_engine_parts",
    }
    assert hass_storage[STORAGE_KEY]["data"]["added"][1] == {
        "kind": "air",
        "number": AIR,
        "carrier": "EK",
        "label": "Engine parts",
        "number_type": None,
    }

    await store.async_remove(added.key)
    await store.async_remove("air_ek_unknown")
    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert shipment_entity_ids(hass) == {"sensor.track123_1z999aa10123456784"}
    assert len(hass_storage[STORAGE_KEY]["data"]["added"]) == 1


@pytest.mark.usefixtures("demo_shipments")
async def test_kinds_option(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, sim_state: SimulatorState
) -> None:
    """Only shipments of the chosen kinds show, and only their kinds are asked."""
    await setup_entry(hass, mock_config_entry, **{CONF_KINDS: ["parcel"]})

    assert shipment_entity_ids(hass) == {"sensor.track123_1z999aa10123456784"}
    assert sim_state.requests_per_endpoint() == {"tk/v2.1/track/query": 1}


@pytest.mark.usefixtures("init_integration")
async def test_shipment_gone_after_its_entity_was_deleted(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """A shipment whose entity the user already deleted leaves without trouble."""
    parcel = entity_id_of(hass, PARCEL_UNIQUE_ID)
    assert parcel is not None
    entity_registry.async_remove(parcel)
    await hass.async_block_till_done()
    del sim_state.parcels[PARCEL]

    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert shipment_entity_ids(hass) == DEMO_ENTITIES - {parcel}
    assert hass.states.get(parcel) is None
    assert state_of(hass, "sensor.track123_msku1234567").state == "init"


async def test_shipment_gone_before_its_sensor_was_added(
    hass: HomeAssistant, init_integration: Track123ConfigEntry
) -> None:
    """A shipment gone while its sensor was still being added leaves no sensor behind."""
    coordinator = init_integration.runtime_data.coordinator
    shown = coordinator.data
    [key] = [key for key, shipment in shown.items() if shipment.number == PARCEL]
    coordinator.async_set_updated_data(
        {other: shipment for other, shipment in shown.items() if other != key}
    )
    await hass.async_block_till_done()
    assert entity_id_of(hass, PARCEL_UNIQUE_ID) is None

    # Back, and gone again before Home Assistant has added its new sensor.
    coordinator.async_set_updated_data(dict(shown))
    coordinator.async_set_updated_data(
        {other: shipment for other, shipment in shown.items() if other != key}
    )
    await hass.async_block_till_done()
    # The next refresh.
    coordinator.async_set_updated_data(
        {other: shipment for other, shipment in shown.items() if other != key}
    )
    await hass.async_block_till_done()

    assert entity_id_of(hass, PARCEL_UNIQUE_ID) is None
    assert shipment_entity_ids(hass) == DEMO_ENTITIES - {
        "sensor.track123_1z999aa10123456784"
    }
