"""Tests of the actions: add, remove and list shipments, refresh, detect a carrier."""

from datetime import timedelta
import json
from pathlib import Path
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_API_KEY
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers.service import async_get_all_descriptions
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.track123.api import QueryResult
from custom_components.track123.api.parsing import parse_parcel
from custom_components.track123.config_flow import account_id
from custom_components.track123.const import CONF_SCOPE, DOMAIN
from custom_components.track123.coordinator import Track123ConfigEntry
from custom_components.track123.services import (
    SERVICE_ADD_SHIPMENT,
    SERVICE_DETECT_CARRIER,
    SERVICE_GET_SHIPMENTS,
    SERVICE_REFRESH,
    SERVICE_REMOVE_SHIPMENT,
)
from track123_simulator import Fault, SimulatorServer, SimulatorState
from track123_simulator.codes import NOT_REGISTERED

from .common import (
    AIR,
    AIR_UNIQUE_ID,
    ENTRY_ID,
    OCEAN,
    OCEAN_UNIQUE_ID,
    PARCEL,
    PARCEL_UNIQUE_ID,
    entity_id_of,
    setup_entry,
    shipment_entity_ids,
    shipment_unique_id,
    state_of,
)

STORAGE_KEY = f"track123.{ENTRY_ID}"
PARCEL_IMPORT = "tk/v2.1/track/import"
PARCEL_DELETE = "tk/v2.1/track/delete"
OCEAN_IMPORT = "tk/v1/ocean/track/import"
OCEAN_DELETE = "tk/v1/ocean/track/delete"
AIR_IMPORT = "tk/v1/aviation/track/import"
AIR_DELETE = "tk/v1/aviation/track/delete"
COURIER_DETECTION = "tk/v2.1/courier/detection"
IMPORTS = {PARCEL_IMPORT, OCEAN_IMPORT, AIR_IMPORT}

NEW_UPS = "1Z999AA10000000001"
NEW_DHL = "JJD0001234567"
NEW_OCEAN = "MSCU7654321"
NEW_AIR = "618-12345675"


async def _call(
    hass: HomeAssistant, service: str, data: dict[str, Any], *, response: bool = False
) -> Any:
    """Call an action of the integration and wait for it."""
    return await hass.services.async_call(
        DOMAIN, service, data, blocking=True, return_response=response
    )


def _imports(sim_state: SimulatorState) -> list[Any]:
    """Return the bodies of every import request the simulator received."""
    return [r.body for r in sim_state.requests if r.endpoint in IMPORTS]


def _added(entry: Track123ConfigEntry) -> list[tuple[str, str, str | None]]:
    """Return what the entry's store remembers as added: kind, number, carrier."""
    return [(s.kind.value, s.number, s.carrier) for s in entry.runtime_data.store.added]


# add_shipment --------------------------------------------------------------------


async def test_add_parcel_detects_carrier(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    hass_storage: dict[str, Any],
) -> None:
    """A parcel without a carrier gets the one detected; its sensor shows at once."""
    await _call(
        hass,
        SERVICE_ADD_SHIPMENT,
        {"tracking_number": f" {NEW_UPS} ", "label": " New shoes "},
    )

    # Right after the call, before any poll: the sensor exists, named by the label.
    state = state_of(hass, "sensor.track123_new_shoes")
    assert state.name == "Track123 New shoes"
    assert state.state == "init"
    assert state.attributes["tracking_number"] == NEW_UPS
    assert state.attributes["carrier_code"] == "ups"
    assert state.attributes["label"] == "New shoes"
    assert entity_id_of(hass, shipment_unique_id("parcel", NEW_UPS)) == (
        "sensor.track123_new_shoes"
    )
    assert _imports(sim_state) == [
        [{"trackNo": NEW_UPS, "courierCode": "ups", "remark": "New shoes"}]
    ]
    assert sim_state.parcels[NEW_UPS].courier_code == "ups"
    assert hass_storage[STORAGE_KEY]["data"]["added"] == [
        {
            "kind": "parcel",
            "number": NEW_UPS,
            "carrier": "ups",
            "label": "New shoes",
            "number_type": 3,
        }
    ]


@pytest.mark.usefixtures("demo_shipments")
async def test_add_leaves_the_next_poll_nothing_to_parse_again(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """The query of a parcel added keeps what the polls parsed, for the next one."""
    with patch(
        "custom_components.track123.api.core.parse_parcel", wraps=parse_parcel
    ) as parsed:
        await setup_entry(hass, mock_config_entry)
        await _call(hass, SERVICE_ADD_SHIPMENT, {"tracking_number": NEW_UPS})
        parsed.reset_mock()

        await mock_config_entry.runtime_data.coordinator.async_refresh()
        await hass.async_block_till_done()

    assert parsed.call_count == 0
    shown = mock_config_entry.runtime_data.coordinator.data.values()
    assert {PARCEL, NEW_UPS} <= {shipment.number for shipment in shown}


async def test_add_parcel_with_carrier_and_details(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """An explicit carrier wins over detection; postal code and phone are sent."""
    await _call(
        hass,
        SERVICE_ADD_SHIPMENT,
        {
            "config_entry_id": ENTRY_ID,
            "tracking_number": NEW_DHL,
            "carrier": "deutsche-post",
            "postal_code": "10115",
            "phone_suffix": "1234",
        },
    )

    state = state_of(hass, "sensor.track123_jjd0001234567")
    assert state.attributes["carrier_code"] == "deutsche-post"
    assert sim_state.parcels[NEW_DHL].courier_code == "deutsche-post"
    assert sim_state.parcels[NEW_DHL].postal_code == "10115"
    assert sim_state.request_count(COURIER_DETECTION) == 0
    assert _added(init_integration)[-1] == ("parcel", NEW_DHL, "deutsche-post")


async def test_add_parcel_nothing_detected(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """A parcel no carrier is detected for is sent without one; Track123 picks."""
    await _call(hass, SERVICE_ADD_SHIPMENT, {"tracking_number": "ABC123456"})

    assert _imports(sim_state) == [[{"trackNo": "ABC123456"}]]
    courier = sim_state.parcels["ABC123456"].courier_code
    state = state_of(hass, "sensor.track123_abc123456")
    assert state.attributes["carrier_code"] == courier


async def test_add_ocean(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """An ocean shipment is registered with its number type and shows at once."""
    await _call(
        hass,
        SERVICE_ADD_SHIPMENT,
        {
            "tracking_number": NEW_OCEAN,
            "kind": "ocean",
            "number_type": "bill_of_lading",
            "carrier": "mscu",
            "label": "Furniture",
        },
    )

    state = state_of(hass, "sensor.track123_furniture")
    assert state.attributes["kind"] == "ocean"
    assert state.attributes["number_type"] == "bill_of_lading"
    assert sim_state.ocean[NEW_OCEAN].number_type == 2
    assert _imports(sim_state) == [
        # The carrier as Track123 spells it.
        [{"trackingNo": NEW_OCEAN, "type": 2, "carrierCode": "MSCU"}]
    ]


async def test_add_air(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """An air waybill is registered and shows at once under its label."""
    await _call(
        hass,
        SERVICE_ADD_SHIPMENT,
        {"tracking_number": NEW_AIR, "kind": "air", "label": "Engine parts"},
    )

    state = state_of(hass, "sensor.track123_engine_parts")
    assert state.attributes["kind"] == "air"
    assert state.attributes["tracking_number"] == NEW_AIR
    assert NEW_AIR in sim_state.air
    assert sim_state.request_count(AIR_IMPORT) == 1


@pytest.mark.parametrize(
    ("data", "key", "placeholders"),
    [
        ({"tracking_number": "   "}, "number_empty", None),
        ({"tracking_number": "AB1"}, "number_length", {"min": "4", "max": "50"}),
        ({"tracking_number": "A" * 51}, "number_length", {"min": "4", "max": "50"}),
        ({"tracking_number": "AB#12345"}, "number_characters", None),
        ({"tracking_number": "-AB12345"}, "number_characters", None),
        (
            {"tracking_number": NEW_UPS, "kind": "truck"},
            "unknown_kind",
            {"kind": "truck"},
        ),
        (
            {"tracking_number": NEW_OCEAN, "kind": "ocean", "number_type": "pallet"},
            "unknown_number_type",
            None,
        ),
        (
            {"tracking_number": NEW_UPS, "label": "x" * 101},
            "label_length",
            {"max": "100"},
        ),
        (
            {"tracking_number": NEW_UPS, "postal_code": "1011 AB!"},
            "postal_code_invalid",
            {"max": "16"},
        ),
        (
            {"tracking_number": NEW_UPS, "postal_code": "1" * 17},
            "postal_code_invalid",
            {"max": "16"},
        ),
        (
            {"tracking_number": NEW_UPS, "phone_suffix": "12-34"},
            "phone_suffix_invalid",
            {"max": "8"},
        ),
        (
            {"tracking_number": NEW_UPS, "phone_suffix": "123456789"},
            "phone_suffix_invalid",
            {"max": "8"},
        ),
        (
            {"tracking_number": NEW_UPS, "carrier": "pigeon"},
            "unknown_carrier",
            {"carrier": "pigeon"},
        ),
        (
            {"tracking_number": NEW_OCEAN, "kind": "ocean", "carrier": "ups"},
            "unknown_carrier",
            {"carrier": "ups"},
        ),
        (
            {"tracking_number": NEW_AIR, "kind": "air", "carrier": "MAEU"},
            "unknown_carrier",
            {"carrier": "MAEU"},
        ),
        (
            {"tracking_number": PARCEL.lower()},
            "already_tracked",
            {"number": PARCEL.lower()},
        ),
        (
            {"tracking_number": OCEAN, "kind": "ocean"},
            "already_tracked",
            {"number": OCEAN},
        ),
        (
            {"tracking_number": AIR.replace("-", ""), "kind": "air"},
            "already_tracked",
            {"number": AIR.replace("-", "")},
        ),
    ],
)
async def test_add_invalid(
    hass: HomeAssistant,
    *,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    data: dict[str, Any],
    key: str,
    placeholders: dict[str, str] | None,
) -> None:
    """Invalid input is refused with a translated error; nothing is sent or stored."""
    before = shipment_entity_ids(hass)

    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, SERVICE_ADD_SHIPMENT, data)

    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == key
    assert err.value.translation_placeholders == placeholders
    assert _imports(sim_state) == []
    assert _added(init_integration) == []
    await hass.async_block_till_done()
    assert shipment_entity_ids(hass) == before


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        # No carrier and none detectable from the number.
        (
            {"tracking_number": "ABCD1234567", "kind": "ocean"},
            "carrierCode is null",
        ),
        (
            {"tracking_number": "ABC-1234", "kind": "air"},
            "Invalid air waybill number",
        ),
    ],
)
async def test_add_rejected(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    data: dict[str, Any],
    reason: str,
) -> None:
    """A number Track123 does not accept is reported with Track123's reason."""
    before = shipment_entity_ids(hass)

    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, SERVICE_ADD_SHIPMENT, data)

    assert err.value.translation_key == "number_rejected"
    assert err.value.translation_placeholders == {
        "number": data["tracking_number"],
        "reason": reason,
    }
    assert _added(init_integration) == []
    assert shipment_entity_ids(hass) == before


async def test_add_already_in_account(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """A number in the account but not yet seen by Home Assistant is adopted."""
    sim_state.add_parcel(NEW_UPS, courier_code="ups", scenario="delivered")

    await _call(hass, SERVICE_ADD_SHIPMENT, {"tracking_number": NEW_UPS})

    assert state_of(hass, "sensor.track123_1z999aa10000000001").state == "init"
    assert _added(init_integration) == [("parcel", NEW_UPS, "ups")]


@pytest.mark.parametrize(
    ("fault", "data"),
    [
        (
            Fault(kind="http_error", http_status=502, endpoint=PARCEL_IMPORT, times=1),
            {"tracking_number": NEW_UPS},
        ),
        (
            Fault(kind="service_code", code="B0001", endpoint=COURIER_DETECTION),
            {"tracking_number": NEW_UPS},
        ),
        (
            Fault(
                kind="service_code", code="B0001", endpoint="tk/v1/ocean/carrier/list"
            ),
            {"tracking_number": NEW_OCEAN, "kind": "ocean", "carrier": "MSCU"},
        ),
        (
            Fault(
                kind="http_error",
                http_status=502,
                endpoint="tk/v1/aviation/track/query",
            ),
            {"tracking_number": NEW_AIR, "kind": "air"},
        ),
    ],
)
async def test_add_api_failure(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    fault: Fault,
    data: dict[str, Any],
) -> None:
    """When Track123 fails, the action fails: never a silent success."""
    before = shipment_entity_ids(hass)
    sim_state.faults.inject(fault)

    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, SERVICE_ADD_SHIPMENT, data)

    assert not isinstance(err.value, ServiceValidationError)
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == "action_failed"
    assert err.value.translation_placeholders is not None
    assert err.value.translation_placeholders["error"]
    assert _added(init_integration) == []
    await hass.async_block_till_done()
    assert shipment_entity_ids(hass) == before


async def test_add_not_found_by_query(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A shipment accepted but not yet queryable is remembered; no sensor yet."""

    async def query_nothing(*args: Any, **kwargs: Any) -> QueryResult[Any]:
        return QueryResult()

    monkeypatch.setattr(
        init_integration.runtime_data.client, "query_parcels", query_nothing
    )
    before = shipment_entity_ids(hass)

    await _call(hass, SERVICE_ADD_SHIPMENT, {"tracking_number": NEW_UPS})

    assert _added(init_integration) == [("parcel", NEW_UPS, "ups")]
    await hass.async_block_till_done()
    assert shipment_entity_ids(hass) == before


# remove_shipment -----------------------------------------------------------------


async def test_remove_parcel_and_ocean(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """Removed shipments leave Track123 and the entity registry at once."""
    parcel = entity_id_of(hass, PARCEL_UNIQUE_ID)
    ocean = entity_id_of(hass, OCEAN_UNIQUE_ID)
    assert parcel is not None
    assert ocean is not None

    await _call(hass, SERVICE_REMOVE_SHIPMENT, {"tracking_number": PARCEL.lower()})

    assert entity_id_of(hass, PARCEL_UNIQUE_ID) is None
    assert hass.states.get(parcel) is None
    assert PARCEL not in sim_state.parcels
    delete = next(r for r in sim_state.requests if r.endpoint == PARCEL_DELETE)
    assert delete.body == [{"trackNo": PARCEL, "courierCode": "ups"}]

    await _call(hass, SERVICE_REMOVE_SHIPMENT, {"tracking_number": OCEAN})

    assert entity_id_of(hass, OCEAN_UNIQUE_ID) is None
    assert hass.states.get(ocean) is None
    assert OCEAN not in sim_state.ocean
    assert sim_state.request_count(OCEAN_DELETE) == 1
    assert shipment_entity_ids(hass) == {"sensor.track123_176_12345675"}


async def test_remove_air(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """An air waybill is deleted through Track123's endpoint and its sensor removed."""
    await _call(hass, SERVICE_REMOVE_SHIPMENT, {"tracking_number": AIR})

    assert entity_id_of(hass, AIR_UNIQUE_ID) is None
    assert AIR not in sim_state.air
    delete = next(r for r in sim_state.requests if r.endpoint == AIR_DELETE)
    assert delete.body == [{"trackingNo": AIR}]


async def test_remove_unknown_number(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """A number not tracked, or not a number, is refused before any request."""
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, SERVICE_REMOVE_SHIPMENT, {"tracking_number": NEW_UPS})
    assert err.value.translation_key == "not_tracked"
    assert err.value.translation_placeholders == {"number": NEW_UPS}

    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, SERVICE_REMOVE_SHIPMENT, {"tracking_number": "A"})
    assert err.value.translation_key == "number_length"

    assert sim_state.request_count(PARCEL_DELETE) == 0


@pytest.fixture
async def added_scope(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, demo_shipments: None
) -> Track123ConfigEntry:
    """Set up an entry that shows only the shipments added from Home Assistant."""
    return await setup_entry(hass, mock_config_entry, **{CONF_SCOPE: "added"})


async def test_remove_rejected_keeps_the_shipment(
    hass: HomeAssistant,
    added_scope: Track123ConfigEntry,
    sim_state: SimulatorState,
    hass_storage: dict[str, Any],
) -> None:
    """A deletion Track123 rejects raises its reason; sensor and store stay."""
    entry = added_scope
    await _call(hass, SERVICE_ADD_SHIPMENT, {"tracking_number": NEW_UPS})
    stored = hass_storage[STORAGE_KEY]["data"]["added"]
    # Track123 no longer knows the number: its delete answer rejects it.
    sim_state.remove("parcel", NEW_UPS)

    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, SERVICE_REMOVE_SHIPMENT, {"tracking_number": NEW_UPS})

    assert not isinstance(err.value, ServiceValidationError)
    assert err.value.translation_key == "removal_rejected"
    assert err.value.translation_placeholders == {
        "number": NEW_UPS,
        "reason": NOT_REGISTERED,
    }
    assert entity_id_of(hass, shipment_unique_id("parcel", NEW_UPS)) is not None
    assert f"parcel_{NEW_UPS}" in entry.runtime_data.coordinator.data
    assert _added(entry) == [("parcel", NEW_UPS, "ups")]
    assert hass_storage[STORAGE_KEY]["data"]["added"] == stored


async def test_remove_api_failure(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """A failed delete fails the action and keeps the shipment."""
    sim_state.faults.inject(
        Fault(kind="http_error", http_status=502, endpoint=PARCEL_DELETE, times=1)
    )

    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, SERVICE_REMOVE_SHIPMENT, {"tracking_number": PARCEL})

    assert err.value.translation_key == "action_failed"
    assert entity_id_of(hass, PARCEL_UNIQUE_ID) is not None
    assert PARCEL in sim_state.parcels


async def test_add_and_remove_in_added_scope(
    hass: HomeAssistant,
    added_scope: Track123ConfigEntry,
    sim_state: SimulatorState,
    hass_storage: dict[str, Any],
) -> None:
    """With the scope "added", what is added shows, and what is removed is forgotten."""
    entry = added_scope
    assert shipment_entity_ids(hass) == set()

    await _call(hass, SERVICE_ADD_SHIPMENT, {"tracking_number": AIR, "kind": "air"})
    await _call(
        hass, SERVICE_ADD_SHIPMENT, {"tracking_number": "MSCU7654321", "kind": "ocean"}
    )
    assert shipment_entity_ids(hass) == {
        "sensor.track123_176_12345675",
        "sensor.track123_mscu7654321",
    }

    await _call(hass, SERVICE_REMOVE_SHIPMENT, {"tracking_number": AIR})
    await _call(hass, SERVICE_REMOVE_SHIPMENT, {"tracking_number": "MSCU7654321"})

    assert shipment_entity_ids(hass) == set()
    assert AIR not in sim_state.air
    assert "MSCU7654321" not in sim_state.ocean
    assert _added(entry) == []
    assert hass_storage[STORAGE_KEY]["data"]["added"] == []

    # Nothing comes back after a restart.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert shipment_entity_ids(hass) == set()


# refresh, get_shipments, detect_carrier ------------------------------------------


async def test_refresh(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Refresh asks Track123 now, without waiting for the next poll."""
    parcel = entity_id_of(hass, PARCEL_UNIQUE_ID)
    assert state_of(hass, parcel).state == "init"
    sim_state.clock.advance(timedelta(hours=6))
    freezer.tick(timedelta(hours=6))

    await _call(hass, SERVICE_REFRESH, {})
    await hass.async_block_till_done()

    assert state_of(hass, parcel).state == "in_transit"


async def test_get_shipments(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
) -> None:
    """get_shipments returns the shipments with their attributes, filtered."""
    everything = await _call(hass, SERVICE_GET_SHIPMENTS, {}, response=True)
    assert {s["tracking_number"] for s in everything["shipments"]} == {
        PARCEL,
        OCEAN,
        AIR,
    }

    parcels = await _call(
        hass, SERVICE_GET_SHIPMENTS, {"kind": "parcel"}, response=True
    )
    assert len(parcels["shipments"]) == 1
    parcel = parcels["shipments"][0]
    assert parcel["status"] == "init"
    assert parcel["name"] == PARCEL
    assert parcel["kind"] == "parcel"
    assert parcel["carrier_code"] == "ups"

    filtered = await _call(
        hass,
        SERVICE_GET_SHIPMENTS,
        {"kind": ["ocean", "air"], "status": ["init", "in_transit"]},
        response=True,
    )
    assert {s["tracking_number"] for s in filtered["shipments"]} == {OCEAN, AIR}

    none = await _call(
        hass, SERVICE_GET_SHIPMENTS, {"status": "delivered"}, response=True
    )
    assert none == {"shipments": []}


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"status": ["delivered", "teleported"]}, "unknown_status"),
        ({"kind": "truck"}, "unknown_kind"),
    ],
)
@pytest.mark.usefixtures("init_integration")
async def test_get_shipments_invalid(
    hass: HomeAssistant, data: dict[str, Any], key: str
) -> None:
    """An unknown status or kind is refused."""
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, SERVICE_GET_SHIPMENTS, data, response=True)
    assert err.value.translation_key == key


@pytest.mark.usefixtures("init_integration")
async def test_detect_carrier(hass: HomeAssistant, sim_state: SimulatorState) -> None:
    """detect_carrier returns the carriers Track123 suggests, best first."""
    response = await _call(
        hass, SERVICE_DETECT_CARRIER, {"tracking_number": NEW_DHL}, response=True
    )
    assert [c["code"] for c in response["carriers"]] == ["dhl", "deutsche-post"]
    assert response["carriers"][0] == {
        "code": "dhl",
        "name": "DHL Express",
        "home_page": "https://www.dhl.com",
    }

    response = await _call(
        hass, SERVICE_DETECT_CARRIER, {"tracking_number": "ZZZZ"}, response=True
    )
    assert response == {"carriers": []}

    sim_state.faults.inject(
        Fault(kind="http_error", http_status=502, endpoint=COURIER_DETECTION, times=1)
    )
    with pytest.raises(HomeAssistantError) as err:
        await _call(
            hass, SERVICE_DETECT_CARRIER, {"tracking_number": NEW_DHL}, response=True
        )
    assert err.value.translation_key == "action_failed"


# config_entry_id -----------------------------------------------------------------


@pytest.mark.usefixtures("init_integration")
async def test_unknown_entry(hass: HomeAssistant) -> None:
    """An unknown config entry id is refused."""
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, SERVICE_REFRESH, {"config_entry_id": "nope"})
    assert err.value.translation_key == "entry_not_found"


async def test_unloaded_entry(
    hass: HomeAssistant, init_integration: Track123ConfigEntry
) -> None:
    """With no loaded account, actions are refused: explicit id or not."""
    assert await hass.config_entries.async_unload(init_integration.entry_id)
    assert init_integration.state is ConfigEntryState.NOT_LOADED

    for data in ({}, {"config_entry_id": ENTRY_ID}):
        with pytest.raises(ServiceValidationError) as err:
            await _call(hass, SERVICE_GET_SHIPMENTS, data, response=True)
        assert err.value.translation_key == "entry_not_found"


async def test_two_entries(
    hass: HomeAssistant,
    init_integration: Track123ConfigEntry,
    simulator: SimulatorServer,
    sim_state: SimulatorState,
) -> None:
    """With two accounts loaded, actions need the account; with it, they work."""
    sim_state.api_keys.add("other-key")
    other = MockConfigEntry(
        domain=DOMAIN,
        entry_id="01JTRACK123OTHERENTRY00000",
        title="Other",
        unique_id=account_id("other-key"),
        data={CONF_API_KEY: "other-key", "base_url": simulator.base_url},
    )
    await setup_entry(hass, other)
    assert other.state is ConfigEntryState.LOADED

    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, SERVICE_GET_SHIPMENTS, {}, response=True)
    assert err.value.translation_key == "entry_required"

    response = await _call(
        hass,
        SERVICE_GET_SHIPMENTS,
        {"config_entry_id": other.entry_id, "kind": "air"},
        response=True,
    )
    assert [s["tracking_number"] for s in response["shipments"]] == [AIR]


# Descriptions --------------------------------------------------------------------

COMPONENT = Path(__file__).parents[2] / "custom_components" / "track123"


def _fields(description: dict[str, Any]) -> tuple[set[str], set[str]]:
    """Return the fields of an action's description, and its sections."""
    fields: set[str] = set()
    sections: set[str] = set()
    for name, field in description.get("fields", {}).items():
        if "fields" in field:
            sections.add(name)
            fields.update(field["fields"])
        else:
            fields.add(name)
    return fields, sections


async def test_every_action_is_described(
    hass: HomeAssistant, init_integration: Track123ConfigEntry
) -> None:
    """Each action has its fields in services.yaml, English texts and icons.

    Home Assistant reads services.yaml as the action form does; the fields it
    lists (in sections or not) are the ones the action's schema accepts.
    """
    english = json.loads((COMPONENT / "translations" / "en.json").read_text())
    icons = json.loads((COMPONENT / "icons.json").read_text())["services"]
    described = (await async_get_all_descriptions(hass))[DOMAIN]
    registered = hass.services.async_services_for_domain(DOMAIN)

    assert set(described) == set(registered)
    for service, description in described.items():
        fields, sections = _fields(description)
        schema = registered[service].schema
        assert schema is not None
        assert {str(key) for key in schema.schema} == fields, service
        texts = english["services"][service]
        assert texts["name"]
        assert texts["description"]
        assert set(texts.get("fields", {})) == fields, service
        assert set(texts.get("sections", {})) == sections, service
        assert icons[service]["service"].startswith("mdi:")
        assert set(icons[service].get("sections", {})) == sections, service
