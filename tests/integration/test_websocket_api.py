"""Tests of the card's websocket command: a shipment's whole history on demand."""

from datetime import datetime, timedelta
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.json import json_dumps
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.track123.api import (
    OceanContainer,
    OceanEvent,
    OceanEventStatus,
    OceanSearchStatus,
    OceanShipment,
    Parcel,
    ParcelEvent,
    ParcelStatus,
    ParcelSubStatus,
)
from custom_components.track123.const import DOMAIN
from track123_simulator import Fault, SimulatorState

from .common import (
    AIR_UNIQUE_ID,
    OCEAN,
    OCEAN_UNIQUE_ID,
    PARCEL,
    PARCEL_UNIQUE_ID,
    advance,
    entity_id_of,
    shipment_unique_id,
    state_of,
)

PARCEL_QUERY = "tk/v2.1/track/query"


async def _history(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator, entity_id: str | None
) -> dict[str, Any]:
    """Ask for a sensor's history; return the whole answer."""
    client = await hass_ws_client(hass)
    return await _ask(client, entity_id)


async def _ask(client: Any, entity_id: str | None) -> dict[str, Any]:
    """Ask a connected client for a sensor's history; return the whole answer."""
    await client.send_json_auto_id(
        {"type": "track123/shipment_history", "entity_id": entity_id}
    )
    response: dict[str, Any] = await client.receive_json()
    return response


def _newest_first(count: int) -> list[tuple[int, datetime]]:
    """Return ``count`` numbered moments three hours apart, newest first."""
    start = dt_util.utcnow() - timedelta(days=40)
    return [(n, start + timedelta(hours=3 * n)) for n in reversed(range(count))]


async def test_history_of_a_shipment_with_200_events(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    init_integration: MockConfigEntry,
) -> None:
    """The state keeps no history and stays under 4 KB; the card gets all 200 events."""
    events = tuple(
        ParcelEvent(
            time, f"Sorted at hub {n}", f"HUB {n}, US", ParcelSubStatus.IN_TRANSIT_02
        )
        for n, time in _newest_first(200)
    )
    init_integration.runtime_data.coordinator.async_set_shipment(
        Parcel(
            track_no=PARCEL,
            courier_code="ups",
            courier_name="UPS",
            tracking_link="https://www.ups.com/track?tracknum=" + PARCEL,
            ship_from="CN",
            ship_to="US",
            pieces=2,
            status=ParcelStatus.IN_TRANSIT,
            events=events,
        )
    )
    await hass.async_block_till_done()
    entity_id = entity_id_of(hass, PARCEL_UNIQUE_ID)
    attributes = dict(state_of(hass, entity_id).attributes)
    assert len(json_dumps(attributes)) < 4096
    assert "events" not in attributes

    response = await _history(hass, hass_ws_client, entity_id)

    assert response["success"]
    result = response["result"]
    assert result["entity_id"] == entity_id
    assert result["config_entry_id"] == init_integration.entry_id
    assert result["kind"] == "parcel"
    assert result["tracking_number"] == PARCEL
    assert result["carrier"] == "UPS"
    assert result["tracking_link"] == "https://www.ups.com/track?tracknum=" + PARCEL
    # The route and pieces the dialog shows, no longer on the state.
    assert (result["origin_country"], result["destination_country"]) == ("CN", "US")
    assert result["pieces"] == 2
    assert "origin_country" not in attributes
    assert [event["description"] for event in result["events"]] == [
        event.description for event in events
    ]
    assert result["events"][0] == {
        "time": events[0].time.isoformat() if events[0].time else None,
        "description": events[0].description,
        "location": events[0].location,
        "sub_status": "in_transit_02",
    }


async def test_history_of_every_container(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    init_integration: MockConfigEntry,
) -> None:
    """An ocean shipment's history holds every event of every container."""
    containers = tuple(
        OceanContainer(
            number,
            events=tuple(
                OceanEvent(OceanEventStatus.DEPA, time, description=f"{number} leg {n}")
                for n, time in _newest_first(12)
            ),
        )
        for number in ("MSKU1234567", "MSKU7654321")
    )
    init_integration.runtime_data.coordinator.async_set_shipment(
        OceanShipment(
            tracking_no=OCEAN,
            carrier_code="MAEU",
            search_status=OceanSearchStatus.IN_TRANSIT,
            containers=containers,
        )
    )
    await hass.async_block_till_done()
    entity_id = entity_id_of(hass, OCEAN_UNIQUE_ID)
    attributes = dict(state_of(hass, entity_id).attributes)
    assert len(json_dumps(attributes)) < 4096
    assert "events" not in attributes

    result = (await _history(hass, hass_ws_client, entity_id))["result"]

    assert result["kind"] == "ocean"
    assert result["carrier"] == "MAEU"
    assert [
        (event["container_number"], event["description"]) for event in result["events"]
    ] == [
        (container.container_no, event.description)
        for container in containers
        for event in container.events
    ]


async def test_history_for_a_user_who_may_read_the_sensor(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    init_integration: MockConfigEntry,
) -> None:
    """No admin is needed; a user who may not read the sensor gets no history."""
    parcel = entity_id_of(hass, PARCEL_UNIQUE_ID)
    air = entity_id_of(hass, AIR_UNIQUE_ID)
    hass_admin_user.groups = []
    hass_admin_user.mock_policy({"entities": {"entity_ids": {parcel: True}}})

    allowed = await _history(hass, hass_ws_client, parcel)
    refused = await _history(hass, hass_ws_client, air)

    assert allowed["success"]
    assert not refused["success"]
    assert refused["error"]["code"] == "unauthorized"


async def test_history_of_something_else(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    init_integration: MockConfigEntry,
) -> None:
    """Another integration's sensor, a summary sensor or a gone shipment: not found."""
    registry = er.async_get(hass)
    other = registry.async_get_or_create("sensor", "demo", "other").entity_id
    summary = next(
        entry.entity_id
        for entry in er.async_entries_for_config_entry(
            registry, init_integration.entry_id
        )
        if entry.domain == "sensor" and "_shipment_" not in entry.unique_id
    )
    gone = registry.async_get_or_create(
        "sensor",
        DOMAIN,
        shipment_unique_id("parcel", "GONE12345"),
        config_entry=init_integration,
    ).entity_id

    for entity_id in (other, summary, gone, "sensor.not_there"):
        response = await _history(hass, hass_ws_client, entity_id)
        assert not response["success"], entity_id
        assert response["error"]["code"] == "not_found"


async def test_history_after_unload(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    init_integration: MockConfigEntry,
) -> None:
    """A sensor of an unloaded entry has no history to give."""
    parcel = entity_id_of(hass, PARCEL_UNIQUE_ID)
    assert await hass.config_entries.async_unload(init_integration.entry_id)

    response = await _history(hass, hass_ws_client, parcel)

    assert response["error"]["code"] == "not_found"


@pytest.fixture
async def polled_a_day(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    init_integration: MockConfigEntry,
) -> tuple[Any, str]:
    """Return a connected client and the parcel's sensor after a day of polls."""
    client = await hass_ws_client(hass)  # before the token would expire
    await advance(hass, freezer, sim_state, timedelta(hours=30))
    return client, entity_id_of(hass, PARCEL_UNIQUE_ID)


async def test_history_of_a_polled_shipment_comes_from_track123(
    hass: HomeAssistant,
    polled_a_day: tuple[Any, str],
    sim_state: SimulatorState,
) -> None:
    """The card gets every event Track123 has, asked for with one query."""
    client, entity_id = polled_a_day
    answer = await hass.services.async_call(
        DOMAIN, "get_shipments", {}, blocking=True, return_response=True
    )
    assert answer is not None
    shipments: Any = answer["shipments"]
    expected = next(s for s in shipments if s["tracking_number"] == PARCEL)["events"]
    assert len(expected) > 1
    queries = sim_state.request_count(PARCEL_QUERY)

    result = (await _ask(client, entity_id))["result"]

    # The history get_shipments fetched serves the card too, until the parcel changes.
    assert sim_state.request_count(PARCEL_QUERY) == queries
    assert [event["description"] for event in result["events"]] == [
        event["description"] for event in expected
    ]
    last_event = state_of(hass, entity_id).attributes["last_event"]
    assert result["events"][0]["description"] == last_event


def _refuse_queries(sim_state: SimulatorState) -> None:
    """Make Track123 refuse the next two parcel queries (A0400)."""
    sim_state.faults.inject(
        Fault(kind="service_code", code="A0400", endpoint=PARCEL_QUERY, times=2)
    )


async def test_history_when_track123_cannot_answer(
    hass: HomeAssistant,
    polled_a_day: tuple[Any, str],
    sim_state: SimulatorState,
) -> None:
    """The card and the action say, translated, why there is no history."""
    client, entity_id = polled_a_day
    _refuse_queries(sim_state)

    response = await _ask(client, entity_id)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN, "get_shipments", {}, blocking=True, return_response=True
        )

    assert not response["success"]
    assert response["error"]["translation_key"] == "history_failed"
    assert response["error"]["translation_domain"] == DOMAIN
    assert "A0400" in response["error"]["translation_placeholders"]["error"]
    assert err.value.translation_key == "history_failed"
    assert err.value.translation_placeholders is not None
    assert "A0400" in err.value.translation_placeholders["error"]


async def test_shipments_without_history_while_track123_cannot_answer(
    hass: HomeAssistant,
    polled_a_day: tuple[Any, str],
    sim_state: SimulatorState,
) -> None:
    """history: false answers from what Home Assistant holds, asking Track123 nothing."""
    _, entity_id = polled_a_day
    _refuse_queries(sim_state)
    queries = sim_state.request_count(PARCEL_QUERY)

    answer = await hass.services.async_call(
        DOMAIN,
        "get_shipments",
        {"history": False},
        blocking=True,
        return_response=True,
    )

    assert sim_state.request_count(PARCEL_QUERY) == queries
    assert answer is not None
    shipments: Any = answer["shipments"]
    parcel = next(s for s in shipments if s["tracking_number"] == PARCEL)
    last_event = state_of(hass, entity_id).attributes["last_event"]
    assert [event["description"] for event in parcel["events"]] == [last_event]


async def test_history_of_a_shipment_track123_no_longer_has(
    hass: HomeAssistant,
    polled_a_day: tuple[Any, str],
    sim_state: SimulatorState,
) -> None:
    """A shipment Track123 stopped tracking since the last poll: a clear error."""
    client, entity_id = polled_a_day
    sim_state.remove("parcel", PARCEL)

    response = await _ask(client, entity_id)

    assert response["error"]["translation_key"] == "history_failed"
    assert PARCEL in response["error"]["translation_placeholders"]["error"]


async def test_history_served_again_until_the_shipment_changes(
    hass: HomeAssistant,
    *,
    polled_a_day: tuple[Any, str],
    sim_state: SimulatorState,
    freezer: FrozenDateTimeFactory,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
) -> None:
    """Browsers asking again for an unchanged shipment cost no second query."""
    client, entity_id = polled_a_day
    queries = sim_state.request_count(PARCEL_QUERY)
    first = (await _ask(client, entity_id))["result"]
    assert (await _ask(client, entity_id))["result"] == first
    assert sim_state.request_count(PARCEL_QUERY) == queries + 1

    # A new carrier event: the history asked next is Track123's new one.
    shown = state_of(hass, entity_id).attributes["last_event"]
    for _ in range(72):
        await advance(hass, freezer, sim_state, timedelta(hours=1))
        if state_of(hass, entity_id).attributes["last_event"] != shown:
            break
    else:
        pytest.fail("the parcel got no new event in three days")
    # A browser connecting now, with a token of this moment.
    refresh_token = await hass.auth.async_create_refresh_token(
        hass_admin_user, "https://example.com/"
    )
    client = await hass_ws_client(
        hass, hass.auth.async_create_access_token(refresh_token)
    )
    queries = sim_state.request_count(PARCEL_QUERY)
    changed = (await _ask(client, entity_id))["result"]
    assert sim_state.request_count(PARCEL_QUERY) == queries + 1
    assert len(changed["events"]) > len(first["events"])
    assert (
        changed["events"][0]["description"]
        == state_of(hass, entity_id).attributes["last_event"]
    )


async def test_lagging_history_asked_again(
    hass: HomeAssistant,
    polled_a_day: tuple[Any, str],
    sim_state: SimulatorState,
) -> None:
    """A history older than the sensor (a lagging copy) is asked for once more."""
    client, entity_id = polled_a_day
    shown = state_of(hass, entity_id).attributes
    sim_state.stale_reads[PARCEL] = shown["last_event_time"] - timedelta(minutes=1)
    queries = sim_state.request_count(PARCEL_QUERY)

    result = (await _ask(client, entity_id))["result"]

    assert sim_state.request_count(PARCEL_QUERY) == queries + 2
    assert result["events"][0]["description"] == shown["last_event"]
    assert len(result["events"]) > 1


async def test_history_behind_the_sensor_not_shown_nor_kept(
    hass: HomeAssistant,
    polled_a_day: tuple[Any, str],
    sim_state: SimulatorState,
) -> None:
    """Still lagging when asked again: the card gets what the sensor shows.

    The lagging copy is not kept: the next browser asks Track123 again.
    """
    client, entity_id = polled_a_day
    shown = state_of(hass, entity_id).attributes
    behind = shown["last_event_time"] - timedelta(minutes=1)
    queries = sim_state.request_count(PARCEL_QUERY)

    with patch.object(sim_state, "take_stale", return_value=behind):
        first = (await _ask(client, entity_id))["result"]
        second = (await _ask(client, entity_id))["result"]

    assert sim_state.request_count(PARCEL_QUERY) == queries + 4
    for result in (first, second):
        assert [event["description"] for event in result["events"]] == [
            shown["last_event"]
        ]
