"""The histories kept for the card: valid while unchanged, and never more than a few."""

from dataclasses import dataclass

from custom_components.track123.history_cache import HISTORIES_KEPT, Histories


@dataclass(frozen=True)
class _Shipment:
    """What the cache reads of a shipment: its key and the detail shown."""

    key: str
    detail: object


def test_valid_while_the_shipment_is_unchanged() -> None:
    """A history is served for the very detail it was fetched for, not a newer one."""
    histories = Histories()
    shown = _Shipment("parcel_1", object())
    whole = object()
    histories.keep(shown, whole)
    served = histories.get(shown)
    assert served is not None
    assert served.detail is whole
    assert histories.get(_Shipment("parcel_1", object())) is None


def test_oldest_dropped_beyond_the_limit() -> None:
    """Memory stays bounded: the history used least recently goes first."""
    histories = Histories()
    shipments = [_Shipment(f"parcel_{n}", object()) for n in range(HISTORIES_KEPT + 1)]
    for shipment in shipments[:HISTORIES_KEPT]:
        histories.keep(shipment, object())
    assert histories.get(shipments[0]) is not None
    histories.keep(shipments[-1], object())
    assert histories.get(shipments[0]) is not None
    assert histories.get(shipments[1]) is None
    assert histories.get(shipments[-1]) is not None
