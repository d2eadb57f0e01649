"""Fixtures for the integration tests: a config entry pointing at the simulator."""

from collections.abc import Iterator
from unittest.mock import PropertyMock, patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from track123_simulator import SimulatorServer, SimulatorState

from .common import account_entry, add_demo_shipments
from .snapshot import PortableSnapshotExtension


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load the integration from custom_components."""
    return


@pytest.fixture(autouse=True)
def clock_in_step(sim_state: SimulatorState, freezer: FrozenDateTimeFactory) -> None:
    """Start Home Assistant's clock at the simulator's time."""
    freezer.move_to(sim_state.clock.now())


@pytest.fixture
def mock_config_entry(simulator: SimulatorServer) -> MockConfigEntry:
    """Return a config entry for the simulator's account."""
    return account_entry(simulator.base_url)


@pytest.fixture
def demo_shipments(sim_state: SimulatorState) -> None:
    """Put a parcel, an ocean shipment and an air waybill in the account."""
    add_demo_shipments(sim_state)


@pytest.fixture
async def init_integration(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, demo_shipments: None
) -> MockConfigEntry:
    """Set up the integration against the simulator."""
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    return mock_config_entry


@pytest.fixture
def entity_registry_enabled_by_default() -> Iterator[None]:
    """Create every entity enabled, including those disabled by default."""
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        new_callable=PropertyMock,
        return_value=True,
    ):
        yield


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Serialise states, registry entries and config entries the Home Assistant way."""
    return snapshot.use_extension(PortableSnapshotExtension)


@pytest.fixture
def sensor_platform_only() -> Iterator[None]:
    """Set up only the sensor platform."""
    with patch("custom_components.track123.PLATFORMS", [Platform.SENSOR]):
        yield
