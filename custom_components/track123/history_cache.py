"""Whole histories fetched lately, served again while their shipments stay as they were.

Every browser that shows the card asks for the histories it needs when it loads (the
shipments in trouble, the dialog opened): one Track123 query per shipment and change
serves them all, instead of one per browser and page load.
"""

from collections import OrderedDict
from dataclasses import replace
from typing import Final

from .shipment import Shipment, ShipmentDetail

# Enough for every shipment a dashboard shows in trouble, and a few dialogs.
HISTORIES_KEPT: Final = 100


class Histories:
    """The last histories fetched, each valid while its shipment is unchanged."""

    __slots__ = ("_kept",)

    def __init__(self) -> None:
        """Start with none."""
        # The shipment's key: the detail shown when fetched, and the whole one.
        self._kept: OrderedDict[str, tuple[ShipmentDetail, ShipmentDetail]] = (
            OrderedDict()
        )

    def get(self, shipment: Shipment) -> Shipment | None:
        """Return the shipment with its whole history, if fetched since it changed."""
        kept = self._kept.get(shipment.key)
        if kept is None or kept[0] is not shipment.detail:
            return None
        self._kept.move_to_end(shipment.key)
        return replace(shipment, detail=kept[1])

    def keep(self, shipment: Shipment, whole: ShipmentDetail) -> None:
        """Remember a shipment's whole history, dropping the oldest beyond the limit."""
        self._kept[shipment.key] = (shipment.detail, whole)
        self._kept.move_to_end(shipment.key)
        while len(self._kept) > HISTORIES_KEPT:
            self._kept.popitem(last=False)
