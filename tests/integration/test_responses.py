"""What the actions and the calendar answer, whole: snapshots beside the hand checks."""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from syrupy.assertion import SnapshotAssertion

from custom_components.track123.const import DOMAIN
from track123_simulator import SimulatorState

from .common import PARCEL, advance

pytestmark = pytest.mark.usefixtures("init_integration")


@pytest.mark.parametrize(
    ("domain", "action", "data", "target"),
    [
        pytest.param(DOMAIN, "get_shipments", {}, None, id="get_shipments"),
        pytest.param(
            "calendar",
            "get_events",
            {"duration": {"days": 60}},
            {"entity_id": "calendar.track123_deliveries"},
            id="calendar_events",
        ),
    ],
)
async def test_answer_after_a_day(
    *,
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    snapshot: SnapshotAssertion,
    domain: str,
    action: str,
    data: dict[str, Any],
    target: dict[str, str] | None,
) -> None:
    """Every shipment of every kind with its whole history; the calendar's events."""
    await advance(hass, freezer, sim_state, timedelta(hours=30))

    response = await hass.services.async_call(
        domain, action, data, target=target, blocking=True, return_response=True
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
