"""Tests of the client against the Track123 simulator."""

import asyncio
from datetime import UTC, datetime, timedelta
import logging

import pytest

from custom_components.track123.api import (
    AirImport,
    AirStatus,
    OceanImport,
    OceanNumberType,
    OceanSearchStatus,
    ParcelImport,
    ParcelStatus,
    QueryStatus,
    Track123ApiChangedError,
    Track123AuthenticationError,
    Track123Client,
    Track123ConnectionError,
    Track123Error,
    Track123InvalidRequestError,
    Track123RateLimitError,
    Track123ResponseError,
    Track123ServerError,
    Track123ServiceError,
    Track123TimeoutError,
)
from custom_components.track123.api.const import (
    AIR_IMPORT,
    OCEAN_QUERY,
    PARCEL_IMPORT,
    PARCEL_QUERY,
)
from track123_simulator import Fault

# The Home Assistant test plugin blocks sockets; the simulator listens on 127.0.0.1.
pytestmark = pytest.mark.usefixtures("socket_enabled")

UPS = "1Z999AA10123456784"
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
FAR_FUTURE = datetime(2100, 1, 1, tzinfo=UTC)


def bodies(sim_state, endpoint: str) -> list:
    """Return the bodies the simulator received on an endpoint."""
    return [r.body for r in sim_state.requests if r.endpoint == endpoint]


def ups_number(index: int) -> str:
    """Return a distinct UPS-looking tracking number."""
    return f"1Z{index:016d}"


# Parcels ---------------------------------------------------------------------------


async def test_import_parcels(client: Track123Client, sim_state) -> None:
    """Accepted, already tracked and rejected numbers are told apart."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    result = await client.import_parcels(
        [
            ParcelImport(
                "LV209031969CN",
                courier_code="cainiao",
                order_no="x1",
                postal_code="10001",
                phone_suffix="2390",
                remark="gift",
                ship_time=datetime(2026, 1, 1, 12, tzinfo=UTC),
            ),
            UPS,
            ParcelImport("BAD1", courier_code="nosuchcourier"),
        ]
    )
    assert result.accepted == ("LV209031969CN",)
    assert result.already_tracked == (UPS,)
    assert len(result.rejected) == 1
    assert result.rejected[0].number == "BAD1"
    assert result.rejected[0].code == "A0400"
    [body] = bodies(sim_state, PARCEL_IMPORT)
    assert body[0] == {
        "trackNo": "LV209031969CN",
        "courierCode": "cainiao",
        "orderNo": "x1",
        "postalCode": "10001",
        "remark": "gift",
        "shipTime": "2026-01-01 12:00:00",
        "extendFieldMap": {"phoneSuffix": "2390"},
    }
    assert body[1] == {"trackNo": UPS}
    assert sim_state.parcels["LV209031969CN"].remark == "gift"


async def test_import_parcels_in_batches_of_100(
    client: Track123Client, sim_state
) -> None:
    """205 parcels go out as 100 + 100 + 5 (the docs' limit); results are merged."""
    numbers = [ups_number(i) for i in range(205)]
    result = await client.import_parcels(numbers)
    assert result.accepted == tuple(numbers)
    assert [len(b) for b in bodies(sim_state, PARCEL_IMPORT)] == [100, 100, 5]
    again = await client.import_parcels(numbers[:3])
    assert again.accepted == ()
    assert again.already_tracked == tuple(numbers[:3])


async def test_query_parcels_in_batches_of_100(
    client: Track123Client, sim_state
) -> None:
    """250 numbers make three query requests; unknown numbers are rejected."""
    numbers = [ups_number(i) for i in range(250)]
    for number in numbers[:200]:
        sim_state.add_parcel(number, courier_code="ups", scenario="delivered")
    result = await client.query_parcels(numbers)
    sent = bodies(sim_state, PARCEL_QUERY)
    assert len(sent) == 3
    assert [len(b["trackNos"]) for b in sent] == [100, 100, 50]
    assert {p.track_no for p in result.items} == set(numbers[:200])
    assert {r.number for r in result.rejected} == set(numbers[200:])
    assert {r.message for r in result.rejected} == {"trackNo not registered"}


async def test_query_parcel_details(client: Track123Client, sim_state) -> None:
    """A cross-border parcel: merged legs, newest first, statuses and times."""
    sim_state.add_parcel(
        "LV209031969CN", courier_code="cainiao", scenario="cross_border"
    )
    sim_state.clock.advance(timedelta(days=30))
    result = await client.query_parcels(["LV209031969CN"])
    [parcel] = result.items
    assert parcel.track_no == "LV209031969CN"
    assert parcel.courier_code == "cainiao"
    assert parcel.query_status is QueryStatus.NORMAL_QUERY
    assert parcel.status is not ParcelStatus.UNKNOWN
    assert parcel.last_mile_track_no is not None
    assert parcel.created_time is not None and parcel.created_time.tzinfo is not None
    times = [e.time for e in parcel.events]
    assert all(t is not None for t in times)
    assert times == sorted(times, reverse=True)  # type: ignore[type-var]
    assert {e.source.value for e in parcel.events} == {"local", "last_mile"}
    assert parcel.last_event == parcel.events[0]
    assert parcel.expected_delivery is not None


async def test_query_status_fault(client: Track123Client, sim_state) -> None:
    """A per-tracking query status is surfaced."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    sim_state.faults.inject(
        Fault(kind="query_status", track_nos=(UPS,), query_status="005")
    )
    [parcel] = (await client.query_parcels([UPS])).items
    assert parcel.query_status is QueryStatus.CACHE_FOR_WEBSITE_ERROR


async def test_query_empty(client: Track123Client, sim_state) -> None:
    """No numbers: no request."""
    result = await client.query_parcels([])
    assert result.items == ()
    assert sim_state.requests == []


async def test_paging(client: Track123Client, sim_state) -> None:
    """Pages follow the cursor to the end."""
    for i in range(5):
        sim_state.add_parcel(ups_number(i), courier_code="ups", scenario="delivered")
        sim_state.clock.advance(timedelta(minutes=1))
    first = await client.query_parcels_page(EPOCH, FAR_FUTURE, page_size=2)
    assert len(first.items) == 2
    assert (first.current_page, first.total_pages, first.total_elements) == (1, 3, 5)
    assert first.cursor
    assert not first.is_last
    second = await client.query_parcels_page(EPOCH, FAR_FUTURE, first.cursor, 2)
    assert second.current_page == 2
    sent = bodies(sim_state, PARCEL_QUERY)
    assert sent[0] == {
        "createTimeStart": "2000-01-01 00:00:00",
        "createTimeEnd": "2100-01-01 00:00:00",
        "cursor": "",
        "queryPageSize": 2,
    }
    assert sent[1]["cursor"] == first.cursor
    sim_state.requests.clear()
    everything = await client.query_all_parcels(EPOCH, FAR_FUTURE, page_size=2)
    assert [p.track_no for p in everything] == [ups_number(i) for i in range(5)]
    assert len(bodies(sim_state, PARCEL_QUERY)) == 3
    assert await client.query_all_parcels(FAR_FUTURE, FAR_FUTURE) == ()


async def test_paging_stops_on_repeated_cursor(
    client: Track123Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that keeps answering the same cursor cannot loop forever."""
    from custom_components.track123.api import Page, Parcel

    calls: list[str | None] = []

    async def fake_page(*args, **kwargs) -> Page[Parcel]:
        calls.append(args[2] if len(args) > 2 else None)
        return Page(items=(Parcel("A"),), cursor="same")

    monkeypatch.setattr(client, "query_parcels_page", fake_page)
    assert len(await client.query_all_parcels(EPOCH, FAR_FUTURE)) == 2
    assert calls == [None, "same"]


async def test_paging_hard_cap(
    client: Track123Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paging stops after MAX_PAGES pages."""
    from custom_components.track123.api import Page, Parcel, core

    monkeypatch.setattr(core, "MAX_PAGES", 4)
    counter = iter(range(100))

    async def fake_page(*args, **kwargs) -> Page[Parcel]:
        return Page(items=(Parcel("A"),), cursor=str(next(counter)))

    monkeypatch.setattr(client, "query_parcels_page", fake_page)
    assert len(await client.query_all_parcels(EPOCH, FAR_FUTURE)) == 4


async def test_query_realtime(client: Track123Client, sim_state) -> None:
    """One parcel, live; an unknown number raises with the server's message."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    sim_state.clock.advance(timedelta(days=10))
    parcel = await client.query_parcel_realtime(UPS, "ups", postal_code="10001")
    assert parcel.track_no == UPS
    assert parcel.status is ParcelStatus.DELIVERED
    assert bodies(sim_state, "tk/v2.1/track/query-realtime")[0] == {
        "trackNo": UPS,
        "courierCode": "ups",
        "postalCode": "10001",
    }
    with pytest.raises(Track123InvalidRequestError, match="trackNo not registered"):
        await client.query_parcel_realtime("1Z000000000000NOPE", "ups")


async def test_delete_parcels(client: Track123Client, sim_state) -> None:
    """Deleted and unknown numbers."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    result = await client.delete_parcels([UPS, "UNKNOWN1"], {UPS: "ups"})
    assert result.accepted == (UPS,)
    assert [r.number for r in result.rejected] == ["UNKNOWN1"]
    assert UPS not in sim_state.parcels
    assert bodies(sim_state, "tk/v2.1/track/delete")[0] == [
        {"trackNo": UPS, "courierCode": "ups"},
        {"trackNo": "UNKNOWN1"},
    ]


async def test_update_parcel(client: Track123Client, sim_state) -> None:
    """Fields are updated; an unknown number raises."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    await client.update_parcel(
        UPS, "ups", order_no="o-1", remark="new", phone_suffix="1234"
    )
    shipment = sim_state.parcels[UPS]
    assert (shipment.order_no, shipment.remark) == ("o-1", "new")
    assert shipment.extend_fields == {"phoneSuffix": "1234"}
    with pytest.raises(Track123InvalidRequestError):
        await client.update_parcel("NOPE", remark="x")


async def test_update_parcel_courier(client: Track123Client, sim_state) -> None:
    """The courier is changed; an unknown number raises."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    await client.update_parcel_courier(UPS, "ups", "fedex")
    assert sim_state.parcels[UPS].courier_code == "fedex"
    with pytest.raises(Track123InvalidRequestError):
        await client.update_parcel_courier("NOPE", None, "fedex")


async def test_couriers(client: Track123Client, sim_state) -> None:
    """Courier list (GET) and detection."""
    couriers = await client.list_couriers()
    ups = next(c for c in couriers if c.code == "ups")
    assert ups.name == "UPS"
    assert ups.home_page == "https://www.ups.com"
    assert sim_state.requests[-1].method == "GET"
    detected = await client.detect_courier(UPS)
    assert detected[0].code == "ups"
    assert await client.detect_courier("??") == ()


# Ocean -----------------------------------------------------------------------------


async def test_ocean_lifecycle(client: Track123Client, sim_state) -> None:
    """Import, duplicate, query, page, refresh, carrier change, delete."""
    container = OceanImport("MSKU1234567", OceanNumberType.CONTAINER, "MAEU")
    result = await client.import_ocean([container, container])
    assert result.accepted == ("MSKU1234567",)
    assert result.already_tracked == ("MSKU1234567",)
    sim_state.clock.advance(timedelta(days=10))

    found = await client.query_ocean([container, OceanImport("MSKU0000000")])
    [shipment] = found.items
    assert shipment.tracking_no == "MSKU1234567"
    assert shipment.number_type is OceanNumberType.CONTAINER
    assert shipment.carrier_code == "MAEU"
    assert shipment.search_status is not OceanSearchStatus.UNKNOWN
    assert shipment.containers
    assert [r.number for r in found.rejected] == ["MSKU0000000"]
    assert bodies(sim_state, OCEAN_QUERY)[0][0] == {
        "trackingNo": "MSKU1234567",
        "type": 3,
    }

    page = await client.query_ocean_page(EPOCH, FAR_FUTURE)
    assert [s.tracking_no for s in page.items] == ["MSKU1234567"]
    assert len(await client.query_all_ocean(EPOCH, FAR_FUTURE)) == 1

    refreshed = await client.refresh_ocean([container])
    assert refreshed.accepted == ("MSKU1234567",)
    again = await client.refresh_ocean([container])
    assert again.accepted == ()
    assert again.rejected[0].code == "A0400"

    await client.update_ocean_carrier(container, "MSCU")
    assert sim_state.ocean["MSKU1234567"].carrier_code == "MSCU"
    with pytest.raises(Track123InvalidRequestError):
        await client.update_ocean_carrier(OceanImport("MSKU0000000"), "MSCU")

    deleted = await client.delete_ocean([container])
    assert deleted.accepted == ("MSKU1234567",)
    assert not sim_state.ocean


async def test_ocean_delivered_events(client: Track123Client, sim_state) -> None:
    """A delivered container has events, newest first."""
    sim_state.add_ocean(
        "MSKU7654321", number_type=3, carrier_code="MAEU", scenario="delivered"
    )
    sim_state.clock.advance(timedelta(days=90))
    [shipment] = (await client.query_ocean([OceanImport("MSKU7654321")])).items
    assert shipment.search_status is OceanSearchStatus.FINAL
    events = shipment.containers[0].events
    assert events
    assert [e.time for e in events] == sorted((e.time for e in events), reverse=True)  # type: ignore[type-var]
    assert shipment.last_event is not None
    assert shipment.port_of_loading is not None
    assert shipment.eta is not None


async def test_ocean_carriers(client: Track123Client) -> None:
    """Ocean carrier list."""
    carriers = await client.list_ocean_carriers()
    assert "MAEU" in {c.code for c in carriers}


# Air -------------------------------------------------------------------------------


async def test_air(client: Track123Client, sim_state) -> None:
    """Import (batches of 100), duplicate, query, airline list."""
    numbers = [f"176-{i:08d}" for i in range(150)]
    result = await client.import_air([AirImport(numbers[0], "EK"), *numbers[1:]])
    assert len(result.accepted) == 150
    assert [len(b) for b in bodies(sim_state, AIR_IMPORT)] == [100, 50]
    assert bodies(sim_state, AIR_IMPORT)[0][0] == {
        "trackingNo": numbers[0],
        "airlineCode": "EK",
    }
    duplicate = await client.import_air([numbers[0]])
    assert duplicate.already_tracked == (numbers[0],)

    sim_state.add_air("176-12345675", scenario="delivered")
    sim_state.clock.advance(timedelta(days=20))
    found = await client.query_air(["176-12345675", "020-99999999"])
    [shipment] = found.items
    assert shipment.awb == "176-12345675"
    assert shipment.airline_code == "EK"
    assert shipment.status is AirStatus.DELIVERED
    assert shipment.events and shipment.flights
    assert shipment.last_event == shipment.events[0]
    assert [r.number for r in found.rejected] == ["020-99999999"]

    page = await client.query_air_page(EPOCH, FAR_FUTURE, page_size=100)
    assert len(page.items) == 100
    assert not page.is_last
    every = await client.query_all_air(EPOCH, FAR_FUTURE)
    assert len(every) == 151
    assert "176-12345675" in {s.awb for s in every}

    airlines = await client.list_air_couriers()
    assert "EK" in {a.code for a in airlines}


# Errors ----------------------------------------------------------------------------

SERVICE_CODES = {
    "A0001": Track123InvalidRequestError,
    "A0200": Track123ServerError,
    "A0201": Track123AuthenticationError,
    "A0202": Track123AuthenticationError,
    "A0203": Track123AuthenticationError,
    "A0230": Track123AuthenticationError,
    "A0231": Track123AuthenticationError,
    "A0300": Track123AuthenticationError,
    "A0301": Track123AuthenticationError,
    "A0400": Track123InvalidRequestError,
    "A0410": Track123InvalidRequestError,
    "A0706": Track123RateLimitError,
    "B0001": Track123ServerError,
    "B0100": Track123ServerError,
    "B0210": Track123RateLimitError,
    "B0300": Track123ServerError,
    "B0310": Track123ServerError,
    "C0113": Track123ApiChangedError,
    "D0000": Track123ServiceError,
    "X9999": Track123ServiceError,
}


@pytest.mark.parametrize(("code", "expected"), SERVICE_CODES.items())
@pytest.mark.parametrize("http_status", [200, 400])
async def test_service_codes(
    make_client, sim_state, code: str, expected: type, http_status: int
) -> None:
    """Every service code of the seed maps to its exception (in HTTP 200 or 400)."""
    client = make_client(max_retries=0)
    sim_state.faults.inject(
        Fault(
            kind="service_code",
            code=code,
            http_status=http_status,
            message=f"msg {code}",
        )
    )
    with pytest.raises(expected) as info:
        await client.list_couriers()
    assert type(info.value) is expected
    assert info.value.code == code
    assert info.value.message == f"msg {code}"
    assert info.value.http_status == http_status
    assert info.value.ambiguous_auth is (code == "A0200")


async def test_invalid_key(make_client) -> None:
    """A wrong key is an authentication error."""
    client = make_client(api_key="wrong-key")
    with pytest.raises(Track123AuthenticationError) as info:
        await client.list_couriers()
    assert "wrong-key" not in str(info.value)


async def test_rate_limit_429_retry_after_then_success(
    client: Track123Client, sim_state, fake_sleep
) -> None:
    """HTTP 429 with Retry-After is retried after the given delay."""
    sim_state.faults.inject(
        Fault(
            kind="service_code", code="A0706", http_status=429, retry_after=2, times=2
        )
    )
    assert await client.list_couriers()
    assert fake_sleep.delays == [2.0, 2.0]
    assert sim_state.request_count() == 3


async def test_rate_limit_exponential_backoff_exhausted(
    make_client, sim_state, fake_sleep
) -> None:
    """Without Retry-After the back-off doubles; after max_retries it raises."""
    client = make_client(max_retries=3)
    sim_state.faults.inject(Fault(kind="service_code", code="B0210"))
    with pytest.raises(Track123RateLimitError) as info:
        await client.list_couriers()
    assert info.value.retry_after is None
    assert fake_sleep.delays == [1.0, 2.0, 4.0]
    assert sim_state.request_count() == 4


async def test_rate_limit_backoff_is_capped(make_client, sim_state, fake_sleep) -> None:
    """The exponential back-off is capped."""
    client = make_client(max_retries=8)
    sim_state.faults.inject(Fault(kind="service_code", code="A0706", http_status=429))
    with pytest.raises(Track123RateLimitError):
        await client.list_couriers()
    assert fake_sleep.delays == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]


async def test_rate_limit_long_retry_after_not_waited(
    client: Track123Client, sim_state, fake_sleep
) -> None:
    """A Retry-After beyond the cap is raised at once, with the hint."""
    sim_state.faults.inject(
        Fault(kind="service_code", code="A0706", http_status=429, retry_after=3600)
    )
    with pytest.raises(Track123RateLimitError) as info:
        await client.list_couriers()
    assert info.value.retry_after == 3600.0
    assert fake_sleep.delays == []


async def test_simulator_rate_limit_is_never_hit(
    make_client, sim_state, session, api_key
) -> None:
    """With the real limiter, a burst never trips the server's 5/s limit."""
    sim_state.rate_limit_per_second = 5
    client = Track123Client(
        api_key, session, base_url=make_client().base_url, max_retries=0
    )
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(*(client.list_couriers() for _ in range(7)))
    assert loop.time() - start >= 1.0
    assert sim_state.request_count() == 7


@pytest.mark.parametrize("http_status", [500, 502])
async def test_html_error_pages(
    client: Track123Client, sim_state, http_status: int
) -> None:
    """An HTML error page from a gateway is a server error."""
    sim_state.faults.inject(Fault(kind="http_error", http_status=http_status))
    with pytest.raises(Track123ServerError, match=str(http_status)):
        await client.list_couriers()


@pytest.mark.parametrize("kind", ["malformed_json", "truncated_json"])
async def test_broken_json(client: Track123Client, sim_state, kind: str) -> None:
    """Malformed or truncated JSON is a response error."""
    sim_state.add_parcel(UPS, courier_code="ups", scenario="delivered")
    sim_state.faults.inject(Fault(kind=kind))
    with pytest.raises(Track123ResponseError):
        await client.query_parcels([UPS])


async def test_timeout(make_client, sim_state) -> None:
    """A slow answer times out."""
    client = make_client(request_timeout=0.05)
    sim_state.faults.inject(Fault(kind="latency", delay=0.5))
    with pytest.raises(Track123TimeoutError):
        await client.list_couriers()


async def test_connection_error(session, api_key) -> None:
    """An unreachable server is a connection error."""
    client = Track123Client(
        api_key, session, base_url="http://127.0.0.1:1/gateway/open-api"
    )
    with pytest.raises(Track123ConnectionError) as info:
        await client.list_couriers()
    assert api_key not in str(info.value)


async def test_unknown_endpoint(make_client, simulator) -> None:
    """A route that does not exist any more means the API changed."""
    client = make_client(base_url=simulator.base_url + "v9/")
    with pytest.raises(Track123ApiChangedError):
        await client.list_couriers()


async def test_key_never_leaks(make_client, sim_state, caplog, api_key) -> None:
    """The key is absent from repr, logs and error messages."""
    client = make_client()
    assert api_key not in repr(client)
    assert repr(client) == f"Track123Client(base_url={client.base_url!r})"
    caplog.set_level(logging.DEBUG)
    sim_state.faults.inject(
        Fault(kind="service_code", code="A0230", message=f"bad key {api_key}", times=1)
    )
    with pytest.raises(Track123Error) as info:
        await client.list_couriers()
    assert api_key not in str(info.value)
    assert api_key not in info.value.message
    await client.list_couriers()
    assert "GET tk/v2.1/courier/list -> 200" in caplog.text
    assert api_key not in caplog.text
