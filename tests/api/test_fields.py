"""Fields users want: who signed, days stayed and to delivery, pieces, ids as text, cargo details."""

import json

import aiohttp
import orjson
import pytest

from custom_components.track123.api import Track123Client
from custom_components.track123.api.codec import JsonCodec
from custom_components.track123.api.parsing import (
    PARCEL_FIELDS,
    parse_air_shipment,
    parse_ocean_shipment,
    parse_parcel,
)
from custom_components.track123.api.rate_limit import EndpointRateLimiter

# The docs' example id: a JSON number above 2**53, which a float cannot hold.
DOCS_ID = 229255084490768384
ANSWER = (
    b'{"code": "00000", "data": {"accepted": {"content": [{"id": 229255084490768384,'
    b' "trackNo": "9261290306876200178939", "stayDays": 2, "deliveredDays": 4,'
    b' "extraInfo": {"signedBy": "J. SMITH", "pieces": 2}}]}}}'
)


@pytest.mark.parametrize(
    "codec", [JsonCodec(), JsonCodec(orjson.loads, orjson.dumps)], ids=["std", "orjson"]
)
def test_parcel_fields_from_a_real_answer(codec: JsonCodec) -> None:
    """Both decoders keep the id exact; it is read as text, never through a float."""
    item = codec.loads(ANSWER)["data"]["accepted"]["content"][0]
    assert item["id"] == DOCS_ID
    parcel = parse_parcel(item)
    assert parcel.id == "229255084490768384"
    assert str(float(DOCS_ID)) != parcel.id  # what reading it as a float would give
    assert parcel.signed_by == "J. SMITH"
    assert (parcel.stay_days, parcel.delivered_days, parcel.pieces) == (2, 4, 2)


def test_parcel_fields_missing_or_odd() -> None:
    """Missing or wrongly typed extras are None; a text id stays as written."""
    parcel = parse_parcel(
        {"id": " 42 ", "trackNo": "X", "stayDays": "two", "extraInfo": "nope"}
    )
    assert parcel.id == "42"
    assert (parcel.signed_by, parcel.pieces, parcel.stay_days) == (None, None, None)


def test_new_parcel_fields_make_a_parcel_change() -> None:
    """The change detector reads every key the parser reads."""
    for key in ("id", "extraInfo", "stayDays", "deliveredDays"):
        assert key in PARCEL_FIELDS


def test_ocean_fields() -> None:
    """Vessel, voyage, ETD, ATA and ATD of the shipment."""
    shipment = parse_ocean_shipment(
        {
            "trackingNo": "MAEU123456789",
            "vessel": "MAERSK ESSEX",
            "voyage": "123W",
            "etd": "2026-04-22 10:00:00",
            "atd": "2026-04-22 11:30:00",
            "ata": "2026-05-21 07:00:00",
        }
    )
    assert (shipment.vessel, shipment.voyage) == ("MAERSK ESSEX", "123W")
    assert shipment.etd is not None and shipment.etd.hour == 10
    assert shipment.atd is not None and shipment.atd.minute == 30
    assert shipment.ata is not None and shipment.ata.day == 21


def test_air_fields() -> None:
    """Weight unit beside pieces and weight."""
    shipment = parse_air_shipment(
        {"trackingNo": "176-12345675", "pieces": 3, "weight": 120.5, "weightUnit": "KG"}
    )
    assert (shipment.pieces, shipment.weight, shipment.weight_unit) == (3, 120.5, "KG")


@pytest.mark.usefixtures("socket_enabled")
async def test_big_id_through_the_client(script) -> None:
    """Through the client and its codec, the id keeps every digit."""
    state, base_url = script
    state.reply(ANSWER)
    async with aiohttp.ClientSession() as session:
        for loads, dumps in ((None, None), (orjson.loads, orjson.dumps)):
            client = Track123Client(
                "k",
                session,
                base_url=base_url,
                rate_limiter=EndpointRateLimiter(1000),
                json_loads=loads,
                json_dumps=dumps,
            )
            [parcel] = (await client.query_parcels(["X"])).items
            assert parcel.id == str(DOCS_ID)
    assert json.loads(ANSWER)["data"]["accepted"]["content"][0]["id"] == DOCS_ID
