"""Tracked shipments and what of their timeline is visible at a given time."""

from __future__ import annotations

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
    id: str
    last_mile_no: str = ""
    expected_as_object: bool = False
    order_no: str = ""
    remark: str = ""
    postal_code: str = ""
    ship_time: str | None = None
    extend_fields: dict[str, Any] = field(default_factory=dict)

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


@dataclass(slots=True)
class OceanShipment:
    """A registered ocean shipment (booking, bill of lading or container number)."""

    tracking_no: str
    number_type: int
    carrier_code: str
    added_at: datetime
    plan: OceanPlan
    id: str
    order_no: str = ""
    last_refresh: datetime | None = None

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


@dataclass(slots=True)
class AirShipment:
    """A registered air waybill."""

    tracking_no: str
    airline_code: str
    added_at: datetime
    plan: AirPlan
    id: str

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
