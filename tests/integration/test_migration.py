"""Upgrading entries of every earlier version; refusing those of a newer one."""

from homeassistant.components.sensor import DOMAIN as SENSOR_DOMAIN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.track123 import async_migrate_entry
from custom_components.track123.const import CONF_BASE_URL, DOMAIN, ENTRY_VERSION
from custom_components.track123.migration import UPGRADES, key_without_carrier

from .common import (
    ENTRY_ID,
    OCEAN,
    PARCEL,
    PARCEL_UNIQUE_ID,
    account_entry,
    setup_entry,
    state_of,
)

pytestmark = pytest.mark.usefixtures("demo_shipments")


def _entry_of_version(entry: MockConfigEntry, version: int) -> MockConfigEntry:
    """Return the test entry as stored by another version."""
    return account_entry(entry.data[CONF_BASE_URL], version=version)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("parcel_ups_1Z999AA10123456784", "parcel_1Z999AA10123456784"),
        ("parcel_auto_LV209031969CN", "parcel_LV209031969CN"),
        ("ocean_maeu_MSKU1234567", "ocean_MSKU1234567"),
        ("air_ek_176-12345675", "air_176-12345675"),
        ("parcel_china_post_RR123", "parcel_RR123"),
        ("parcel_1Z999", None),  # already without a carrier
        ("boat_x_1", None),
        ("statuses", None),
    ],
)
def test_key_without_carrier(old: str, new: str | None) -> None:
    """Keys of version 1 lose the carrier; anything else is left alone."""
    assert key_without_carrier(old) == new


async def test_entities_keep_their_ids(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """An upgraded entry's sensors keep their entity ids and follow their shipments."""
    entry = _entry_of_version(mock_config_entry, 1)
    registry = er.async_get(hass)
    entry.add_to_hass(hass)
    parcel = registry.async_get_or_create(
        SENSOR_DOMAIN,
        DOMAIN,
        f"{ENTRY_ID}_shipment_parcel_ups_{PARCEL}",
        config_entry=entry,
        suggested_object_id="my_shoes",
    )
    # The same number once tracked with two carriers: both sensors are kept.
    first = registry.async_get_or_create(
        SENSOR_DOMAIN,
        DOMAIN,
        f"{ENTRY_ID}_shipment_ocean_maeu_{OCEAN}",
        config_entry=entry,
        suggested_object_id="container",
    )
    second = registry.async_get_or_create(
        SENSOR_DOMAIN,
        DOMAIN,
        f"{ENTRY_ID}_shipment_ocean_msc_{OCEAN}",
        config_entry=entry,
        suggested_object_id="container_2",
    )

    # Left alone: an entity of the account, and a shipment's id already upgraded.
    summary = registry.async_get_or_create(
        SENSOR_DOMAIN, DOMAIN, f"{ENTRY_ID}_parcels_delivered", config_entry=entry
    )
    upgraded = registry.async_get_or_create(
        SENSOR_DOMAIN,
        DOMAIN,
        f"{ENTRY_ID}_shipment_air_176-12345675",
        config_entry=entry,
    )

    await setup_entry(hass, entry)

    assert registry.async_get(summary.entity_id).unique_id == (
        f"{ENTRY_ID}_parcels_delivered"
    )
    assert registry.async_get(upgraded.entity_id).unique_id == (
        f"{ENTRY_ID}_shipment_air_176-12345675"
    )
    assert entry.version == 2
    assert registry.async_get(parcel.entity_id).unique_id == PARCEL_UNIQUE_ID
    assert state_of(hass, parcel.entity_id).state != "unavailable"
    assert registry.async_get(first.entity_id).unique_id == (
        f"{ENTRY_ID}_shipment_ocean_{OCEAN}"
    )
    assert state_of(hass, first.entity_id).attributes["tracking_number"] == OCEAN
    assert registry.async_get(second.entity_id) is None or (
        registry.async_get(second.entity_id).unique_id
        == f"{ENTRY_ID}_shipment_ocean_{OCEAN}@msc"
    )


def test_every_earlier_version_has_its_upgrade() -> None:
    """Each version before the current one has the step that takes it to the next."""
    assert sorted(UPGRADES) == list(range(1, ENTRY_VERSION))


@pytest.mark.parametrize("version", range(1, ENTRY_VERSION))
async def test_every_earlier_version_reaches_the_current(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, version: int
) -> None:
    """An entry of any earlier version loads as the current one, its sensors kept."""
    entry = _entry_of_version(mock_config_entry, version)
    entry.add_to_hass(hass)
    registry = er.async_get(hass)
    sensor = registry.async_get_or_create(
        SENSOR_DOMAIN,
        DOMAIN,
        f"{ENTRY_ID}_shipment_parcel_ups_{PARCEL}",
        config_entry=entry,
        suggested_object_id="my_shoes",
    )

    await setup_entry(hass, entry)

    assert entry.state.name == "LOADED"
    assert entry.version == ENTRY_VERSION
    assert registry.async_get(sensor.entity_id).unique_id == PARCEL_UNIQUE_ID
    assert state_of(hass, sensor.entity_id).attributes["tracking_number"] == PARCEL


async def test_newer_entry_is_refused(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """An entry stored by a newer version (a downgrade) is not read by this one.

    Newer Home Assistant releases refuse it themselves; older ones leave it to the
    integration (the matrix runs this test on both).
    """
    entry = _entry_of_version(mock_config_entry, ENTRY_VERSION + 1)
    await setup_entry(hass, entry)
    assert entry.state.name == "MIGRATION_ERROR"
    assert entry.version == ENTRY_VERSION + 1


async def test_integration_itself_refuses_a_newer_entry(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Asked to migrate a newer entry, the integration says no and says why.

    Home Assistant 2026.10 and later refuse such an entry before asking; 2026.8 asks.
    """
    entry = _entry_of_version(mock_config_entry, ENTRY_VERSION + 1)
    entry.add_to_hass(hass)
    assert not await async_migrate_entry(hass, entry)
    assert entry.version == ENTRY_VERSION + 1
    assert "stored by a newer version of the integration" in caplog.text
