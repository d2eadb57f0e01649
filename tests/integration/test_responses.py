"""What the actions and the calendar answer, whole: snapshots beside the hand checks."""

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from syrupy.assertion import SnapshotAssertion

from custom_components.track123.const import DOMAIN
from track123_simulator import SimulatorState

from .common import PARCEL, advance

pytestmark = pytest.mark.usefixtures("init_integration")


async def test_get_shipments(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    snapshot: SnapshotAssertion,
) -> None:
    """Every shipment of every kind, with its whole history."""
    await advance(hass, freezer, sim_state, timedelta(hours=30))

    response = await hass.services.async_call(
        DOMAIN, "get_shipments", {}, blocking=True, return_response=True
    )

    assert response == snapshot


async def test_detect_carrier(hass: HomeAssistant, snapshot: SnapshotAssertion) -> None:
    """The carriers Track123 suggests for a number, best first."""
    response = await hass.services.async_call(
        DOMAIN,
        "detect_carrier",
        {"tracking_number": PARCEL},
        blocking=True,
        return_response=True,
    )

    assert response == snapshot


async def test_calendar_events(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    snapshot: SnapshotAssertion,
) -> None:
    """The deliveries calendar's events over the next two months."""
    await advance(hass, freezer, sim_state, timedelta(hours=30))
    start = sim_state.clock.now()

    response = await hass.services.async_call(
        "calendar",
        "get_events",
        {"start_date_time": start, "end_date_time": start + timedelta(days=60)},
        target={"entity_id": "calendar.track123_deliveries"},
        blocking=True,
        return_response=True,
    )

    assert response == snapshot
