"""A client that keeps only the newest events, and the whole history on request."""

from collections.abc import Callable
from datetime import timedelta

from custom_components.track123.api import OceanImport, Track123Client

EPOCH_DAYS = 3650


async def test_polls_keep_the_newest_event_and_full_history_has_all(
    make_client: Callable[..., Track123Client], sim_state
) -> None:
    """Every kind: the newest event (each container's) kept; full_history() has all."""
    sim_state.add_parcel("LV209031969CN", courier_code="cainiao", scenario="delivered")
    sim_state.add_ocean(
        "MSKU7654321", number_type=3, carrier_code="MAEU", scenario="delivered"
    )
    sim_state.add_air("176-12345675", scenario="delivered")
    sim_state.clock.advance(timedelta(days=90))
    client = make_client(keep_history=False)
    full = client.full_history()
    now = sim_state.clock.now()
    start = now - timedelta(days=EPOCH_DAYS)

    [parcel] = await client.query_all_parcels(start, now + timedelta(days=1))
    [ocean] = (await client.query_ocean([OceanImport("MSKU7654321")])).items
    [air] = (await client.query_air(["176-12345675"])).items
    [whole_parcel] = (await full.query_parcels(["LV209031969CN"])).items
    [whole_ocean] = (await full.query_ocean([OceanImport("MSKU7654321")])).items
    [whole_air] = (await full.query_air(["176-12345675"])).items

    assert len(whole_parcel.events) > 1 and whole_parcel.history_complete
    assert parcel.events == whole_parcel.events[:1]
    assert not parcel.history_complete
    assert len(whole_air.events) > 1 and whole_air.history_complete
    assert air.events == whole_air.events[:1]
    assert not air.history_complete
    assert whole_ocean.history_complete
    assert len(whole_ocean.containers[0].events) > 1
    assert [c.events for c in ocean.containers] == [
        c.events[:1] for c in whole_ocean.containers
    ]
    assert ocean.last_event == whole_ocean.last_event
    assert not ocean.history_complete
    # The poll's client still keeps the newest event only.
    [again] = (await client.query_parcels(["LV209031969CN"])).items
    assert again.events == whole_parcel.events[:1]


async def test_a_short_history_is_complete(
    make_client: Callable[..., Track123Client], sim_state
) -> None:
    """A shipment with at most one event per container keeps all it has."""
    sim_state.add_ocean("MSKU1234567", number_type=3, carrier_code="MAEU")
    sim_state.add_air("020-12345675")
    client = make_client(keep_history=False)

    [ocean] = (await client.query_ocean([OceanImport("MSKU1234567")])).items
    [air] = (await client.query_air(["020-12345675"])).items

    assert all(len(c.events) <= 1 for c in ocean.containers)
    assert ocean.history_complete
    assert len(air.events) <= 1
    assert air.history_complete
