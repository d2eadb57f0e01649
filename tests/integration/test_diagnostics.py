"""Tests of the diagnostics download."""

from datetime import timedelta
import json

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from track123_simulator import Fault, SimulatorState

from .common import AIR, API_KEY, OCEAN, PARCEL, advance, setup_entry

ORDER = "ORDER-4711"
REMARK = "Birthday present for Anna"
POSTAL_CODE = "78701"


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    mock_config_entry: MockConfigEntry,
    sim_state: SimulatorState,
    snapshot: SnapshotAssertion,
) -> None:
    """Diagnostics show the configuration and shipments without personal data."""
    # Added in the past, so that the shipments have a history without moving the
    # clock (which would expire the HTTP client's access token).
    since = sim_state.clock.now() - timedelta(hours=101)
    sim_state.add_parcel(
        PARCEL, courier_code="ups", scenario="delivered", added_at=since
    )
    sim_state.add_ocean(
        OCEAN, carrier_code="MAEU", scenario="delivered", added_at=since
    )
    sim_state.add_air(AIR, scenario="delivered", added_at=since)
    sim_state.add_parcel(
        "9400111899223344556677",
        courier_code="usps",
        scenario="cross_border",
        order_no=ORDER,
        remark=REMARK,
        postal_code=POSTAL_CODE,
        added_at=since,
    )
    await setup_entry(hass, mock_config_entry)

    diagnostics = await get_diagnostics_for_config_entry(
        hass, hass_client, mock_config_entry
    )

    # The simulator's port changes from run to run.
    assert diagnostics == snapshot(
        exclude=props("created_at", "modified_at", "base_url")
    )
    dumped = json.dumps(diagnostics)
    for secret in (
        API_KEY,
        PARCEL,
        OCEAN,
        AIR,
        "9400111899223344556677",
        ORDER,
        REMARK,
        POSTAL_CODE,
        "AUSTIN",
    ):
        assert secret not in dumped
    assert diagnostics["shipment_count"] == 4


async def test_diagnostics_keep_the_last_error(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    init_integration: MockConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A failed refresh shows Track123's status, code and message, never the key."""
    sim_state.faults.inject(
        Fault(
            kind="service_code",
            code="D0000",
            http_status=400,
            message=f"Quota rule 7 refused key {API_KEY}",
            times=1,
        )
    )
    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    diagnostics = await get_diagnostics_for_config_entry(
        hass, hass_client, init_integration
    )

    assert diagnostics["last_error"] == {
        "type": "Track123ServiceError",
        "http_status": 400,
        "code": "D0000",
        "message": "Quota rule 7 refused key ***",
        "data": None,
    }
    assert set(diagnostics["endpoint_paths"]) >= {"parcel_query"}
    assert API_KEY not in json.dumps(diagnostics)


async def test_diagnostics_name_no_person(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    mock_config_entry: MockConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """Who signed for a parcel, in its events or its signer field, is left out."""
    since = sim_state.clock.now() - timedelta(hours=120)
    sim_state.add_parcel(
        PARCEL, courier_code="ups", scenario="cross_border", added_at=since
    )
    signer = sim_state.add_parcel(
        "9400111899223344556677",
        courier_code="usps",
        scenario="delivered",
        added_at=since,
    ).signer
    await setup_entry(hass, mock_config_entry)
    # The names are in what Track123 answered, and on the sensors.
    shown = {
        state.attributes.get("signed_by") for state in hass.states.async_all("sensor")
    }
    assert {"J. MILLER", signer} <= shown

    diagnostics = await get_diagnostics_for_config_entry(
        hass, hass_client, mock_config_entry
    )

    dumped = json.dumps(diagnostics)
    assert diagnostics["shipment_count"] == 2
    for name in ("MILLER", signer, signer.split()[-1]):
        assert name not in dumped
