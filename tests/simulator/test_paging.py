"""Cursor paging of queries by creation-time window."""

from __future__ import annotations

from datetime import timedelta

from track123_simulator import SimulatorState

from .conftest import Api

QUERY = "tk/v2.1/track/query"


def _add(state: SimulatorState, count: int) -> list[str]:
    numbers = []
    for index in range(count):
        number = f"1Z999AA1{index:010d}"
        state.add_parcel(number, courier_code="ups")
        state.clock.advance(timedelta(minutes=10))
        numbers.append(number)
    return numbers


async def test_paging_by_cursor_until_last_page(
    api: Api, sim_state: SimulatorState
) -> None:
    """Passing back the cursor walks every page; the last one has a cursor too."""
    numbers = _add(sim_state, 7)
    seen: list[str] = []
    body: dict[str, object] = {
        "createTimeStart": "2026-11-01 00:00:00",
        "createTimeEnd": "2026-11-02 00:00:00",
        "queryPageSize": 3,
        "cursor": "",
    }
    pages = []
    while True:
        page = (await api.post(QUERY, body)).json()["data"]["accepted"]
        pages.append(page)
        seen += [item["trackNo"] for item in page["content"]]
        if page["currentPage"] == page["totalPages"]:
            break
        body["cursor"] = page["cursor"]
    assert seen == numbers
    assert [p["currentPage"] for p in pages] == [1, 2, 3]
    assert all(p["totalElements"] == 7 and p["totalPages"] == 3 for p in pages)
    assert len(pages[-1]["content"]) == 1
    # As in the docs' example, the last page still carries a cursor; past the end
    # it gives an empty page.
    body["cursor"] = pages[-1]["cursor"]
    past = (await api.post(QUERY, body)).json()["data"]["accepted"]
    assert past["content"] == []
    assert (past["currentPage"], past["totalPages"]) == (4, 3)


async def test_window_filters_by_creation_time(
    api: Api, sim_state: SimulatorState
) -> None:
    """Only trackings created inside the window are returned."""
    numbers = _add(sim_state, 4)
    body = {
        "createTimeStart": "2026-11-01 00:15:00",
        "createTimeEnd": "2026-11-01 00:25:00",
    }
    page = (await api.post(QUERY, body)).json()["data"]["accepted"]
    assert [i["trackNo"] for i in page["content"]] == numbers[2:3]


async def test_bad_cursor_and_time(api: Api) -> None:
    """An invalid cursor or time string answers HTTP 400."""
    assert (await api.post(QUERY, {"cursor": "garbage!"})).status == 400
    assert (await api.post(QUERY, {"createTimeStart": "yesterday"})).status == 400


async def test_empty_window(api: Api) -> None:
    """No trackings: empty content, no pages."""
    page = (await api.post(QUERY, {})).json()["data"]["accepted"]
    assert page["content"] == []
    assert page["totalElements"] == 0
    assert page["totalPages"] == 0
