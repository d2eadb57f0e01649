"""Tracked shipments and what of their timeline is visible at a given time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .timelines import (
    AirEventStep,
    AirPlan,
    OceanEventStep,
    OceanPlan,
    ParcelPlan,
    ParcelStep,
)


@dataclass(slots=True)
class ParcelShipment:
    """A registered parcel."""

    track_no: str
    courier_code: str
    added_at: datetime
    plan: ParcelPlan
    id: int
    # (from when, courier) in time order; a first entry after ``added_at`` means the
    # courier is not known until then (realism switch ``late_carrier``).
    courier_schedule: tuple[tuple[datetime, str], ...]
    last_mile_no: str = ""
    expected_as_object: bool = False
    order_no: str = ""
    remark: str = ""
    postal_code: str = ""
    ship_time: str | None = None
    extend_fields: dict[str, Any] = field(default_factory=dict)
    signer: str = ""
    quirks: frozenset[str] = frozenset()
    last_refresh: datetime | None = None

    def courier_at(self, as_of: datetime) -> str:
        """Return the courier shown at ``as_of`` (empty while not yet detected)."""
        shown = [code for since, code in self.courier_schedule if since <= as_of]
        if shown:
            return shown[-1]
        first_since, first_code = self.courier_schedule[0]
        return "" if first_since > self.added_at else first_code

    def assign_courier(self, code: str, now: datetime) -> None:
        """Move this tracking to ``code`` from ``now`` on; later scheduled changes are dropped."""
        kept = tuple(entry for entry in self.courier_schedule if entry[0] <= now)
        self.courier_schedule = (*kept, (now, code))
        self.courier_code = code

    def visible(self, as_of: datetime) -> list[tuple[datetime, ParcelStep]]:
        """Return the steps that have happened by ``as_of``, oldest first."""
        timed = [(self.added_at + step.offset, step) for step in self.plan.steps]
        return sorted(
            ((t, s) for t, s in timed if t <= as_of), key=lambda item: item[0]
        )

    def status(self, as_of: datetime) -> tuple[str, str | None]:
        """Return (transitStatus, transitSubStatus) at ``as_of``."""
        seen = self.visible(as_of)
        if not seen:
            return "INIT", None
        step = seen[-1][1]
        return step.status, step.sub_status

    def status_moments(self) -> Iterable[datetime]:
        """Every moment the status may change."""
        return (self.added_at + step.offset for step in self.plan.steps)

    def main_status(self, as_of: datetime) -> str:
        """Return the transitStatus at ``as_of``."""
        return self.status(as_of)[0]


@dataclass(slots=True)
class OceanShipment:
    """A registered ocean shipment (booking, bill of lading or container number)."""

    tracking_no: str
    number_type: int
    carrier_code: str
    added_at: datetime
    plan: OceanPlan
    id: int
    order_no: str = ""
    last_refresh: datetime | None = None
    quirks: frozenset[str] = frozenset()

    def container_events(
        self, as_of: datetime
    ) -> list[tuple[str, list[tuple[datetime, OceanEventStep]]]]:
        """Return, per container, the events that have happened by ``as_of`` (oldest first)."""
        result = []
        for number, steps in self.plan.containers:
            seen = [
                (self.added_at + s.offset, s)
                for s in steps
                if self.added_at + s.offset <= as_of
            ]
            result.append((number, seen))
        return result

    def marker(self, as_of: datetime) -> str:
        """Return the latest status marker reached (INIT before any)."""
        status = "INIT"
        for offset, name in self.plan.markers:
            if self.added_at + offset <= as_of:
                status = name
        return status

    def search_status(self, as_of: datetime) -> str:
        """Return the searchStatus at ``as_of``."""
        containers = self.container_events(as_of)
        if not any(events for _, events in containers):
            return self.marker(as_of)
        delivered = all(
            any(step.delivers for _, step in events) for _, events in containers
        )
        return "FINAL" if delivered else "IN_TRANSIT"

    def status_moments(self) -> Iterable[datetime]:
        """Every moment the status may change."""
        events = (s.offset for _, steps in self.plan.containers for s in steps)
        markers = (offset for offset, _ in self.plan.markers)
        return (self.added_at + offset for offset in (*events, *markers))

    def main_status(self, as_of: datetime) -> str:
        """Return the searchStatus at ``as_of``."""
        return self.search_status(as_of)


@dataclass(slots=True)
class AirShipment:
    """A registered air waybill."""

    tracking_no: str
    airline_code: str
    added_at: datetime
    plan: AirPlan
    id: int
    last_refresh: datetime | None = None
    quirks: frozenset[str] = frozenset()

    def events(self, as_of: datetime) -> list[tuple[datetime, AirEventStep]]:
        """Return the events that have happened by ``as_of``, oldest first."""
        return [
            (self.added_at + e.offset, e)
            for e in self.plan.events
            if self.added_at + e.offset <= as_of
        ]

    def status(self, as_of: datetime) -> str:
        """Return the aviationStatus at ``as_of``."""
        seen = self.events(as_of)
        if seen:
            return seen[-1][1].status
        status = "INIT"
        for offset, name in self.plan.markers:
            if self.added_at + offset <= as_of:
                status = name
        return status

    def status_moments(self) -> Iterable[datetime]:
        """Every moment the status may change."""
        offsets = (
            *(e.offset for e in self.plan.events),
            *(o for o, _ in self.plan.markers),
        )
        return (self.added_at + offset for offset in offsets)

    def main_status(self, as_of: datetime) -> str:
        """Return the aviationStatus at ``as_of``."""
        return self.status(as_of)
