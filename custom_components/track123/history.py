"""A shipment's whole history, fetched from Track123 when the card or an action asks.

Shipments in memory keep only their newest event (each container's): thousands of
shipments with their whole histories would cost more memory than everything else
the integration keeps. The card's timeline and the ``get_shipments`` action ask
Track123 for the rest, one query by number per kind and hundred shipments, paced
like every other request; a history fetched is served again until its shipment
changes (``history_cache``).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .api import Track123Client, Track123Error
from .const import ShipmentKind
from .coordinator import Track123ConfigEntry
from .kinds import KINDS, KindSpec
from .shipment import Shipment, ShipmentDetail
from .store import AddedShipment


class HistoryMissingError(Track123Error):
    """Track123 answered without the shipment asked for."""


async def async_with_history(
    entry: Track123ConfigEntry, shipments: Iterable[Shipment]
) -> list[Shipment]:
    """Return the shipments, each with its whole history, in the same order.

    An answer behind what is shown (a lagging copy) is asked for once more; one still
    behind leaves its shipment as shown, not kept. Raise Track123Error when Track123
    cannot answer, or answers without one of them.
    """
    histories = entry.runtime_data.histories
    shipments = [histories.get(shipment) or shipment for shipment in shipments]
    partial: defaultdict[ShipmentKind, list[Shipment]] = defaultdict(list)
    for shipment in shipments:
        if not shipment.detail.history_complete:
            partial[shipment.kind].append(shipment)
    if not partial:
        return shipments
    client = entry.runtime_data.client.full_history()
    fetched: dict[str, Shipment] = {}
    for kind, asked in partial.items():
        spec = KINDS[kind]
        details = await _fetch(client, spec, asked)
        # A lagging copy (Track123 answers a query by number from a replica that
        # may not have the update just pushed): asked once more.
        if lagging := [s for s in asked if spec.is_stale(details[s.key], s.detail)]:
            details |= await _fetch(client, spec, lagging)
        for shipment in asked:
            detail = details[shipment.key]
            if spec.is_stale(detail, shipment.detail):
                # Still behind what is shown: shown as it is, and not kept.
                continue
            histories.keep(shipment, detail)
            fetched[shipment.key] = replace(shipment, detail=detail)
    return [fetched.get(shipment.key, shipment) for shipment in shipments]


async def _fetch(
    client: Track123Client, spec: KindSpec[Any], asked: list[Shipment]
) -> dict[str, ShipmentDetail]:
    """Return each asked shipment's whole detail, by key, in one query per hundred."""
    added = [
        AddedShipment(
            spec.kind,
            shipment.number,
            shipment.carrier,
            number_type=spec.number_type(shipment.detail),
        )
        for shipment in asked
    ]
    answer = await spec.query_added(client, added)
    found = {
        (spec.number(detail), spec.carrier(detail)): detail for detail in answer.items
    }
    # Another carrier (one Track123 detected since the poll, say) only where the
    # number has one tracking: of two, the other one is another shipment.
    by_number: dict[str, list[ShipmentDetail]] = defaultdict(list)
    for detail in answer.items:
        by_number[spec.number(detail)].append(detail)
    details: dict[str, ShipmentDetail] = {}
    for shipment in asked:
        detail = found.get((shipment.number, shipment.carrier))
        if detail is None and len(only := by_number[shipment.number]) == 1:
            detail = only[0]
        if detail is None:
            raise HistoryMissingError(
                f"Track123 did not return the history of {shipment.number}"
            )
        details[shipment.key] = detail
    return details
