"""One view over parcels, ocean shipments and air waybills, as the entities show them."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import cache
import sys
from typing import Any

from .api import (
    AirShipment,
    AirStatus,
    OceanSearchStatus,
    OceanShipment,
    Parcel,
    ParcelStatus,
    QueryStatus,
)
from .const import ShipmentKind

type ShipmentDetail = Parcel | OceanShipment | AirShipment

# Query statuses under which Track123 could not reach the carrier: the data may be stale.
DEGRADED_QUERY_STATUSES = frozenset(
    {
        QueryStatus.UNSTABLE_OFFICIAL_WEBSITE,
        QueryStatus.OFFICIAL_WEBSITE_FORMAT_CHANGES,
        QueryStatus.CACHE_FOR_WEBSITE_ERROR,
        QueryStatus.CACHE_FOR_DEAL_ERROR,
    }
)

EVENTS_ATTRIBUTE = "events"


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


STATUS_OPTIONS: Mapping[ShipmentKind, list[str]] = {
    ShipmentKind.PARCEL: enum_options(ParcelStatus),
    ShipmentKind.OCEAN: enum_options(OceanSearchStatus),
    ShipmentKind.AIR: enum_options(AirStatus),
}
DELIVERED_STATES: Mapping[ShipmentKind, str] = {
    ShipmentKind.PARCEL: "delivered",
    ShipmentKind.OCEAN: "final",
    ShipmentKind.AIR: "delivered",
}


SHIPMENT_UNIQUE_PREFIX = "shipment_"


def shipment_unique_prefix(entry_id: str) -> str:
    """Return how the unique ids of a config entry's shipment sensors start."""
    return f"{entry_id}_{SHIPMENT_UNIQUE_PREFIX}"


def shipment_key(kind: ShipmentKind, carrier: str | None, number: str) -> str:
    """Return the stable identity of a shipment: kind, carrier and number."""
    # Interned: the coordinator, the sensors and the status events share one string.
    return sys.intern(f"{kind}_{(carrier or 'auto').lower()}_{number}")


@dataclass(frozen=True, slots=True)
class Shipment:
    """A shipment of any kind, with the state and attributes its sensor shows."""

    kind: ShipmentKind
    number: str
    carrier: str | None
    status: str | None
    label: str | None
    delivered_at: datetime | None
    expected_start: datetime | None
    expected_end: datetime | None
    detail: ShipmentDetail

    @property
    def key(self) -> str:
        """Return the stable identity of this shipment."""
        return shipment_key(self.kind, self.carrier, self.number)

    @property
    def is_delivered(self) -> bool:
        """Return True when the shipment reached its final, delivered state."""
        return self.status == DELIVERED_STATES[self.kind]

    @property
    def name(self) -> str:
        """Return what the user calls this shipment: the label, else the number."""
        return self.label or self.number

    @property
    def sub_status(self) -> str | None:
        """Return the sub-status, where the shipment's kind has one."""
        detail = self.detail
        return option(detail.sub_status) if isinstance(detail, Parcel) else None

    @property
    def attributes(self) -> dict[str, Any]:
        """Return the attributes its sensor shows.

        Built on each call rather than kept: Home Assistant keeps the copy in the
        sensor's state, and only changed shipments are written.
        """
        detail = self.detail
        if isinstance(detail, Parcel):
            return parcel_attributes(detail, self.label)
        if isinstance(detail, OceanShipment):
            return ocean_attributes(detail, self.label)
        return air_attributes(detail, self.label)


def _event_dict(**values: Any) -> dict[str, Any]:
    """Return an event as a dict, without empty values."""
    return {key: value for key, value in values.items() if value is not None}


def parcel_attributes(parcel: Parcel, label: str | None) -> dict[str, Any]:
    """Return the attributes of a parcel's sensor."""
    last = parcel.last_event
    expected = parcel.expected_delivery
    return {
        "kind": ShipmentKind.PARCEL.value,
        "tracking_number": parcel.track_no,
        "label": label,
        "carrier_code": parcel.courier_code,
        "carrier_name": parcel.courier_name,
        "tracking_link": parcel.tracking_link,
        "sub_status": option(parcel.sub_status),
        "sub_status_description": (
            parcel.sub_status.description if option(parcel.sub_status) else None
        ),
        "last_event": last.description if last else None,
        "last_event_time": last.time if last else None,
        "last_event_location": last.location if last else None,
        "query_status": option(parcel.query_status),
        "origin_country": parcel.ship_from,
        "destination_country": parcel.ship_to,
        "expected_delivery": (expected.end or expected.start) if expected else None,
        "days_in_transit": parcel.transit_days,
        "delivered_time": parcel.delivered_time,
        "order_number": parcel.order_no,
        "last_mile_tracking_number": parcel.last_mile_track_no,
        EVENTS_ATTRIBUTE: [
            _event_dict(
                time=event.time,
                description=event.description,
                location=event.location,
                sub_status=option(event.sub_status),
            )
            for event in parcel.events
        ],
    }


def from_parcel(parcel: Parcel, label: str | None = None) -> Shipment:
    """Build the view of a parcel."""
    last = parcel.last_event
    expected = parcel.expected_delivery
    status = option(parcel.status)
    return Shipment(
        kind=ShipmentKind.PARCEL,
        number=parcel.track_no,
        carrier=parcel.courier_code,
        status=status,
        label=label or parcel.remark or None,
        delivered_at=parcel.delivered_time
        or (last.time if last and status == "delivered" else None),
        expected_start=expected.start if expected else None,
        expected_end=expected.end if expected else None,
        detail=parcel,
    )


def ocean_attributes(ocean: OceanShipment, label: str | None) -> dict[str, Any]:
    """Return the attributes of an ocean shipment's sensor."""
    last = ocean.last_event
    return {
        "kind": ShipmentKind.OCEAN.value,
        "tracking_number": ocean.tracking_no,
        "label": label,
        "number_type": option(ocean.number_type),
        "carrier_code": ocean.carrier_code,
        "containers": [
            _event_dict(
                container_number=container.container_no,
                transit_status=option(container.status),
            )
            for container in ocean.containers
        ],
        "last_event": (last.description or option(last.status)) if last else None,
        "last_event_time": last.time if last else None,
        "last_event_status": option(last.status) if last else None,
        "last_event_location_type": option(last.location_type) if last else None,
        "last_event_location": (last.location.name if last and last.location else None),
        "vessel": last.vessel if last else None,
        "voyage": last.voyage if last else None,
        "port_of_loading": (
            ocean.port_of_loading.name if ocean.port_of_loading else None
        ),
        "port_of_discharge": (
            ocean.port_of_discharge.name if ocean.port_of_discharge else None
        ),
        "eta": ocean.eta,
        EVENTS_ATTRIBUTE: [
            _event_dict(
                container_number=container.container_no,
                time=event.time,
                status=option(event.status),
                location_type=option(event.location_type),
                location=event.location.name if event.location else None,
                description=event.description,
            )
            for container in ocean.containers
            for event in container.events
        ],
    }


def from_ocean(ocean: OceanShipment, label: str | None = None) -> Shipment:
    """Build the view of an ocean shipment."""
    last = ocean.last_event
    status = option(ocean.search_status)
    return Shipment(
        kind=ShipmentKind.OCEAN,
        number=ocean.tracking_no,
        carrier=ocean.carrier_code,
        status=status,
        label=label,
        delivered_at=last.time if last and status == "final" else None,
        expected_start=ocean.eta,
        expected_end=ocean.eta,
        detail=ocean,
    )


def air_attributes(air: AirShipment, label: str | None) -> dict[str, Any]:
    """Return the attributes of an air waybill's sensor."""
    last = air.last_event
    return {
        "kind": ShipmentKind.AIR.value,
        "tracking_number": air.awb,
        "label": label,
        "airline_code": air.airline_code,
        "origin": air.origin,
        "destination": air.destination,
        "pieces": air.pieces,
        "weight": air.weight,
        "flights": [
            _event_dict(
                flight_number=flight.flight_no,
                origin=flight.origin,
                destination=flight.destination,
                departure_time=flight.departure_time,
                arrival_time=flight.arrival_time,
            )
            for flight in air.flights
        ],
        "last_event": (last.description or option(last.status)) if last else None,
        "last_event_time": last.time if last else None,
        "last_event_status": option(last.status) if last else None,
        "last_event_location": last.location if last else None,
        EVENTS_ATTRIBUTE: [
            _event_dict(
                time=event.time,
                status=option(event.status),
                location=event.location,
                flight_number=event.flight_no,
                description=event.description,
            )
            for event in air.events
        ],
    }


def from_air(air: AirShipment, label: str | None = None) -> Shipment:
    """Build the view of an air waybill."""
    last = air.last_event
    status = option(air.status)
    return Shipment(
        kind=ShipmentKind.AIR,
        number=air.awb,
        carrier=air.airline_code,
        status=status,
        label=label,
        delivered_at=last.time if last and status == "delivered" else None,
        expected_start=None,
        expected_end=None,
        detail=air,
    )


def detail_key(detail: ShipmentDetail) -> str:
    """Return the stable identity of a shipment's detail (that of its Shipment)."""
    if isinstance(detail, Parcel):
        return shipment_key(ShipmentKind.PARCEL, detail.courier_code, detail.track_no)
    if isinstance(detail, OceanShipment):
        return shipment_key(ShipmentKind.OCEAN, detail.carrier_code, detail.tracking_no)
    return shipment_key(ShipmentKind.AIR, detail.airline_code, detail.awb)


def resolve_label(detail: ShipmentDetail, label: str | None) -> str | None:
    """Return the label a shipment built from ``detail`` and ``label`` shows."""
    if isinstance(detail, Parcel):
        return label or detail.remark or None
    return label


def build(detail: ShipmentDetail, label: str | None = None) -> Shipment:
    """Build the view of any kind of shipment."""
    if isinstance(detail, Parcel):
        return from_parcel(detail, label)
    if isinstance(detail, OceanShipment):
        return from_ocean(detail, label)
    return from_air(detail, label)
