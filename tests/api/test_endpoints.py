"""Endpoint paths: the documented alternative on C0113, remembered; the new methods; the key check."""

from datetime import datetime, timedelta

import pytest

from custom_components.track123.api import (
    AirImport,
    OceanImport,
    Rejected,
    Track123ApiChangedError,
    Track123AuthenticationError,
    Track123Client,
    Track123InvalidRequestError,
)
from custom_components.track123.api.const import RATE_LIMITS
from custom_components.track123.api.endpoints import ENDPOINTS

pytestmark = pytest.mark.usefixtures("socket_enabled")

MISSING = {"code": "C0113", "msg": "The interface does not exist.", "data": None}
EMPTY_PAGE = {"code": "00000", "data": {"accepted": {"content": []}}}
OK = {"code": "00000", "msg": "Success", "data": None}


def paths(state) -> list[str]:
    """Return the paths the scripted server saw, in order."""
    return [path for path, _ in state.bodies]


async def test_alternative_path_on_c0113_is_remembered(scripted) -> None:
    """v1 answers C0113: v2.1 is tried, and used alone from then on."""
    state, client = scripted
    state.reply_at("tk/v1/ocean/track/query", MISSING, 404)
    state.reply(EMPTY_PAGE)
    assert client.endpoint_paths["ocean_query"] == "tk/v1/ocean/track/query"
    await client.query_ocean([OceanImport("MSKU1234567")])
    await client.query_ocean_page(datetime(2026, 1, 1), datetime(2026, 2, 1))
    assert paths(state) == [
        "tk/v1/ocean/track/query",
        "tk/v2.1/ocean/track/query",
        "tk/v2.1/ocean/track/query",
    ]
    assert client.endpoint_paths["ocean_query"] == "tk/v2.1/ocean/track/query"
    # Other endpoints are untouched.
    assert client.endpoint_paths["ocean_import"] == "tk/v1/ocean/track/import"


async def test_c0113_in_http_200_also_moves_on(scripted) -> None:
    """The code decides, whatever the HTTP status."""
    state, client = scripted
    state.reply_at("tk/v1/aviation/track/query", MISSING)
    state.reply(EMPTY_PAGE)
    assert (await client.query_air(["176-12345675"])).items == ()
    assert paths(state) == [
        "tk/v1/aviation/track/query",
        "tk/v2.1/aviation/track/query",
    ]


async def test_a_path_that_answered_is_kept_even_when_it_fails_later(scripted) -> None:
    """Once v1 answered, a later C0113 from it is raised, not hidden by a switch."""
    state, client = scripted
    state.reply(EMPTY_PAGE)
    await client.query_ocean([OceanImport("MSKU1234567")])
    state.reply_at("tk/v1/ocean/track/query", MISSING, 404)
    with pytest.raises(Track123ApiChangedError):
        await client.query_ocean([OceanImport("MSKU1234567")])
    assert paths(state) == ["tk/v1/ocean/track/query"] * 2


async def test_every_path_missing(scripted) -> None:
    """All paths answer C0113: the error, and nothing remembered."""
    state, client = scripted
    state.reply(MISSING, 404)
    with pytest.raises(Track123ApiChangedError):
        await client.list_ocean_carriers()
    assert paths(state) == [
        "tk/v1/ocean/carrier/list",
        "tk/v2.1/ocean/carrier/list",
        "tk/v1/ocean/courier/list",
    ]
    assert client.endpoint_paths["ocean_carrier_list"] == "tk/v1/ocean/carrier/list"


async def test_other_errors_do_not_switch_paths(scripted) -> None:
    """A parameter error is the request's fault, not the path's."""
    state, client = scripted
    state.reply({"code": "A0400", "msg": "bad"})
    with pytest.raises(Track123InvalidRequestError):
        await client.query_ocean([OceanImport("MSKU1234567")])
    assert paths(state) == ["tk/v1/ocean/track/query"]


def test_every_endpoint_is_listed_for_diagnostics() -> None:
    """Names are unique; each endpoint has a path; cargo imports keep 3 per second."""
    names = [endpoint.name for endpoint in ENDPOINTS]
    assert len(names) == len(set(names))
    assert all(endpoint.paths for endpoint in ENDPOINTS)
    for path in ("tk/v1/ocean/track/import", "tk/v2.1/aviation/track/import"):
        assert RATE_LIMITS[path] == 3


async def test_air_delete_change_carrier_and_retrack(scripted) -> None:
    """The air methods the docs list, with their bodies."""
    state, client = scripted
    state.reply(
        {
            "code": "00000",
            "data": {
                "accepted": [{"trackingNo": "176-12345675"}],
                "rejected": [
                    {
                        "trackingNo": "020-1",
                        "error": {"code": "A0400", "msg": "unknown"},
                    }
                ],
            },
        }
    )
    deleted = await client.delete_air([AirImport("176-12345675"), "020-1"])
    assert deleted.accepted == ("176-12345675",)
    assert deleted.rejected == (Rejected("020-1", "A0400", "unknown"),)
    retracked = await client.retrack_air(["176-12345675"])
    assert retracked.accepted == ("176-12345675",)
    state.reply(OK)
    await client.update_air_carrier("176-12345675", "EK")
    assert state.bodies == [
        (
            "tk/v1/aviation/track/delete",
            [{"trackingNo": "176-12345675"}, {"trackingNo": "020-1"}],
        ),
        ("tk/v2.1/aviation/track/refresh", [{"trackingNo": "176-12345675"}]),
        (
            "tk/v1/aviation/track/update-carrier",
            {"trackingNo": "176-12345675", "carrierCode": "EK"},
        ),
    ]
    state.reply(
        {"code": "00000", "data": {"rejected": [{"code": "A0400", "msg": "no such"}]}}
    )
    with pytest.raises(Track123InvalidRequestError, match="no such"):
        await client.update_air_carrier("176-12345675", "EK")


async def test_retrack_parcels(scripted) -> None:
    """Retrack one parcel ([doc] path) or many (batch path), in batches of 100."""
    state, client = scripted
    state.reply({"code": "00000", "data": {"accepted": [{"trackNo": "A"}]}})
    numbers = [f"N{index}" for index in range(150)]
    await client.retrack_parcels(numbers, {"N0": "ups"})
    assert [(path, len(body)) for path, body in state.bodies] == [
        ("tk/v2.1/track/refresh-batch", 100),
        ("tk/v2.1/track/refresh-batch", 50),
    ]
    assert state.bodies[0][1][:2] == [
        {"trackNo": "N0", "courierCode": "ups"},
        {"trackNo": "N1"},
    ]
    state.bodies.clear()
    single = await client.retrack_parcel("A", "ups")
    assert single.accepted == ("A",)
    assert state.bodies == [
        ("tk/v2.1/track/refresh", {"trackNo": "A", "courierCode": "ups"})
    ]


@pytest.mark.parametrize(
    ("data", "accepted", "refused"),
    [
        ({"refreshTime": "2026-05-01 10:00:00", "valid": True}, ("A",), ()),
        (True, ("A",), ()),
        (None, ("A",), ()),
        (False, (), ("A",)),
        (
            {"rejected": [{"trackNo": "A", "error": {"code": "A0400", "msg": "6 h"}}]},
            (),
            ("A",),
        ),
    ],
)
async def test_retrack_answers(
    scripted, data: object, accepted: tuple, refused: tuple
) -> None:
    """Whatever form the answer takes, the parcel is accepted or refused."""
    state, client = scripted
    state.reply({"code": "00000", "data": data})
    result = await client.retrack_parcel("A")
    assert result.accepted == accepted
    assert tuple(r.number for r in result.rejected) == refused


async def test_verify_key_sends_a_real_one_day_window(scripted) -> None:
    """The key check queries one day of parcels, one a page: the documented form."""
    state, client = scripted
    state.reply(EMPTY_PAGE)
    await client.verify_key()
    [(path, body)] = state.bodies
    assert path == "tk/v2.1/track/query"
    start = datetime.strptime(body["createTimeStart"], "%Y-%m-%d %H:%M:%S")
    end = datetime.strptime(body["createTimeEnd"], "%Y-%m-%d %H:%M:%S")
    assert end - start == timedelta(days=1)
    assert body["queryPageSize"] == 1


async def test_verify_key_raises_what_the_server_says(scripted) -> None:
    """A wrong key is an authentication error."""
    state, client = scripted
    state.reply({"code": "A0230", "msg": "Token is invalid or expired."})
    with pytest.raises(Track123AuthenticationError):
        await client.verify_key()


async def test_verify_key_against_the_simulator(make_client) -> None:
    """The simulator takes the check with the right key and refuses a wrong one."""
    client: Track123Client = make_client()
    await client.verify_key()
    with pytest.raises(Track123AuthenticationError):
        await make_client(api_key="wrong-key").verify_key()


async def test_a_service_serving_only_v21(make_client, sim_state) -> None:
    """Against a simulator that answers C0113 on every tk/v1 path, cargo still works."""
    sim_state.realism.v21_only = True
    sim_state.add_ocean("MSKU1234567", scenario="delivered")
    sim_state.add_air("176-12345675", scenario="delivered")
    client: Track123Client = make_client()
    assert (await client.query_ocean([OceanImport("MSKU1234567")])).items
    assert (await client.query_air(["176-12345675"])).items
    assert client.endpoint_paths["ocean_query"] == "tk/v2.1/ocean/track/query"
    assert client.endpoint_paths["air_query"] == "tk/v2.1/aviation/track/query"
    sim_state.requests.clear()
    await client.query_ocean([OceanImport("MSKU1234567")])
    assert [r.endpoint for r in sim_state.requests] == ["tk/v2.1/ocean/track/query"]
