"""Merging what Track123 answered into the shipments shown.

One answer at a time never undoes a newer one (``KindSpec.is_stale``), a second
tracking of a number gets a key of its own, and delivered shipments leave after
the retention.
"""

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from homeassistant.util import dt as dt_util

from .kinds import KindSpec, spec_of
from .shipment import Shipment, ShipmentDetail, shipment_key
from .store import ShipmentStore

type Shipments = dict[str, Shipment]


class ShipmentMerger:
    """Build the shipments shown from Track123's answers, for one config entry."""

    def __init__(self, store: ShipmentStore, retention: timedelta) -> None:
        """Merge with the labels of ``store``; keep delivered ones ``retention``."""
        self._store = store
        self.retention = retention
        # The labels' revision of the last poll's merge: every shipment shown
        # since carries its labels.
        self._merged_labels = -1

    def merge(
        self,
        previous: Shipments,
        details: Iterable[ShipmentDetail],
        *,
        remember: bool = False,
        carried: Iterable[Shipment] = (),
    ) -> Shipments:
        """Return the shipments after ``previous`` and the details Track123 answered.

        Unchanged shipments are reused, expired ones dropped.

        The client returns the very model of a tracking that did not change; a
        shipment built from that very model, while the labels are those of the last
        poll, is the one built before, found by its key without comparing anything.
        With ``remember`` (a poll), the labels' revision is kept for the next one.
        ``carried`` shipments (not in ``details``) stay as they are.
        """
        # Delivered before this moment: longer ago than the retention.
        cutoff = dt_util.utcnow() - self.retention
        labels = self._store.labels_revision
        same_labels = labels == self._merged_labels
        shipments: Shipments = {}
        answered: set[str] = set()
        for new in details:
            key = spec_of(new).key(new)
            shipment = previous.get(key)
            if (
                shipment is None
                or shipment.detail is not new
                or not same_labels
                or key in shipments
            ):
                key, shipment = self._merge_one(previous, new, shipments)
            answered.add(key)
            if not _expired(shipment, cutoff):
                shipments[key] = shipment
        for shipment in carried:
            if shipment.key not in answered and not _expired(shipment, cutoff):
                shipments.setdefault(shipment.key, shipment)
        if remember:
            self._merged_labels = labels
        return shipments

    def _merge_one(
        self, previous: Shipments, new: ShipmentDetail, merged: Shipments
    ) -> tuple[str, Shipment]:
        """Return the key and shipment of one detail.

        An unchanged shipment is reused; an answer older than the shipment shown
        keeps the one shown. A second tracking of a number already merged (the
        same number with another carrier) gets a key of its own.
        """
        spec = spec_of(new)
        key = _key_among(spec, new, previous, merged)
        user_label = self._label(new)
        old = previous.get(key)
        if old is not None and spec.is_stale(new, old.detail):
            return key, old
        detail = new if old is None else spec.keep_last_known(old.detail, new)
        if (
            old is not None
            and (old.detail is detail or old.detail == detail)
            and old.label == spec.label(detail, user_label)
        ):
            # Unchanged: keep the shipment already built.
            return key, old
        return key, spec.build(detail, user_label, key)

    def _label(self, detail: ShipmentDetail) -> str | None:
        """Return the label the user gave a shipment in Home Assistant."""
        spec = spec_of(detail)
        return self._store.label_for(spec.kind, spec.number(detail))


def _expired(shipment: Shipment, cutoff: datetime) -> bool:
    """Return True for a shipment delivered before ``cutoff``."""
    if not shipment.is_delivered:
        return False
    delivered_at = shipment.delivered_at
    return delivered_at is not None and delivered_at < cutoff


def _key_among(
    spec: KindSpec[Any],
    detail: ShipmentDetail,
    previous: Shipments,
    merged: Shipments,
) -> str:
    """Return a detail's key, telling apart two trackings of one number.

    The number's key stays with the tracking that held it (same carrier); any
    other tracking of that number is keyed by its carrier as well.
    """
    key = spec.key(detail)
    taken = merged.get(key)
    if taken is None or taken.carrier == spec.carrier(detail):
        return key
    carrier = spec.carrier(detail)
    holder = previous.get(key)
    if holder is not None and holder.carrier == carrier and carrier is not None:
        # This one held the key before: the other moves aside.
        other = taken
        del merged[key]
        moved = shipment_key(spec.kind, other.number, other.carrier or "auto")
        merged[moved] = replace(other, key=moved)
        return key
    return shipment_key(spec.kind, spec.number(detail), carrier or "auto")
