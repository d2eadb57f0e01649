"""More shipments than Home Assistant allows entities: told, and nothing stuck."""

from collections.abc import AsyncIterator
from datetime import timedelta
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.track123.const import DOMAIN
from track123_simulator import SimulatorState

from .common import ENTRY_ID, PARCEL, advance, entity_id_of, shipment_unique_id

ISSUE_ID = f"too_many_shipments_{ENTRY_ID}"
NEW_PARCEL = "1Z999AA10123456790"
NEW_UNIQUE_ID = shipment_unique_id("parcel", NEW_PARCEL)
LIMIT = "MAX_ENABLED_ENTITIES_PER_CONFIG_ENTRY"


def _enabled_entities(hass: HomeAssistant) -> int:
    return er.async_get(hass).entities.get_enabled_count_for_config_entry_id(ENTRY_ID)


async def _remove(hass: HomeAssistant, number: str) -> None:
    await hass.services.async_call(
        DOMAIN,
        "remove_shipment",
        {"config_entry_id": ENTRY_ID, "tracking_number": number},
        blocking=True,
    )
    await hass.async_block_till_done()


@pytest.fixture
async def full(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    init_integration: MockConfigEntry,
) -> AsyncIterator[int]:
    """Lower the limit to the entities there are; a new parcel then finds no room."""
    limit = _enabled_entities(hass)
    with (
        patch(f"homeassistant.helpers.entity_platform.{LIMIT}", limit),
        patch(f"custom_components.track123.sensor_manager.{LIMIT}", limit),
    ):
        sim_state.add_parcel(NEW_PARCEL, courier_code="ups", scenario="delivered")
        await advance(hass, freezer, sim_state, timedelta(minutes=30))
        yield limit


async def test_shipment_beyond_the_limit_gets_its_sensor_once_there_is_room(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    issue_registry: ir.IssueRegistry,
    full: int,
) -> None:
    """A refused sensor raises a repair issue and is added when room frees up."""
    assert entity_id_of(hass, NEW_UNIQUE_ID) is None
    issue = issue_registry.async_get_issue(DOMAIN, ISSUE_ID)
    assert issue is not None
    assert issue.severity is ir.IssueSeverity.WARNING
    assert issue.translation_key == "too_many_shipments"
    assert issue.translation_placeholders == {
        "title": "Track123",
        "count": "1",
        "limit": str(full),
    }

    # Still no room at the next poll: still refused, still one.
    await advance(hass, freezer, sim_state, timedelta(minutes=30))
    assert entity_id_of(hass, NEW_UNIQUE_ID) is None
    assert issue_registry.async_get_issue(DOMAIN, ISSUE_ID) is not None

    # Removing a shipment makes room: the waiting one gets its sensor.
    await _remove(hass, PARCEL)
    await advance(hass, freezer, sim_state, timedelta(minutes=30))

    new_sensor = entity_id_of(hass, NEW_UNIQUE_ID)
    assert new_sensor is not None
    assert hass.states.get(new_sensor) is not None
    assert issue_registry.async_get_issue(DOMAIN, ISSUE_ID) is None
    assert _enabled_entities(hass) == full


async def test_issue_withdrawn_when_the_entry_unloads(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
    full: int,
) -> None:
    """Unloading the entry withdraws the issue; set-up raises it again if needed."""
    assert issue_registry.async_get_issue(DOMAIN, ISSUE_ID) is not None

    assert await hass.config_entries.async_unload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, ISSUE_ID) is None

    assert await hass.config_entries.async_setup(init_integration.entry_id)
    await hass.async_block_till_done()
    assert entity_id_of(hass, NEW_UNIQUE_ID) is None
    assert issue_registry.async_get_issue(DOMAIN, ISSUE_ID) is not None
    assert _enabled_entities(hass) == full


async def test_issue_withdrawn_when_the_waiting_shipment_goes(
    hass: HomeAssistant, issue_registry: ir.IssueRegistry, full: int
) -> None:
    """A shipment waiting for room that is removed no longer counts as waiting."""
    assert issue_registry.async_get_issue(DOMAIN, ISSUE_ID) is not None

    await _remove(hass, NEW_PARCEL)

    assert issue_registry.async_get_issue(DOMAIN, ISSUE_ID) is None
    assert entity_id_of(hass, NEW_UNIQUE_ID) is None
    assert _enabled_entities(hass) == full
