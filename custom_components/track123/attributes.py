"""The attributes a shipment's sensor shows, one builder per kind.

Each builder writes its attributes as one dict display, sized once, rather than
merging small dicts into it: they are built at every write of a changed shipment,
and each small dict merged in is a key table allocated and freed at once.
"""

from datetime import datetime
from enum import Enum
from typing import Any, Final

from .api import AirShipment, OceanShipment, Parcel, ParcelStatus, QueryStatus
from .const import ShipmentKind
from .shipment import EVENTS_ATTRIBUTE, option

# A parcel moving normally is scanned every few days; a week without any news is
# when carriers' own "delayed" notices appear, well before Track123 gives up on
# a number after 30 days without information (EXPIRED).
STALLED_DAYS: Final = 7
_FINAL_PARCEL_STATUSES = frozenset(
    {ParcelStatus.DELIVERED, ParcelStatus.EXPIRED, ParcelStatus.UNKNOWN}
)

# What changes with every new event is kept out of the recorder: each event would
# otherwise store a new attribute row, and the whole history is Track123's, shown
# by the card's timeline and the get_shipments action. What stays recorded changes
# rarely (the expected window, the carrier, stalled), so its row is shared by the
# shipment's state changes.
UNRECORDED_ATTRIBUTES: Final = frozenset(
    {
        "sub_status",
        "last_event",
        "last_event_time",
        "last_event_location",
        "last_event_status",
        "last_event_location_type",
        "containers",
    }
)

# Values a detail leaves out rather than showing "Unknown" or nothing.
_EMPTY: Final[tuple[object, ...]] = (None, "", [])
# How Track123 (or the airline behind it) may write a weight's unit, and the
# symbol shown. Air cargo is weighed in kilograms unless the waybill says pounds.
_WEIGHT_UNITS: Final = {
    "kg": "kg",
    "kgs": "kg",
    "k": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "lb": "lb",
    "lbs": "lb",
    "l": "lb",
    "pound": "lb",
    "pounds": "lb",
}


def present(values: dict[str, Any]) -> dict[str, Any]:
    """Return the values without the empty ones: a detail never reads "Unknown".

    The history (``events``, full attributes only) stays even when it is empty:
    templates and the card iterate it.
    """
    return {
        key: value
        for key, value in values.items()
        if value not in _EMPTY or (key == EVENTS_ATTRIBUTE and value is not None)
    }


def compact(**values: Any) -> dict[str, Any]:
    """Return the values given, without the empty ones."""
    return present(values)


def weight_text(weight: float | None, unit: str | None) -> str | None:
    """Return a weight with its unit ("120.5 kg"); kilograms when none is given."""
    if weight is None:
        return None
    raw = (unit or "kg").strip()
    symbol = _WEIGHT_UNITS.get(raw.lower(), raw)
    return f"{weight:,.3f}".rstrip("0").rstrip(".") + f" {symbol}"


def _last_event(last: Any) -> tuple[str | None, datetime | None, str | None]:
    """Return a cargo shipment's last event: what, when, and its status."""
    if last is None:
        return None, None, None
    status = option(last.status)
    return last.description or status, last.time, status


def _unknown(known: Enum, raw: str | None) -> str | None:
    """Return a code Track123 sent that is not known here; None when it is known."""
    return raw if option(known) is None else None


def _stalled(parcel: Parcel) -> bool | None:
    """Return True for an undelivered parcel without news for STALLED_DAYS or more."""
    if parcel.stay_days is None or parcel.status in _FINAL_PARCEL_STATUSES:
        return None
    return parcel.stay_days >= STALLED_DAYS


def parcel_attributes(parcel: Parcel, label: str | None, full: bool) -> dict[str, Any]:
    """Return the attributes of a parcel: its sensor's, or (``full``) everything.

    The sensor shows what a dashboard or an automation needs, and nothing that
    changes without a new event: every browser and phone loads every state, and the
    recorder stores each change. The counters Track123 moves every day
    (``days_in_transit``, ``days_without_update``, ``delivered_days``), the link,
    the countries, the pieces and the history are in the full attributes only (the
    card's timeline and the ``get_shipments`` action).
    """
    last = parcel.last_event
    shown = {
        "kind": ShipmentKind.PARCEL.value,
        "tracking_number": parcel.track_no,
        "label": label,
        "carrier_code": parcel.courier_code,
        "carrier_name": parcel.courier_name,
        "sub_status": option(parcel.sub_status),
        # What Track123 sent that is not known here, to show and to report.
        "status_code": _unknown(parcel.status, parcel.status_code),
        "sub_status_code": _unknown(parcel.sub_status, parcel.sub_status_code),
        "last_event": last.description if last else None,
        "last_event_time": last.time if last else None,
        "last_event_location": last.location if last else None,
        # Shown on the sensor only when Track123 cannot reach the carrier.
        "query_status": (
            option(parcel.query_status)
            if full or parcel.query_status is not QueryStatus.NORMAL_QUERY
            else None
        ),
        "delivered_time": parcel.delivered_time,
        "signed_by": parcel.signed_by,
        "stalled": _stalled(parcel),
        "order_number": parcel.order_no,
    }
    if not full:
        return present(shown)
    return present(
        {
            **shown,
            "tracking_link": parcel.tracking_link,
            "origin_country": parcel.ship_from,
            "destination_country": parcel.ship_to,
            "days_in_transit": parcel.transit_days,
            "delivered_days": parcel.delivered_days or None,
            "pieces": parcel.pieces,
            "days_without_update": parcel.stay_days,
            "last_mile_tracking_number": parcel.last_mile_track_no,
            EVENTS_ATTRIBUTE: [
                compact(
                    time=event.time,
                    description=event.description,
                    location=event.location,
                    sub_status=option(event.sub_status),
                )
                for event in parcel.events
            ],
        }
    )


def ocean_attributes(
    ocean: OceanShipment, label: str | None, full: bool
) -> dict[str, Any]:
    """Return the attributes of an ocean shipment's sensor; ``full`` adds the history."""
    last = ocean.last_event
    event, event_time, event_status = _last_event(last)
    return present(
        {
            "kind": ShipmentKind.OCEAN.value,
            "tracking_number": ocean.tracking_no,
            "label": label,
            "number_type": option(ocean.number_type),
            "status_code": _unknown(ocean.search_status, ocean.search_status_code),
            "carrier_code": ocean.carrier_code,
            "containers": [
                compact(
                    container_number=container.container_no,
                    transit_status=option(container.status),
                )
                for container in ocean.containers
            ],
            "last_event": event,
            "last_event_time": event_time,
            "last_event_status": event_status,
            "last_event_location": (
                last.location.name if last and last.location else None
            ),
            "last_event_location_type": option(last.location_type) if last else None,
            "vessel": (last.vessel if last else None) or ocean.vessel,
            "voyage": (last.voyage if last else None) or ocean.voyage,
            "port_of_loading": (
                ocean.port_of_loading.name if ocean.port_of_loading else None
            ),
            "port_of_discharge": (
                ocean.port_of_discharge.name if ocean.port_of_discharge else None
            ),
            "eta": ocean.eta,
            "etd": ocean.etd,
            "atd": ocean.atd,
            "ata": ocean.ata,
            EVENTS_ATTRIBUTE: [
                compact(
                    container_number=container.container_no,
                    time=event.time,
                    status=option(event.status),
                    location_type=option(event.location_type),
                    location=event.location.name if event.location else None,
                    description=event.description,
                )
                for container in ocean.containers
                for event in container.events
            ]
            if full
            else None,
        }
    )


def air_attributes(air: AirShipment, label: str | None, full: bool) -> dict[str, Any]:
    """Return the attributes of an air waybill's sensor; ``full`` adds the history."""
    last = air.last_event
    event, event_time, event_status = _last_event(last)
    return present(
        {
            "kind": ShipmentKind.AIR.value,
            "tracking_number": air.awb,
            "label": label,
            "airline_code": air.airline_code,
            "status_code": _unknown(air.status, air.status_code),
            "origin": air.origin,
            "destination": air.destination,
            "pieces": air.pieces,
            "weight": weight_text(air.weight, air.weight_unit),
            "flights": [
                compact(
                    flight_number=flight.flight_no,
                    origin=flight.origin,
                    destination=flight.destination,
                    departure_time=flight.departure_time,
                    arrival_time=flight.arrival_time,
                )
                for flight in air.flights
            ],
            "last_event": event,
            "last_event_time": event_time,
            "last_event_status": event_status,
            "last_event_location": last.location if last else None,
            EVENTS_ATTRIBUTE: [
                compact(
                    time=event.time,
                    status=option(event.status),
                    location=event.location,
                    flight_number=event.flight_no,
                    description=event.description,
                )
                for event in air.events
            ]
            if full
            else None,
        }
    )
