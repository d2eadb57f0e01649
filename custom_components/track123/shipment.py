"""One view over parcels, ocean shipments and air waybills, as the entities show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from functools import cache
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from homeassistant.util import dt as dt_util

from .api import AirShipment, OceanNumberType, OceanShipment, Parcel
from .const import ShipmentKind

if TYPE_CHECKING:
    from .kind_spec import Window
    from .kinds import KindSpec

type ShipmentDetail = Parcel | OceanShipment | AirShipment

# The history: in the full attributes only (the card's timeline, the
# ``get_shipments`` action), never in the state. Every browser and phone loads
# every state, and an ocean shipment's history alone can run to tens of KB; the
# last event has attributes of its own.
EVENTS_ATTRIBUTE = "events"
SHIPMENT_UNIQUE_PREFIX = "shipment_"


def option(value: Enum | None) -> str | None:
    """Return an enum as a lower-case state or attribute value; None when unknown."""
    return None if value is None else _option(value)


@cache
def _option(value: Enum) -> str | None:
    """Return an enum member's option, one shared string per member."""
    return None if value.name == "UNKNOWN" else value.name.lower()


def enum_options(enum: type[Enum]) -> list[str]:
    """Return every known member of an enum as a lower-case option."""
    return [member.name.lower() for member in enum if member.name != "UNKNOWN"]


def shipment_unique_prefix(entry_id: str) -> str:
    """Return how the unique ids of a config entry's shipment sensors start."""
    return f"{entry_id}_{SHIPMENT_UNIQUE_PREFIX}"


def shipment_key(kind: ShipmentKind, number: str, carrier: str | None = None) -> str:
    """Return the stable identity of a shipment: its kind and number.

    The carrier is not part of it: Track123 may detect it late, and the user may
    correct it. Only a second tracking of the same number with another carrier is
    told apart by its ``carrier``.
    """
    # Interned: the coordinator, the sensors and the status events share one string.
    if carrier is None:
        return sys.intern(f"{kind}_{number}")
    return sys.intern(f"{kind}_{number}@{carrier.lower()}")


@dataclass(frozen=True, slots=True)
class Shipment:
    """A shipment of any kind, with the state and attributes its sensor shows.

    ``spec`` is the entry of the kind table that knows how to read ``detail``.
    Only what the detail does not hold is kept beside it (an account may hold
    thousands); the rest is read from the detail when asked.
    """

    spec: KindSpec[Any]
    key: str
    status: str | None
    label: str | None
    detail: ShipmentDetail

    @property
    def kind(self) -> ShipmentKind:
        """Return the kind of shipment."""
        return self.spec.kind

    @property
    def number(self) -> str:
        """Return the tracking number (bill of lading, container, air waybill)."""
        return self.spec.number(self.detail)

    @property
    def carrier(self) -> str | None:
        """Return the carrier's code, once known."""
        return self.spec.carrier(self.detail)

    @property
    def delivered_at(self) -> datetime | None:
        """Return when the shipment was delivered, once it is."""
        return self.spec.delivered_at(self.detail, self.status)

    @property
    def expected(self) -> Window:
        """Return the expected delivery as Track123 gave it (maybe no window)."""
        return self.spec.expected(self.detail)

    @property
    def is_delivered(self) -> bool:
        """Return True when the shipment reached its final, delivered state."""
        return self.status == self.spec.delivered_state

    @property
    def name(self) -> str:
        """Return what the user calls this shipment: the label, else the number."""
        return self.label or self.number

    @property
    def sub_status(self) -> str | None:
        """Return the sub-status, where the shipment's kind has one."""
        return self.spec.sub_status(self.detail)

    @property
    def attributes(self) -> dict[str, Any]:
        """Return the attributes its sensor shows, without the history.

        Built on each call rather than kept: Home Assistant keeps the copy in the
        sensor's state, and only changed shipments are written.
        """
        return self._attributes(full=False)

    @property
    def full_attributes(self) -> dict[str, Any]:
        """Return every detail with the whole history (for actions and the card)."""
        return self._attributes(full=True)

    def _attributes(self, *, full: bool) -> dict[str, Any]:
        """Return the sensor's attributes, or (``full``) every detail and the history."""
        attributes = self.spec.attributes(self.detail, self.label, full)
        if (window := expected_window(self)) is not None:
            attributes["expected_from"] = window.start
            attributes["expected_until"] = window.end
        return attributes


class ExpectedWindow(NamedTuple):
    """When a shipment is expected: one window for the sensor, calendar and summary."""

    start: datetime
    end: datetime
    all_day: bool


def coming_window(shipment: Shipment) -> ExpectedWindow | None:
    """Return when a shipment still on its way is expected; None once it is not coming."""
    if not shipment.spec.is_coming(shipment.status):
        return None
    return expected_window(shipment)


def expected_window(shipment: Shipment) -> ExpectedWindow | None:
    """Return when a shipment is expected, if Track123 said.

    Whole days stay whole days; a single moment stands for its local day, as a
    delivery date does; a window with distinct ends is that window.
    """
    given = shipment.expected
    start = given.start or given.end
    end = given.end or start
    if start is None or end is None:
        return None
    if given.all_day or end <= start:
        first = dt_util.start_of_local_day(dt_util.as_local(start))
        last = dt_util.as_local(max(start, end))
        if given.all_day and end > start:
            last -= timedelta(microseconds=1)  # the end is exclusive
        after = dt_util.start_of_local_day(last.date() + timedelta(days=1))
        return ExpectedWindow(first, after, True)
    return ExpectedWindow(start, end, False)


@dataclass(frozen=True, slots=True)
class NewShipment:
    """A shipment an action asks to add, validated."""

    kind: ShipmentKind
    number: str
    carrier: str | None
    label: str | None
    number_type: OceanNumberType
    postal_code: str | None
    phone_suffix: str | None
