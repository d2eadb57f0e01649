"""Figures over an account's shipments, shared by the summary sensors."""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from homeassistant.util import dt as dt_util

from .const import ShipmentKind
from .coordinator import Track123Coordinator
from .merge import Shipments
from .per_shipment import PerShipment
from .shipment import ExpectedWindow, Shipment, coming_window, expected_window


class _Coming(NamedTuple):
    """A shipment and when it is still expected (None: not coming)."""

    shipment: Shipment
    window: ExpectedWindow | None


class ShipmentSummary:
    """Figures over the coordinator's shipments, computed once per refresh and day.

    Every summary sensor reads from the same summary, so the shipments are counted
    once per change, not once per sensor.
    """

    def __init__(self, coordinator: Track123Coordinator) -> None:
        """Summarise the shipments of a coordinator."""
        self._coordinator = coordinator
        self._computed_for: tuple[Shipments, datetime] | None = None
        self._counts: Counter[str | None] = Counter()
        self._next: Shipment | None = None
        self._coming = PerShipment(lambda s: _Coming(s, coming_window(s)))

    def _update(self) -> None:
        """Recompute when the shipments or the day changed."""
        shipments = self._coordinator.data
        today = dt_util.start_of_local_day()
        computed = self._computed_for
        if computed is not None and computed[0] is shipments and computed[1] == today:
            return
        self._counts = Counter(
            shipment.status
            for shipment in shipments.values()
            if shipment.kind is ShipmentKind.PARCEL
        )
        self._next = next_delivery(self._coming.of(shipments).values())
        self._computed_for = (shipments, today)

    def count(self, status: str) -> int:
        """Return the number of parcels in a status."""
        self._update()
        return self._counts[status]

    @property
    def next_delivery(self) -> Shipment | None:
        """Return the undelivered shipment expected soonest from today on."""
        self._update()
        return self._next


def next_delivery(coming: Iterable[_Coming]) -> Shipment | None:
    """Return the shipment expected soonest whose window has not passed, if any.

    Delivered shipments and those with a problem (an exception, or on their way
    back to the sender) are not coming (no window); a window that ended is
    overdue, not next. On a tie, the first one wins. One pass, as it runs over
    every shipment.
    """
    now = dt_util.now()
    best: Shipment | None = None
    best_start: datetime | None = None
    for shipment, window in coming:
        if window is None or window.end <= now:
            continue
        if best_start is None or window.start < best_start:
            best, best_start = shipment, window.start
    return best


def expected(shipment: Shipment) -> datetime | None:
    """Return when a shipment is expected: its window's start, or its end once begun.

    A window under way ("today, until 18:00") is shown by when it ends, not by a
    start already past.
    """
    if (window := expected_window(shipment)) is None:
        return None
    return window.start if window.start > dt_util.now() else window.end
