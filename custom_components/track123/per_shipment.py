"""What an entity works out from each shipment, again only for the shipments that changed.

A refresh changes few of many shipments. The calendar's slots, the summary's windows
and the to-do list's items are worked out again for a shipment only when its object
changed, and for every shipment when the home's time zone changed: their local days
move with it.
"""

from collections.abc import Callable
from datetime import tzinfo
from typing import Protocol

from homeassistant.util import dt as dt_util

from .merge import Shipments
from .shipment import Shipment


class FromShipment(Protocol):
    """What was worked out from a shipment, with the shipment it was worked out from."""

    @property
    def shipment(self) -> Shipment:
        """Return the shipment it was worked out from."""
        ...  # pragma: no cover - a protocol


class PerShipment[T: FromShipment]:
    """The last value worked out from each shipment, by the shipment's key."""

    __slots__ = ("_build", "_by_key", "_for")

    def __init__(self, build: Callable[[Shipment], T]) -> None:
        """Work out a shipment's value with ``build``."""
        self._build = build
        self._by_key: dict[str, T] = {}
        self._for: tuple[Shipments, tzinfo] | None = None

    def of(self, shipments: Shipments, *, again: str | None = None) -> dict[str, T]:
        """Return each shipment's value; those of shipments gone are forgotten.

        ``again`` is the key of a shipment to work out again although it did not
        change (what it shows depends on more than the shipment). With the same
        shipments, in the same zone, and nothing asked again, the very dict of the
        last call is returned.
        """
        zone = dt_util.get_default_time_zone()
        if self._for is None or self._for[1] is not zone:
            known: dict[str, T] = {}
        elif self._for[0] is shipments and again is None:
            return self._by_key
        else:
            known = self._by_key
        by_key: dict[str, T] = {}
        for key, shipment in shipments.items():
            seen = known.get(key)
            if seen is None or seen.shipment is not shipment or key == again:
                seen = self._build(shipment)
            by_key[key] = seen
        self._by_key, self._for = by_key, (shipments, zone)
        return by_key
