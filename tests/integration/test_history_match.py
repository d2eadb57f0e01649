"""A whole history is matched to its shipment by number and carrier."""

from types import SimpleNamespace
from typing import Any

import pytest

from custom_components.track123.api import Parcel, QueryResult
from custom_components.track123.const import ShipmentKind
from custom_components.track123.history import HistoryMissingError, async_with_history
from custom_components.track123.history_cache import Histories
from custom_components.track123.kinds import PARCEL
from custom_components.track123.shipment import shipment_key

NUMBER = "1Z999AA10123456784"


class _Track123:
    """Answers every query by number with the same trackings, whole histories."""

    def __init__(self, *carriers: str) -> None:
        """Hold one tracking of NUMBER per carrier."""
        self.answer = tuple(
            Parcel(track_no=NUMBER, courier_code=carrier, remark=f"whole {carrier}")
            for carrier in carriers
        )

    def full_history(self) -> _Track123:
        """Return this client: it answers with whole histories already."""
        return self

    async def query_parcels(self, numbers: Any, *, poll: bool = True) -> Any:
        """Return the trackings."""
        return QueryResult(self.answer)


def _entry(track123: _Track123) -> Any:
    """Return a loaded entry as the history reads it."""
    return SimpleNamespace(
        runtime_data=SimpleNamespace(client=track123, histories=Histories())
    )


def _shown(carrier: str | None, *, second: bool = False) -> Any:
    """Return a parcel as shown, with its newest event only.

    A second tracking of the number is keyed by its carrier too, as the merge does.
    """
    detail = Parcel(track_no=NUMBER, courier_code=carrier, history_complete=False)
    key = shipment_key(ShipmentKind.PARCEL, NUMBER, carrier if second else None)
    return PARCEL.build(detail, key=key)


async def test_carrier_detected_since_the_poll() -> None:
    """Shown without a carrier, the number's one tracking is its history."""
    [shipment] = await async_with_history(_entry(_Track123("ups")), [_shown(None)])
    assert shipment.detail.remark == "whole ups"


async def test_two_trackings_of_one_number() -> None:
    """Each tracking of a number gets its own carrier's history."""
    track123 = _Track123("ups", "dhl")
    shown = [_shown("dhl", second=True), _shown("ups")]
    got = await async_with_history(_entry(track123), shown)
    assert [shipment.detail.remark for shipment in got] == ["whole dhl", "whole ups"]


async def test_not_another_shipments_history() -> None:
    """Of two other trackings of the number, neither is taken for this one's."""
    with pytest.raises(HistoryMissingError):
        await async_with_history(_entry(_Track123("ups", "fedex")), [_shown("dhl")])
