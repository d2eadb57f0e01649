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

from .api import Track123Error
from .const import ShipmentKind
from .coordinator import Track123ConfigEntry
from .kinds import KINDS
from .shipment import Shipment
from .store import AddedShipment


class HistoryMissingError(Track123Error):
    """Track123 answered without the shipment asked for."""


async def async_with_history(
    entry: Track123ConfigEntry, shipments: Iterable[Shipment]
) -> list[Shipment]:
    """Return the shipments, each with its whole history, in the same order.

    Raise Track123Error when Track123 cannot answer, or answers without one of them.
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
            (spec.number(detail), spec.carrier(detail)): detail
            for detail in answer.items
        }
        # The carrier Track123 detected since the poll, say.
        by_number = {spec.number(detail): detail for detail in answer.items}
        for shipment in asked:
            detail = found.get((shipment.number, shipment.carrier)) or by_number.get(
                shipment.number
            )
            if detail is None:
                raise HistoryMissingError(
                    f"Track123 did not return the history of {shipment.number}"
                )
            histories.keep(shipment, detail)
            fetched[shipment.key] = replace(shipment, detail=detail)
    return [fetched.get(shipment.key, shipment) for shipment in shipments]
