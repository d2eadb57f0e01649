"""Constants and helpers shared by the integration tests."""

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from track123_simulator import SimulatorState

API_KEY = "test-key"

PARCEL = "1Z999AA10123456784"
OCEAN = "MSKU1234567"
AIR = "176-12345675"


def add_demo_shipments(state: SimulatorState) -> None:
    """Add one shipment of each kind, each on its way to delivery."""
    state.add_parcel(PARCEL, courier_code="ups", scenario="delivered")
    state.add_ocean(OCEAN, number_type=3, carrier_code="MAEU", scenario="delivered")
    state.add_air(AIR, scenario="delivered")


async def advance(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    state: SimulatorState,
    delta: timedelta,
) -> None:
    """Move the simulator's and Home Assistant's clocks on; let the poll finish."""
    state.clock.advance(delta)
    freezer.tick(delta)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
