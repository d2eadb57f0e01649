"""Tests of track123.retrack: Track123 asked to track a shipment again."""

from datetime import timedelta
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest

from custom_components.track123.const import DOMAIN
from custom_components.track123.coordinator import Track123ConfigEntry
from custom_components.track123.services import SERVICE_RETRACK
from track123_simulator import Fault, SimulatorState
from track123_simulator.handlers.common import TOO_OFTEN

from .common import AIR, OCEAN, PARCEL

PARCEL_RETRACK = "tk/v2.1/track/refresh"
PARCEL_UPDATE = "tk/v2.1/track/update"
OCEAN_RETRACK = "tk/v1/ocean/track/refresh"
AIR_RETRACK = "tk/v2.1/aviation/track/refresh"


async def _retrack(hass: HomeAssistant, number: str, **fields: str) -> None:
    """Call retrack and wait for it."""
    await hass.services.async_call(
        DOMAIN,
        SERVICE_RETRACK,
        {"tracking_number": number, **fields},
        blocking=True,
    )


def _bodies(sim_state: SimulatorState, endpoint: str) -> list[Any]:
    """Return the bodies of the requests an endpoint received."""
    return [r.body for r in sim_state.requests if r.endpoint == endpoint]


@pytest.mark.parametrize(
    ("number", "endpoint", "body"),
    [
        (PARCEL, PARCEL_RETRACK, {"trackNo": PARCEL, "courierCode": "ups"}),
        (OCEAN, OCEAN_RETRACK, [{"trackingNo": OCEAN, "type": 3}]),
        (AIR, AIR_RETRACK, [{"trackingNo": AIR}]),
    ],
    ids=["parcel", "ocean", "air"],
)
async def test_retrack(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    *,
    number: str,
    endpoint: str,
    body: Any,
) -> None:
    """Each kind is retracked through its own endpoint; nothing else changes."""
    await _retrack(hass, number)

    assert _bodies(sim_state, endpoint) == [body]
    assert sim_state.request_count(PARCEL_UPDATE) == 0


async def test_retrack_with_postal_code(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """A postal code and phone suffix are saved at Track123 before the retrack."""
    await _retrack(hass, PARCEL, postal_code=" 75001 ", phone_suffix="1234")

    assert _bodies(sim_state, PARCEL_UPDATE) == [
        {
            "trackNo": PARCEL,
            "courierCode": "ups",
            "postalCode": "75001",
            "extendFieldMap": {"phoneSuffix": "1234"},
        }
    ]
    assert [r.endpoint for r in sim_state.requests][-2:] == [
        PARCEL_UPDATE,
        PARCEL_RETRACK,
    ]
    assert sim_state.parcels[PARCEL].postal_code == "75001"


@pytest.mark.parametrize("number", [PARCEL, OCEAN, AIR])
async def test_retrack_once_in_six_hours(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    number: str,
) -> None:
    """A second retrack within six hours fails, naming Track123's rule."""
    await _retrack(hass, number)

    with pytest.raises(HomeAssistantError) as err:
        await _retrack(hass, number)

    assert not isinstance(err.value, ServiceValidationError)
    assert err.value.translation_key == "retrack_refused"
    assert err.value.translation_placeholders == {
        "number": number,
        "reason": TOO_OFTEN,
    }
    assert "6 hours" in str(err.value)

    sim_state.clock.advance(timedelta(hours=6))
    await _retrack(hass, number)


async def test_retrack_failure(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """Track123 failing is not reported as a refusal."""
    sim_state.faults.inject(
        Fault(kind="http_error", http_status=500, endpoint=PARCEL_RETRACK)
    )

    with pytest.raises(HomeAssistantError) as err:
        await _retrack(hass, PARCEL)

    assert err.value.translation_key == "action_failed"
