"""The ground truth: every status transition (and courier change) of every tracking.

A shipment's whole life is fixed when it is added, so its transitions up to a moment
are worked out from its timeline rather than noticed by polling: none is missed, none
counted twice. Deleted shipments keep the transitions they had until their deletion.
A soak test compares these with what a client saw.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from .shipments import ParcelShipment

INITIAL_STATUS = "INIT"


class Tracked(Protocol):
    """What the ground truth needs of a shipment."""

    added_at: datetime

    def status_moments(self) -> Iterable[datetime]:
        """Every moment the status may change."""
        ...

    def main_status(self, as_of: datetime) -> str:
        """Return the main status at ``as_of``."""
        ...


@dataclass(frozen=True, slots=True)
class Change:
    """One change of a tracking's status (or courier) at a simulated moment."""

    kind: str
    number: str
    before: str
    after: str
    at: datetime

    def as_dict(self) -> dict[str, Any]:
        """JSON view (control route)."""
        return {
            "kind": self.kind,
            "number": self.number,
            "from": self.before,
            "to": self.after,
            "at": self.at.isoformat(),
        }


def status_changes(
    kind: str, number: str, shipment: Tracked, until: datetime
) -> list[Change]:
    """Return the status transitions of ``shipment`` up to ``until``, oldest first."""
    changes: list[Change] = []
    before = INITIAL_STATUS
    for moment in sorted(set(shipment.status_moments())):
        if moment > until:
            break
        after = shipment.main_status(moment)
        if after != before:
            changes.append(Change(kind, number, before, after, moment))
            before = after
    return changes


def courier_changes(
    number: str, parcel: ParcelShipment, until: datetime
) -> list[Change]:
    """Return the courier changes of ``parcel`` up to ``until`` (a late detection included)."""
    changes: list[Change] = []
    before = parcel.courier_at(parcel.added_at)
    for since, code in parcel.courier_schedule:
        if since > until:
            break
        if code != before:
            changes.append(Change("parcel", number, before, code, since))
            before = code
    return changes


def _key(change: Change) -> tuple[datetime, str, str]:
    return change.at, change.kind, change.number


class GroundTruth:
    """Transitions of the tracked shipments, plus those of the deleted ones."""

    def __init__(self) -> None:
        """Start with nothing deleted."""
        self._retired: list[Change] = []
        self._retired_couriers: list[Change] = []

    def retire(self, kind: str, number: str, shipment: Tracked, now: datetime) -> None:
        """Keep the transitions of a shipment deleted at ``now``."""
        self._retired.extend(status_changes(kind, number, shipment, now))
        if isinstance(shipment, ParcelShipment):
            self._retired_couriers.extend(courier_changes(number, shipment, now))

    def transitions(
        self, tracked: Mapping[str, Mapping[str, Tracked]], until: datetime
    ) -> list[Change]:
        """Every status transition up to ``until``, by time."""
        live = [
            change
            for kind, shipments in tracked.items()
            for number, shipment in shipments.items()
            for change in status_changes(kind, number, shipment, until)
        ]
        retired = [c for c in self._retired if c.at <= until]
        return sorted([*retired, *live], key=_key)

    def couriers(
        self, parcels: Mapping[str, ParcelShipment], until: datetime
    ) -> list[Change]:
        """Every courier change of a parcel up to ``until``, by time."""
        live = [
            change
            for number, parcel in parcels.items()
            for change in courier_changes(number, parcel, until)
        ]
        retired = [c for c in self._retired_couriers if c.at <= until]
        return sorted([*retired, *live], key=_key)
