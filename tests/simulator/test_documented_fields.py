"""What the documentation shows, with or without realism: big integer ids, signer, pieces, days, batch size."""

from __future__ import annotations

from datetime import timedelta
import re
from typing import Any

import pytest

from track123_simulator import SimulatorState

from .conftest import Api

UPS = "1Z999AA10123456784"


@pytest.mark.parametrize(
    "endpoint",
    ["tk/v2.1/track/query", "tk/v1/ocean/track/query", "tk/v1/aviation/track/query"],
)
async def test_ids_are_integers_beyond_a_double(
    api: Api, sim_state: SimulatorState, endpoint: str
) -> None:
    """``id`` is written as a bare JSON integer above 2**53, which a double cannot hold exactly."""
    sim_state.add_parcel(UPS, courier_code="ups")
    sim_state.add_ocean("MSKU1234567")
    sim_state.add_air("176-12345675")
    answer = await api.post(endpoint, {})
    (item,) = answer.json()["data"]["accepted"]["content"]
    assert isinstance(item["id"], int)
    assert item["id"] > 2**53
    assert re.search(rf'"id": {item["id"]}[,}}]', answer.text)


async def _parcel_after(
    api: Api, sim_state: SimulatorState, scenario: str, days: int
) -> dict[str, Any]:
    """Register a parcel of ``scenario`` (if not yet), let ``days`` pass, query it."""
    if UPS not in sim_state.parcels:
        sim_state.add_parcel(UPS, courier_code="ups", scenario=scenario)
    sim_state.clock.advance(timedelta(days=days))
    return await api.tracking("tk/v2.1/track/query", UPS)


async def test_delivered_parcel_is_signed_for(
    api: Api, sim_state: SimulatorState
) -> None:
    """``extraInfo`` names who signed (a name in capitals) once delivered, and the pieces; days since delivery count."""
    item = await _parcel_after(api, sim_state, "pickup_point", 1)
    assert item["extraInfo"]["signedBy"] == ""
    assert item["extraInfo"]["pieces"] == 1
    assert item["stayDays"] == 0
    item = await _parcel_after(api, sim_state, "pickup_point", 5)
    assert item["transitStatus"] == "DELIVERED"
    assert re.fullmatch(r"[A-Z]\. [A-Z]+", item["extraInfo"]["signedBy"])
    assert item["deliveredDays"] == 3
    assert item["stayDays"] == 0


async def test_stay_days_count_while_nothing_happens(
    api: Api, sim_state: SimulatorState
) -> None:
    """``stayDays`` counts the days since the last event of a parcel that is not delivered."""
    item = await _parcel_after(api, sim_state, "delivery_failed", 6)
    assert item["transitStatus"] == "DELIVERY_FAILED"
    assert item["stayDays"] == 4
    assert item["deliveredDays"] == 0


@pytest.mark.parametrize(
    ("endpoint", "key"),
    [
        ("tk/v2.1/track/import", "trackNo"),
        ("tk/v1/ocean/track/import", "trackingNo"),
        ("tk/v1/aviation/track/import", "trackingNo"),
    ],
)
async def test_a_hundred_per_import(
    api: Api, sim_state: SimulatorState, endpoint: str, key: str
) -> None:
    """An import takes 100 numbers; 101 are refused whole with A0400."""
    numbers = [
        f"176-{i:08d}" if "aviation" in endpoint else f"MSKU{i:07d}" for i in range(101)
    ]
    refused = await api.post(endpoint, [{key: n} for n in numbers])
    assert (refused.status, refused.json()["code"]) == (400, "A0400")
    accepted = await api.post(endpoint, [{key: n} for n in numbers[:100]])
    assert len(accepted.json()["data"]["accepted"]) == 100
