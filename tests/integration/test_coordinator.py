"""Tests of polling: what a refresh writes, and how failures show."""

from collections.abc import Callable
from datetime import timedelta
import logging
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import EVENT_STATE_CHANGED, STATE_UNAVAILABLE
from homeassistant.core import Event, HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.track123.const import DOMAIN
from custom_components.track123.shipment_sensor import ShipmentSensor
from track123_simulator import Fault, SimulatorState

from .common import (
    AIR_UNIQUE_ID,
    API_KEY,
    ENTRY_ID,
    OCEAN_UNIQUE_ID,
    PARCEL,
    PARCEL_UNIQUE_ID,
    advance,
    entity_id_of,
    integration_entity_ids,
    state_of,
)

pytestmark = pytest.mark.usefixtures("init_integration")

PARCEL_QUERY = "tk/v2.1/track/query"
ERROR_LOG = "Error fetching track123 data"
RECOVERY_LOG = "Fetching track123 data recovered"


def _states(hass: HomeAssistant) -> dict[str, str]:
    """Return the state of every entity of the test entry that has one."""
    return {
        entity_id: state.state
        for entity_id in integration_entity_ids(hass)
        if (state := hass.states.get(entity_id)) is not None
    }


def _all_unavailable(hass: HomeAssistant) -> bool:
    states = _states(hass)
    return bool(states) and all(state == STATE_UNAVAILABLE for state in states.values())


def _none_unavailable(hass: HomeAssistant) -> bool:
    states = _states(hass)
    return bool(states) and STATE_UNAVAILABLE not in states.values()


def _written(hass: HomeAssistant, events: list[Event]) -> list[str]:
    """Return the sensors of the test entry whose state was written, in order.

    The deliveries calendar also changes with the clock alone (an event starts or
    ends), so it is left out here and tested on its own.
    """
    ours = integration_entity_ids(hass)
    return [
        event.data["entity_id"]
        for event in events
        if event.data["entity_id"] in ours
        and event.data["entity_id"].startswith("sensor.")
    ]


async def test_unchanged_refresh_writes_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """A poll in which no shipment changed writes no state; a change writes only it."""
    # 41 h: the parcel and the air waybill are delivered, the ocean container waits
    # at the port of loading until day 3.
    await advance(hass, freezer, sim_state, timedelta(hours=41))
    events = async_capture_events(hass, EVENT_STATE_CHANGED)

    await advance(hass, freezer, sim_state, timedelta(minutes=30))
    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert sim_state.request_count(PARCEL_QUERY) == 4
    assert _written(hass, events) == []

    # Day 3: the container is loaded on the vessel. Its sensor changes; the
    # delivered ones do not, though Track123 counts the days since delivery.
    await advance(hass, freezer, sim_state, timedelta(hours=31))

    ocean = entity_id_of(hass, OCEAN_UNIQUE_ID)
    assert _written(hass, events) == [ocean]
    state = state_of(hass, ocean)
    assert state.attributes["last_event"] == "Loaded on vessel"


async def test_parcel_change_writes_its_summary(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """A parcel going out for delivery writes its sensor and the counts that moved."""
    await advance(hass, freezer, sim_state, timedelta(hours=33, minutes=5))
    events = async_capture_events(hass, EVENT_STATE_CHANGED)

    await advance(hass, freezer, sim_state, timedelta(hours=2))

    assert sorted(_written(hass, events)) == [
        "sensor.track123_1z999aa10123456784",
        "sensor.track123_parcels_in_transit",
        "sensor.track123_parcels_out_for_delivery",
    ]
    assert state_of(hass, "sensor.track123_parcels_out_for_delivery").state == "1"


@pytest.mark.parametrize(
    "break_key",
    [
        pytest.param(
            lambda state: state.faults.inject(
                Fault(kind="service_code", code="A0230", http_status=401)
            ),
            id="A0230",
        ),
        pytest.param(lambda state: state.api_keys.discard(API_KEY), id="key_removed"),
    ],
)
async def test_auth_failure_starts_reauth(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    init_integration: MockConfigEntry,
    break_key: Callable[[SimulatorState], object],
) -> None:
    """A refused key makes the entities unavailable and asks for a new key."""
    assert _none_unavailable(hass)
    break_key(sim_state)

    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert _all_unavailable(hass)
    flows = hass.config_entries.flow.async_progress()
    assert len(flows) == 1
    assert flows[0]["handler"] == DOMAIN
    assert flows[0]["context"]["source"] == SOURCE_REAUTH
    assert flows[0]["context"]["entry_id"] == init_integration.entry_id
    assert init_integration.state is ConfigEntryState.LOADED


async def test_server_error_named_login_asks_only_when_it_persists(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """A0200 ("Server error.") once is a failed poll; three in a row ask for a key."""
    sim_state.faults.inject(Fault(kind="service_code", code="A0200", times=2))

    await advance(hass, freezer, sim_state, timedelta(minutes=30))
    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert _all_unavailable(hass)
    assert hass.config_entries.flow.async_progress() == []

    await advance(hass, freezer, sim_state, timedelta(minutes=30))
    assert _none_unavailable(hass)

    # A success in between starts the count again; three in a row ask.
    sim_state.faults.inject(Fault(kind="service_code", code="A0200", times=3))
    for _ in range(3):
        await advance(hass, freezer, sim_state, timedelta(minutes=30))
    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]


async def test_rate_limited(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """A rate-limited poll makes the entities unavailable until the retry succeeds."""
    sim_state.faults.inject(
        Fault(
            kind="service_code",
            code="A0706",
            http_status=429,
            retry_after=60,
            times=1,
        )
    )

    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert _all_unavailable(hass)

    # The retry waits as long as Track123 asked, not a whole polling interval.
    await advance(hass, freezer, sim_state, timedelta(seconds=61))

    assert _none_unavailable(hass)


async def test_quota_exhausted_raises_repair_issue(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Running out of quota shows a repair issue until a poll succeeds again."""
    issue_id = f"quota_exhausted_{ENTRY_ID}"
    sim_state.faults.inject(Fault(kind="service_code", code="A0601", times=1))

    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert _all_unavailable(hass)
    issue = issue_registry.async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.severity is ir.IssueSeverity.ERROR
    assert issue.is_fixable is False
    assert issue.translation_key == "quota_exhausted"
    assert issue.translation_placeholders == {"title": "Track123"}

    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert _none_unavailable(hass)
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(Fault(kind="service_code", code="B0001"), id="B0001"),
        pytest.param(Fault(kind="http_error", http_status=502), id="http_502"),
        pytest.param(Fault(kind="malformed_json"), id="malformed_json"),
        pytest.param(Fault(kind="truncated_json"), id="truncated_json"),
    ],
)
async def test_server_error_logged_once(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    caplog: pytest.LogCaptureFixture,
    fault: Fault,
) -> None:
    """Failing polls log one error; the entities stay unavailable until recovery."""
    sim_state.faults.inject(fault)

    for _ in range(3):
        await advance(hass, freezer, sim_state, timedelta(minutes=30))
        assert _all_unavailable(hass)

    errors = [
        record
        for record in caplog.records
        if record.levelno >= logging.ERROR and ERROR_LOG in record.getMessage()
    ]
    assert len(errors) == 1
    assert "Could not update the shipments from Track123" in errors[0].getMessage()

    sim_state.faults.clear()
    await advance(hass, freezer, sim_state, timedelta(minutes=30))
    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert _none_unavailable(hass)
    assert caplog.text.count(RECOVERY_LOG) == 1


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("003", "unstable_official_website"),
        ("004", "official_website_format_changes"),
        ("005", "cache_for_website_error"),
        ("006", "cache_for_deal_error"),
    ],
)
async def test_degraded_query_status_keeps_last_known(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    code: str,
    shown: str,
) -> None:
    """While Track123 cannot reach the carrier, a parcel keeps its last known state."""
    await advance(hass, freezer, sim_state, timedelta(hours=10))
    parcel = entity_id_of(hass, PARCEL_UNIQUE_ID)
    air = entity_id_of(hass, AIR_UNIQUE_ID)
    before = state_of(hass, parcel)
    assert before.state == "in_transit"
    # Shown only while Track123 cannot reach the carrier.
    assert "query_status" not in before.attributes
    sim_state.faults.inject(
        Fault(kind="query_status", track_nos=(PARCEL,), query_status=code)
    )

    # By now the parcel would be out for delivery, and the air waybill moves on.
    await advance(hass, freezer, sim_state, timedelta(hours=25))

    during = state_of(hass, parcel)
    assert during.state == "in_transit"
    assert during.attributes["query_status"] == shown
    assert {
        key: value for key, value in during.attributes.items() if key != "query_status"
    } == {
        key: value for key, value in before.attributes.items() if key != "query_status"
    }
    assert state_of(hass, air).state == "notified"

    sim_state.faults.clear()
    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    after = state_of(hass, parcel)
    assert after.state == "waiting_delivery"
    assert "query_status" not in after.attributes


async def test_degraded_query_status_on_first_sight(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """A new parcel first seen with a degraded query status shows what Track123 has."""
    sim_state.add_parcel("PARCEL0001", courier_code="usps", scenario="delivered")
    sim_state.faults.inject(
        Fault(kind="query_status", track_nos=("PARCEL0001",), query_status="005")
    )

    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    state = hass.states.get("sensor.track123_parcel0001")
    assert state is not None
    assert state.attributes["query_status"] == "cache_for_website_error"


async def test_a_failing_sensor_does_not_stop_the_others(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """One shipment sensor raising while written is logged; the others are written."""
    parcel, air = (
        entity_id_of(hass, PARCEL_UNIQUE_ID),
        entity_id_of(hass, AIR_UNIQUE_ID),
    )
    before = {parcel: state_of(hass, parcel).state, air: state_of(hass, air).state}
    original = ShipmentSensor.async_shipment_changed

    def broken_for_the_parcel(sensor: ShipmentSensor) -> None:
        if sensor.entity_id == parcel:
            raise RuntimeError("boom")
        original(sensor)

    with patch.object(ShipmentSensor, "async_shipment_changed", broken_for_the_parcel):
        # 41 h: the parcel and the air waybill are both delivered.
        await advance(hass, freezer, sim_state, timedelta(hours=41))

    assert state_of(hass, parcel).state == before[parcel]
    assert state_of(hass, air).state != before[air]
    assert "Error updating the sensor of" in caplog.text
    assert "boom" in caplog.text


async def test_a_removed_sensor_is_no_longer_updated(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A sensor the user disabled is gone from the state machine and stays gone."""
    registry = er.async_get(hass)
    parcel = entity_id_of(hass, PARCEL_UNIQUE_ID)
    assert parcel is not None
    registry.async_update_entity(parcel, disabled_by=er.RegistryEntryDisabler.USER)
    await hass.async_block_till_done()
    assert hass.states.get(parcel) is None

    await advance(hass, freezer, sim_state, timedelta(hours=41))

    assert hass.states.get(parcel) is None
    assert state_of(hass, entity_id_of(hass, AIR_UNIQUE_ID)).state == "delivered"
    assert "Error updating the sensor" not in caplog.text
