"""Tests of track123.set_label: a shipment renamed at once, kept at Track123 if it can."""

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.track123.const import CONF_BASE_URL, DOMAIN, ShipmentKind
from custom_components.track123.coordinator import Track123ConfigEntry
from custom_components.track123.services import SERVICE_SET_LABEL
from track123_simulator import Fault, SimulatorState

from .common import (
    ENTRY_ID,
    OCEAN,
    OCEAN_UNIQUE_ID,
    PARCEL,
    PARCEL_UNIQUE_ID,
    account_entry,
    entity_id_of,
    state_of,
)

PARCEL_UPDATE = "tk/v2.1/track/update"
STORAGE_KEY = f"track123.{ENTRY_ID}"


async def _set_label(hass: HomeAssistant, number: str, label: str | None) -> None:
    """Call set_label and wait for it."""
    await hass.services.async_call(
        DOMAIN,
        SERVICE_SET_LABEL,
        {"tracking_number": number, "label": label},
        blocking=True,
    )


def _bodies(sim_state: SimulatorState) -> list[Any]:
    """Return the bodies of the parcel updates the simulator received."""
    return [r.body for r in sim_state.requests if r.endpoint == PARCEL_UPDATE]


async def test_parcel_label_kept_at_track123(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """A parcel's label is its remark at Track123; the sensor is renamed at once."""
    entity_id = entity_id_of(hass, PARCEL_UNIQUE_ID)

    await _set_label(hass, PARCEL, " Birthday present ")

    assert _bodies(sim_state) == [
        {"trackNo": PARCEL, "courierCode": "ups", "remark": "Birthday present"}
    ]
    assert sim_state.parcels[PARCEL].remark == "Birthday present"
    assert entity_id_of(hass, PARCEL_UNIQUE_ID) == entity_id
    state = state_of(hass, entity_id)
    assert state.name == "Track123 Birthday present"
    assert state.attributes["label"] == "Birthday present"


async def test_parcel_label_survives_a_reinstall(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Deleting the entry and adding the account again brings the label back."""
    await _set_label(hass, PARCEL, "Birthday present")
    await hass.config_entries.async_remove(init_integration.entry_id)
    await hass.async_block_till_done()
    assert entity_id_of(hass, PARCEL_UNIQUE_ID) is None

    again = account_entry(mock_config_entry.data[CONF_BASE_URL], entry_id=None)
    again.add_to_hass(hass)
    assert await hass.config_entries.async_setup(again.entry_id)
    await hass.async_block_till_done()

    assert state_of(hass, "sensor.track123_birthday_present").name == (
        "Track123 Birthday present"
    )


@pytest.mark.parametrize("cleared", ["", "   ", None])
async def test_clear_parcel_label(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    cleared: str | None,
) -> None:
    """An empty label clears the remark too: the sensor shows the number at once."""
    entity_id = entity_id_of(hass, PARCEL_UNIQUE_ID)
    await _set_label(hass, PARCEL, "Birthday present")

    await _set_label(hass, PARCEL, cleared)

    assert _bodies(sim_state)[-1] == {
        "trackNo": PARCEL,
        "courierCode": "ups",
        "remark": "",
    }
    assert sim_state.parcels[PARCEL].remark == ""
    assert state_of(hass, entity_id).name == f"Track123 {PARCEL}"
    assert (
        init_integration.runtime_data.store.label_for(ShipmentKind.PARCEL, PARCEL)
        is None
    )


async def test_ocean_label_kept_in_home_assistant(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    hass_storage: dict[str, Any],
) -> None:
    """Track123 keeps no label for ocean cargo: the label is stored, and restored."""
    entity_id = entity_id_of(hass, OCEAN_UNIQUE_ID)
    requests = len(sim_state.requests)

    await _set_label(hass, OCEAN, "Furniture")

    assert len(sim_state.requests) == requests
    assert state_of(hass, entity_id).name == "Track123 Furniture"
    # Kept apart from the shipments added from Home Assistant: it was not one.
    assert hass_storage[STORAGE_KEY]["data"]["added"] == []
    assert hass_storage[STORAGE_KEY]["data"]["labels"] == {
        f"ocean_{OCEAN}": "Furniture"
    }

    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert state_of(hass, entity_id).name == "Track123 Furniture"

    await _set_label(hass, OCEAN, "")
    assert state_of(hass, entity_id).name == f"Track123 {OCEAN}"
    assert hass_storage[STORAGE_KEY]["data"]["labels"] == {}


async def test_label_not_kept_when_track123_fails(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """When Track123 cannot keep the label, nothing changes in Home Assistant."""
    entity_id = entity_id_of(hass, PARCEL_UNIQUE_ID)
    sim_state.faults.inject(
        Fault(kind="http_error", http_status=500, endpoint=PARCEL_UPDATE)
    )

    with pytest.raises(HomeAssistantError) as err:
        await _set_label(hass, PARCEL, "Birthday present")

    assert err.value.translation_key == "action_failed"
    assert state_of(hass, entity_id).name == f"Track123 {PARCEL}"
    assert init_integration.runtime_data.store.added == []
