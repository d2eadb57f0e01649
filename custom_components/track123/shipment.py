"""One view over parcels, ocean shipments and air waybills, as the entities show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import cache
import sys
from typing import TYPE_CHECKING, Any

from .api import AirShipment, OceanNumberType, OceanShipment, Parcel
from .const import ShipmentKind

if TYPE_CHECKING:
    from .kinds import KindSpec

type ShipmentDetail = Parcel | OceanShipment | AirShipment

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
    """

    spec: KindSpec[Any]
    key: str
    number: str
    carrier: str | None
    status: str | None
    label: str | None
    delivered_at: datetime | None
    expected_start: datetime | None
    expected_end: datetime | None
    detail: ShipmentDetail

    @property
    def kind(self) -> ShipmentKind:
        """Return the kind of shipment."""
        return self.spec.kind

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
        """Return the attributes its sensor shows.

        Built on each call rather than kept: Home Assistant keeps the copy in the
        sensor's state, and only changed shipments are written.
        """
        return self.spec.attributes(self.detail, self.label)


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
