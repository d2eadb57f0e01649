"""Tests of the Shipments to-do list: items are shipments, added and removed from it."""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.todo import DOMAIN as TODO_DOMAIN
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import intent
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.track123.api import Parcel, ParcelStatus
from custom_components.track123.checked_off import checked_off_storage_key
from custom_components.track123.const import CONF_TODO_COMPLETE
from custom_components.track123.todo_text import kind_of_number, read_item
from track123_simulator import SimulatorState

from .common import (
    AIR,
    ENTRY_ID,
    OCEAN,
    PARCEL,
    advance,
    entity_id_of,
    setup_entry,
    shipment_entity_ids,
    shipment_unique_id,
    state_of,
)

TODO = "todo.track123_shipments"
NEW_PARCEL = "1Z999AA10000000031"
NEW_CONTAINER = "MSCU7654321"
NEW_AIR = "618-12345675"
IMPORTS = {
    "tk/v2.1/track/import",
    "tk/v1/ocean/track/import",
    "tk/v1/aviation/track/import",
}
DELETES = {"tk/v2.1/track/delete", "tk/v1/ocean/track/delete"}


async def _items(hass: HomeAssistant) -> dict[str, dict[str, Any]]:
    """Return the list's items by summary, as the To-do panel and actions see them."""
    response = await hass.services.async_call(
        TODO_DOMAIN,
        "get_items",
        {"entity_id": TODO},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    items: list[dict[str, Any]] = response[TODO]["items"]
    return {item["summary"]: item for item in items}


async def _todo(hass: HomeAssistant, service: str, **data: Any) -> None:
    """Call a to-do action on the list, as the To-do panel does."""
    await hass.services.async_call(
        TODO_DOMAIN, service, {"entity_id": TODO, **data}, blocking=True
    )


async def _saved(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """Let the delayed save of what is checked off happen."""
    freezer.tick(timedelta(seconds=10))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


def _requests(sim_state: SimulatorState, endpoints: set[str]) -> list[Any]:
    """Return the bodies of the simulator's requests to some endpoints."""
    return [r.body for r in sim_state.requests if r.endpoint in endpoints]


# Reading an item's text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("1Z999AA10123456784 new shoes", ("1Z999AA10123456784", "new shoes", "parcel")),
        ("New shoes 1Z999AA10123456784", ("1Z999AA10123456784", "New shoes", "parcel")),
        (
            "2 pairs of boots 1Z999AA10123456784.",
            ("1Z999AA10123456784", "2 pairs of boots", "parcel"),
        ),
        ("Mscu7654321 sofa", ("MSCU7654321", "sofa", "ocean")),
        ("618-12345675", ("618-12345675", None, "air")),
        ("  jjd0001234567  ", ("JJD0001234567", None, "parcel")),
        ("new shoes", None),
        ("", None),
    ],
)
def test_read_item(text: str, read: tuple[str, str | None, str] | None) -> None:
    """The number is the longest word with a digit; the rest is the label."""
    item = read_item(text)
    assert (
        item if item is None else (item.number, item.label, item.kind.value)
    ) == read


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("MSKU1234567", "ocean"),
        ("ABCJ0000001", "ocean"),
        ("MSKX1234567", "parcel"),  # X is no container category
        ("MSKU123456", "parcel"),
        ("176-12345675", "air"),
        ("17612345675", "parcel"),
        ("176-1234567", "parcel"),
        ("1Z999AA10123456784", "parcel"),
    ],
)
def test_kind_of_number(number: str, kind: str) -> None:
    """A container's and an air waybill's shapes tell their kinds; else a parcel."""
    assert kind_of_number(number).value == kind


# The items ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("init_integration")
async def test_items_are_the_shipments(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """One item per shipment: its name, status and last event, its expected day."""
    await advance(hass, freezer, sim_state, timedelta(hours=12))
    state = state_of(hass, TODO)
    assert state.name == "Track123 Shipments"
    assert state.state == "3"
    items = await _items(hass)
    assert set(items) == {PARCEL, OCEAN, AIR}
    parcel = items[PARCEL]
    sensor = state_of(hass, entity_id_of(hass, shipment_unique_id("parcel", PARCEL)))
    assert parcel["uid"] == f"parcel_{PARCEL}"
    assert parcel["status"] == "needs_action"
    assert parcel["description"] == (
        "In transit: "
        f"{sensor.attributes['last_event']} ({sensor.attributes['last_event_location']})"
    )
    # Expected within hours: due at the end of the window.
    assert dt_util.parse_datetime(parcel["due"]) == sensor.attributes["expected_until"]
    # Expected on whole days (an ETA without a time): due on the last of them.
    ocean = state_of(hass, entity_id_of(hass, shipment_unique_id("ocean", OCEAN)))
    last_day = ocean.attributes["expected_until"] - timedelta(days=1)
    assert items[OCEAN]["due"] == last_day.date().isoformat()
    # No window: no due date.
    assert "due" not in items[AIR]


async def test_due_times_follow_the_home_zone(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
) -> None:
    """In a new home zone, items are due at the same moments, told in that zone."""
    await advance(hass, freezer, sim_state, timedelta(hours=12))
    before = (await _items(hass))[PARCEL]["due"]
    assert before.endswith("-08:00")  # US/Pacific, the tests' home

    await hass.config.async_update(time_zone="Asia/Tokyo")
    # Another shipment changes; this parcel does not.
    init_integration.runtime_data.coordinator.async_set_shipment(
        Parcel(track_no=NEW_PARCEL, courier_code="ups", status=ParcelStatus.IN_TRANSIT)
    )
    await hass.async_block_till_done()

    after = (await _items(hass))[PARCEL]["due"]
    assert after.endswith("+09:00")
    assert dt_util.parse_datetime(after) == dt_util.parse_datetime(before)


@pytest.mark.usefixtures("init_integration")
async def test_delivered_shipment_is_completed(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, sim_state: SimulatorState
) -> None:
    """A delivered shipment is a completed item; it cannot be taken back."""
    await advance(hass, freezer, sim_state, timedelta(days=3))
    sensor = state_of(hass, entity_id_of(hass, shipment_unique_id("parcel", PARCEL)))
    assert sensor.state == "delivered"

    parcel = (await _items(hass))[PARCEL]
    assert parcel["status"] == "completed"
    # The last event says "Delivered" already: not twice.
    assert parcel["description"] == (
        f"{sensor.attributes['last_event']} ({sensor.attributes['last_event_location']})"
    )
    assert parcel["description"].startswith("Delivered, ")
    assert "due" not in parcel

    with pytest.raises(ServiceValidationError) as caught:
        await _todo(hass, "update_item", item=PARCEL, status="needs_action")
    assert caught.value.translation_key == "todo_delivered"
    assert (await _items(hass))[PARCEL]["status"] == "completed"


# Adding ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("init_integration")
@pytest.mark.parametrize(
    ("text", "added"),
    [
        (f"{NEW_PARCEL} new shoes", ("parcel", NEW_PARCEL, "new shoes")),
        (f"{NEW_CONTAINER.lower()} sofa", ("ocean", NEW_CONTAINER, "sofa")),
        (NEW_AIR, ("air", NEW_AIR, None)),
    ],
)
async def test_add_item_starts_tracking(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    text: str,
    added: tuple[str, str, str | None],
) -> None:
    """An item added tracks its number, as the kind its shape tells, labelled.

    Its sensor and its item appear at once, the item named like the sensor.
    """
    kind, number, label = added
    await _todo(hass, "add_item", item=text)

    sensor = state_of(hass, entity_id_of(hass, shipment_unique_id(kind, number)))
    assert sensor.attributes["kind"] == kind
    assert sensor.attributes.get("label") == label
    items = await _items(hass)
    assert items[label or number]["uid"] == f"{kind}_{number}"
    assert items[label or number]["status"] == "needs_action"
    assert len(_requests(sim_state, IMPORTS)) == 1


@pytest.mark.usefixtures("init_integration")
async def test_add_by_voice(hass: HomeAssistant) -> None:
    """Saying "add 1Z… new shoes to Track123 Shipments" tracks the parcel, labelled.

    The list's name for Assist is its full name; a voice alias such as
    "Shipments" is the user's to add.
    """
    assert await async_setup_component(hass, "intent", {})
    await hass.async_block_till_done()
    await intent.async_handle(
        hass,
        "test",
        "HassListAddItem",
        {
            "item": {"value": f"{NEW_PARCEL.lower()} new shoes"},
            "name": {"value": "Track123 Shipments"},
        },
    )
    await hass.async_block_till_done()
    sensor = state_of(
        hass, entity_id_of(hass, shipment_unique_id("parcel", NEW_PARCEL))
    )
    assert sensor.attributes["label"] == "new shoes"
    assert "new shoes" in await _items(hass)


@pytest.mark.usefixtures("init_integration")
@pytest.mark.parametrize(
    ("text", "error", "key"),
    [
        pytest.param("new shoes", ServiceValidationError, "todo_no_number", id="none"),
        pytest.param("12 34 boots", ServiceValidationError, None, id="too_short"),
        pytest.param(f"{PARCEL} again", ServiceValidationError, None, id="tracked"),
    ],
)
async def test_add_item_refused(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    text: str,
    error: type[HomeAssistantError],
    key: str | None,
) -> None:
    """Text that cannot be tracked is refused, translated; nothing is left behind."""
    before = await _items(hass)
    sensors = shipment_entity_ids(hass)

    with pytest.raises(error) as caught:
        await _todo(hass, "add_item", item=text)

    assert caught.value.translation_domain == "track123"
    if key is not None:
        assert caught.value.translation_key == key
    assert await _items(hass) == before
    assert shipment_entity_ids(hass) == sensors
    assert _requests(sim_state, IMPORTS) == []


# Checking off ----------------------------------------------------------------------------------


async def test_check_off_keeps_tracking(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_state: SimulatorState,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """By default, checking off marks the item done in Home Assistant only.

    Track123 keeps tracking it; the mark survives a restart; it can be taken back.
    """
    await _todo(hass, "update_item", item=OCEAN, status="completed")

    ocean = (await _items(hass))[OCEAN]
    assert ocean["status"] == "completed"
    assert state_of(hass, TODO).state == "2"
    assert _requests(sim_state, DELETES) == []
    assert entity_id_of(hass, shipment_unique_id("ocean", OCEAN)) is not None
    await _saved(hass, freezer)
    stored = hass_storage[checked_off_storage_key(ENTRY_ID)]["data"]
    assert list(stored) == [f"ocean_{OCEAN}"]

    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert (await _items(hass))[OCEAN]["status"] == "completed"

    # Checked off again: nothing more happens.
    await _todo(hass, "update_item", item=OCEAN, status="completed")
    await _todo(hass, "update_item", item=OCEAN, status="needs_action")
    assert (await _items(hass))[OCEAN]["status"] == "needs_action"
    assert state_of(hass, TODO).state == "3"
    # Taken back twice: still waited for.
    await _todo(hass, "update_item", item=OCEAN, status="needs_action")
    assert (await _items(hass))[OCEAN]["status"] == "needs_action"


async def test_check_off_deletes_when_chosen(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, sim_state: SimulatorState
) -> None:
    """With "stop tracking" chosen, checking off deletes the shipment at Track123."""
    sim_state.add_parcel(PARCEL, courier_code="ups", scenario="delivered")
    await setup_entry(hass, mock_config_entry, **{CONF_TODO_COMPLETE: "delete"})

    await _todo(hass, "update_item", item=PARCEL, status="completed")

    assert PARCEL not in await _items(hass)
    assert entity_id_of(hass, shipment_unique_id("parcel", PARCEL)) is None
    assert len(_requests(sim_state, DELETES)) == 1


# Deleting and renaming ----------------------------------------------------------------------


@pytest.mark.usefixtures("init_integration")
async def test_delete_items_stops_tracking(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Deleting items stops tracking their shipments, sensors and all."""
    await _todo(hass, "update_item", item=PARCEL, status="completed")

    await _todo(hass, "remove_item", item=[PARCEL, OCEAN])

    assert set(await _items(hass)) == {AIR}
    assert entity_id_of(hass, shipment_unique_id("parcel", PARCEL)) is None
    assert entity_id_of(hass, shipment_unique_id("ocean", OCEAN)) is None
    assert len(_requests(sim_state, DELETES)) == 2
    # What was checked off is forgotten with the shipment.
    await _saved(hass, freezer)
    assert hass_storage[checked_off_storage_key(ENTRY_ID)]["data"] == {}


@pytest.mark.usefixtures("init_integration")
async def test_rename_item_sets_the_label(hass: HomeAssistant) -> None:
    """Renaming an item labels its shipment; its number as the name clears it."""
    await _todo(hass, "update_item", item=PARCEL, rename="Winter tyres")

    sensor_id = entity_id_of(hass, shipment_unique_id("parcel", PARCEL))
    assert state_of(hass, sensor_id).attributes["label"] == "Winter tyres"
    items = await _items(hass)
    # The number on a line of its own (Markdown's two spaces before the break).
    assert items["Winter tyres"]["description"].endswith(f"  \nUPS · {PARCEL}")

    await _todo(hass, "update_item", item="Winter tyres", rename=PARCEL)
    assert "label" not in state_of(hass, sensor_id).attributes


@pytest.mark.usefixtures("init_integration")
async def test_item_gone_meanwhile(hass: HomeAssistant) -> None:
    """An item whose shipment went meanwhile is refused, translated."""
    entity = hass.data[TODO_DOMAIN].get_entity(TODO)
    with pytest.raises(ServiceValidationError) as caught:
        await entity.async_delete_todo_items(["parcel_GONE0000"])
    assert caught.value.translation_key == "todo_item_gone"


async def test_removed_entry_forgets_what_was_checked_off(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Deleting the entry deletes its record of checked-off shipments."""
    await _todo(hass, "update_item", item=OCEAN, status="completed")
    await _saved(hass, freezer)
    assert checked_off_storage_key(ENTRY_ID) in hass_storage

    assert await hass.config_entries.async_remove(init_integration.entry_id)
    await hass.async_block_till_done()

    assert checked_off_storage_key(ENTRY_ID) not in hass_storage


async def test_no_due_date_for_a_shipment_not_coming(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A parcel on its way back to the sender is not due, whatever its window."""
    sim_state.add_parcel(NEW_PARCEL, courier_code="ups", scenario="returned_to_sender")
    await setup_entry(hass, mock_config_entry)
    for _ in range(12):
        await advance(hass, freezer, sim_state, timedelta(hours=6))
    sensor = state_of(
        hass, entity_id_of(hass, shipment_unique_id("parcel", NEW_PARCEL))
    )
    assert sensor.state == "abnormal"
    assert "expected_until" in sensor.attributes

    item = (await _items(hass))[NEW_PARCEL]
    assert item["status"] == "needs_action"
    assert "due" not in item
