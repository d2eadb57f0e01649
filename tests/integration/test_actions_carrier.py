"""Tests of track123.change_carrier: a wrongly detected carrier corrected in place."""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.track123.const import CONF_SCOPE, DOMAIN
from custom_components.track123.coordinator import Track123ConfigEntry
from custom_components.track123.services import SERVICE_CHANGE_CARRIER
from track123_simulator import Fault, SimulatorState

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
    state_of,
)

PARCEL_UPDATE_COURIER = "tk/v2.1/track/update-courier"
PARCEL_QUERY = "tk/v2.1/track/query"
OCEAN_UPDATE_CARRIER = "tk/v1/ocean/track/update-carrier"
AIR_UPDATE_CARRIER = "tk/v1/aviation/track/update-carrier"
STORAGE_KEY = f"track123.{ENTRY_ID}"


async def _change(hass: HomeAssistant, number: str, carrier: str) -> None:
    """Call change_carrier and wait for it."""
    await hass.services.async_call(
        DOMAIN,
        SERVICE_CHANGE_CARRIER,
        {"tracking_number": number, "carrier": carrier},
        blocking=True,
    )


def _bodies(sim_state: SimulatorState, endpoint: str) -> list[Any]:
    """Return the bodies of the requests an endpoint received."""
    return [r.body for r in sim_state.requests if r.endpoint == endpoint]


@pytest.mark.parametrize(
    ("unique_id", "number", "carrier", "attribute", "shown", "endpoint", "body"),
    [
        (
            PARCEL_UNIQUE_ID,
            PARCEL,
            "DHL",
            "carrier_code",
            "dhl",
            PARCEL_UPDATE_COURIER,
            {"trackNo": PARCEL, "courierCode": "ups", "newCourierCode": "dhl"},
        ),
        (
            OCEAN_UNIQUE_ID,
            OCEAN,
            "mscu",
            "carrier_code",
            "MSCU",
            OCEAN_UPDATE_CARRIER,
            {"trackingNo": OCEAN, "type": 3, "carrierCode": "MSCU"},
        ),
        (
            AIR_UNIQUE_ID,
            AIR,
            "lh",
            "airline_code",
            "LH",
            AIR_UPDATE_CARRIER,
            {"trackingNo": AIR, "carrierCode": "LH"},
        ),
    ],
    ids=["parcel", "ocean", "air"],
)
async def test_change_carrier(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    *,
    unique_id: str,
    number: str,
    carrier: str,
    attribute: str,
    shown: str,
    endpoint: str,
    body: dict[str, Any],
) -> None:
    """The new carrier, as Track123 spells it, shows at once on the same sensor."""
    entity_id = entity_id_of(hass, unique_id)

    await _change(hass, number, carrier)

    assert _bodies(sim_state, endpoint) == [body]
    assert entity_id_of(hass, unique_id) == entity_id
    assert state_of(hass, entity_id).attributes[attribute] == shown


@pytest.mark.usefixtures("demo_shipments")
async def test_change_carrier_is_stored(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    hass_storage: dict[str, Any],
) -> None:
    """With the scope "added", the stored carrier follows, so later polls ask for it."""
    await setup_entry(hass, mock_config_entry, **{CONF_SCOPE: "added"})
    await hass.services.async_call(
        DOMAIN,
        "add_shipment",
        {"tracking_number": OCEAN, "kind": "ocean", "number_type": "container"},
        blocking=True,
    )
    entity_id = entity_id_of(hass, OCEAN_UNIQUE_ID)

    await _change(hass, OCEAN, "CMDU")
    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert hass_storage[STORAGE_KEY]["data"]["added"][0]["carrier"] == "CMDU"
    assert state_of(hass, entity_id).attributes["carrier_code"] == "CMDU"


async def test_same_carrier_sends_no_change(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """Naming the carrier already used changes nothing at Track123."""
    await _change(hass, PARCEL, "UPS")

    assert sim_state.request_count(PARCEL_UPDATE_COURIER) == 0


async def test_change_refused_by_track123(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """A change Track123 refuses fails with its reason; the carrier shown stays."""
    entity_id = entity_id_of(hass, PARCEL_UNIQUE_ID)
    sim_state.faults.inject(
        Fault(
            kind="service_code",
            code="A0400",
            message="Carrier cannot be changed after delivery",
            endpoint=PARCEL_UPDATE_COURIER,
        )
    )

    with pytest.raises(HomeAssistantError) as err:
        await _change(hass, PARCEL, "dhl")

    assert err.value.translation_key == "action_failed"
    assert err.value.translation_placeholders == {
        "error": "A0400: Carrier cannot be changed after delivery"
    }
    assert state_of(hass, entity_id).attributes["carrier_code"] == "ups"
    assert sim_state.parcels[PARCEL].courier_code == "ups"


async def test_change_shown_by_the_next_poll_when_the_fetch_fails(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The change is made even when fetching the shipment afterwards fails."""
    entity_id = entity_id_of(hass, PARCEL_UNIQUE_ID)
    sim_state.faults.inject(
        Fault(kind="service_code", code="A0400", endpoint=PARCEL_QUERY, times=1)
    )

    await _change(hass, PARCEL, "dhl")

    assert sim_state.parcels[PARCEL].courier_code == "dhl"
    assert state_of(hass, entity_id).attributes["carrier_code"] == "ups"
    await advance(hass, freezer, sim_state, timedelta(minutes=30))
    assert state_of(hass, entity_id).attributes["carrier_code"] == "dhl"


async def test_number_tracked_twice_is_ambiguous(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A number tracked as a parcel and as an air waybill is not guessed at."""
    sim_state.add_parcel(AIR.replace("-", ""), courier_code="ups")
    await advance(hass, freezer, sim_state, timedelta(minutes=30))
    requests = len(sim_state.requests)

    with pytest.raises(ServiceValidationError) as err:
        await _change(hass, AIR, "LH")

    assert err.value.translation_key == "number_ambiguous"
    assert err.value.translation_placeholders == {"number": AIR}
    assert len(sim_state.requests) == requests
