"""The kind table: everything that differs between parcels, ocean and air cargo.

Code that needs a kind-specific thing looks it up here (``KINDS[kind]`` or
``spec_of(detail)``) instead of branching on the kind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
import re
from typing import Any

from .api import (
    AirImport,
    AirShipment,
    AirStatus,
    ExpectedDelivery,
    ImportResult,
    OceanImport,
    OceanSearchStatus,
    OceanShipment,
    Parcel,
    ParcelImport,
    ParcelStatus,
    QueryResult,
    Track123Client,
)
from .attributes import air_attributes, ocean_attributes, parcel_attributes
from .const import ShipmentKind
from .kind_calls import (
    change_airline,
    change_ocean_carrier,
    change_parcel_courier,
    delete_air,
    delete_ocean,
    delete_parcel,
    ocean_key,
    retrack_air,
    retrack_ocean,
    retrack_parcel,
    update_parcel_label,
)
from .kind_spec import (
    CATEGORY_DELIVERED,
    CATEGORY_DELIVERY_FAILED,
    CATEGORY_EXCEPTION,
    CATEGORY_OUT_FOR_DELIVERY,
    DEGRADED_QUERY_STATUSES,
    NO_WINDOW,
    KindSpec,
    ShipmentSensorDescription,
    Window,
)
from .shipment import NewShipment, Shipment, ShipmentDetail, option
from .store import AddedShipment

__all__ = [
    "CATEGORY_DELIVERED",
    "CATEGORY_DELIVERY_FAILED",
    "CATEGORY_EXCEPTION",
    "CATEGORY_OUT_FOR_DELIVERY",
    "KINDS",
    "STATUS_OPTIONS",
    "KindSpec",
    "ShipmentSensorDescription",
    "build",
    "spec_of",
]


def _last_event_if_delivered(delivered: str) -> Callable[[Any, str | None], Any]:
    """Return the time of the last event, once the status is ``delivered``."""

    def delivered_at(detail: Any, status: str | None) -> Any:
        last = detail.last_event
        return last.time if last and status == delivered else None

    return delivered_at


# Parcels ---------------------------------------------------------------------------


def _window(expected: ExpectedDelivery | None) -> Window:
    """Return an expected delivery as a window."""
    if expected is None:
        return NO_WINDOW
    return Window(expected.start, expected.end, expected.all_day)


def _parcel_delivered_at(parcel: Parcel, status: str | None) -> datetime | None:
    """Return when a parcel was delivered: Track123's time, else the last event's."""
    last = parcel.last_event
    return parcel.delivered_time or (
        last.time if last and status == "delivered" else None
    )


def _parcel_keep_last_known(old: Parcel, new: Parcel) -> Parcel:
    """Keep the last known data while Track123 cannot reach the carrier."""
    if new.query_status in DEGRADED_QUERY_STATUSES:
        return replace(old, query_status=new.query_status)
    return new


async def _register_parcel(client: Track123Client, new: NewShipment) -> ImportResult:
    """Register a parcel, its label as Track123's remark."""
    return await client.import_parcels(
        [
            ParcelImport(
                new.number,
                courier_code=new.carrier,
                postal_code=new.postal_code,
                phone_suffix=new.phone_suffix,
                remark=new.label,
            )
        ]
    )


async def _query_parcels(
    client: Track123Client, added: Sequence[AddedShipment], *, poll: bool = True
) -> QueryResult[Parcel]:
    """Query parcels by number."""
    return await client.query_parcels(
        [shipment.number for shipment in added], poll=poll
    )


PARCEL: KindSpec[Parcel] = KindSpec(
    kind=ShipmentKind.PARCEL,
    detail_type=Parcel,
    status_enum=ParcelStatus,
    delivered_state="delivered",
    categories={
        "delivered": CATEGORY_DELIVERED,
        "waiting_delivery": CATEGORY_OUT_FOR_DELIVERY,
        "delivery_failed": CATEGORY_DELIVERY_FAILED,
        "abnormal": CATEGORY_EXCEPTION,
    },
    number=lambda parcel: parcel.track_no,
    carrier=lambda parcel: parcel.courier_code,
    status=lambda parcel: parcel.status,
    sub_status=lambda parcel: option(parcel.sub_status),
    attributes=parcel_attributes,
    label=lambda parcel, label: label or parcel.remark or None,
    expected=lambda parcel: _window(parcel.expected_delivery),
    delivered_at=_parcel_delivered_at,
    updated_at=lambda parcel: parcel.last_tracking_time,
    keep_last_known=_parcel_keep_last_known,
    register=_register_parcel,
    query_added=_query_parcels,
    query_window=lambda client, start, end: client.query_all_parcels(start, end),
    delete=delete_parcel,
    change_carrier=change_parcel_courier,
    retrack=retrack_parcel,
    list_carriers=lambda client: client.list_couriers(),
    update_label=update_parcel_label,
    takes_recipient=True,
    detects_carrier=True,
    pushed=True,
)


# Ocean cargo -----------------------------------------------------------------------


async def _register_ocean(client: Track123Client, new: NewShipment) -> ImportResult:
    """Register an ocean shipment by number and number type."""
    return await client.import_ocean(
        [OceanImport(new.number, new.number_type, new.carrier)]
    )


async def _query_ocean(
    client: Track123Client, added: Sequence[AddedShipment], *, poll: bool = True
) -> QueryResult[OceanShipment]:
    """Query ocean shipments by number and number type."""
    return await client.query_ocean(
        [ocean_key(s.number, s.number_type, s.carrier) for s in added], poll=poll
    )


OCEAN: KindSpec[OceanShipment] = KindSpec(
    kind=ShipmentKind.OCEAN,
    # ISO 6346 container number: owner code, category U, J or Z, serial, check digit.
    number_shape=re.compile(r"[A-Z]{3}[UJZ][0-9]{7}"),
    detail_type=OceanShipment,
    status_enum=OceanSearchStatus,
    delivered_state="final",
    categories={"final": CATEGORY_DELIVERED},
    number=lambda ocean: ocean.tracking_no,
    carrier=lambda ocean: ocean.carrier_code,
    status=lambda ocean: ocean.search_status,
    attributes=ocean_attributes,
    expected=lambda ocean: (
        _window(ocean.expected_delivery)
        if ocean.expected_delivery
        else Window(ocean.eta, ocean.eta)
    ),
    delivered_at=_last_event_if_delivered("final"),
    register=_register_ocean,
    query_added=_query_ocean,
    query_window=lambda client, start, end: client.query_all_ocean(start, end),
    delete=delete_ocean,
    change_carrier=change_ocean_carrier,
    retrack=retrack_ocean,
    list_carriers=lambda client: client.list_ocean_carriers(),
    number_type=lambda ocean: int(ocean.number_type) or None,
    takes_number_type=True,
)


# Air cargo -------------------------------------------------------------------------


async def _register_air(client: Track123Client, new: NewShipment) -> ImportResult:
    """Register an air waybill, its label as Track123's remark."""
    return await client.import_air(
        [AirImport(new.number, new.carrier, remark=new.label)]
    )


async def _query_air(
    client: Track123Client, added: Sequence[AddedShipment], *, poll: bool = True
) -> QueryResult[AirShipment]:
    """Query air waybills by number."""
    return await client.query_air([shipment.number for shipment in added], poll=poll)


AIR: KindSpec[AirShipment] = KindSpec(
    kind=ShipmentKind.AIR,
    # IATA air waybill: airline prefix, a dash, serial and check digit.
    number_shape=re.compile(r"[0-9]{3}-[0-9]{8}"),
    detail_type=AirShipment,
    status_enum=AirStatus,
    delivered_state="delivered",
    categories={
        "delivered": CATEGORY_DELIVERED,
        "notified": CATEGORY_OUT_FOR_DELIVERY,
        "exception": CATEGORY_EXCEPTION,
    },
    number=lambda air: air.awb,
    carrier=lambda air: air.airline_code,
    status=lambda air: air.status,
    attributes=air_attributes,
    expected=lambda _air: NO_WINDOW,
    delivered_at=_last_event_if_delivered("delivered"),
    register=_register_air,
    query_added=_query_air,
    query_window=lambda client, start, end: client.query_all_air(start, end),
    delete=delete_air,
    change_carrier=change_airline,
    retrack=retrack_air,
    list_carriers=lambda client: client.list_air_couriers(),
)


KINDS: Mapping[ShipmentKind, KindSpec[Any]] = {
    spec.kind: spec for spec in (PARCEL, OCEAN, AIR)
}
_BY_TYPE: Mapping[type, KindSpec[Any]] = {
    spec.detail_type: spec for spec in KINDS.values()
}
STATUS_OPTIONS: Mapping[ShipmentKind, list[str]] = {
    kind: spec.options for kind, spec in KINDS.items()
}


def spec_of(detail: ShipmentDetail) -> KindSpec[Any]:
    """Return the kind table's entry for a shipment's detail."""
    return _BY_TYPE[type(detail)]


def build(detail: ShipmentDetail, label: str | None = None) -> Shipment:
    """Return the view of any kind of shipment."""
    return spec_of(detail).build(detail, label)
