"""Parsing of ocean and air cargo shipments."""

from datetime import datetime

from .codes import (
    AirEventStatus,
    AirStatus,
    OceanEventStatus,
    OceanLocationType,
    OceanNumberType,
    OceanSearchStatus,
    OceanTransitStatus,
)
from .models import (
    AirEvent,
    AirFlight,
    AirShipment,
    OceanContainer,
    OceanEvent,
    OceanLocation,
    OceanShipment,
)
from .ordering import newest_first
from .readers import (
    JsonObject,
    as_float,
    as_int,
    as_str,
    first_str,
    parse_each,
    require_dict,
    shared_str,
)
from .times import parse_offset, parse_time


def _event_time(value: JsonObject) -> datetime | None:
    """Return the time of a cargo event, in its own zone where it gives one."""
    return parse_time(value.get("eventTime"), parse_offset(value.get("timezone")))


# Ocean ---------------------------------------------------------------------------


def parse_ocean_location(value: object) -> OceanLocation | None:
    """Parse a port or place (an object, or just a name)."""
    if isinstance(value, str):
        return OceanLocation(name=as_str(value))
    if not isinstance(value, dict) or not value:
        return None
    return OceanLocation(
        name=shared_str(value, "name", "locationName", "portName"),
        unlocode=shared_str(value, "unlocode", "unLocode", "code"),
        country=shared_str(value, "country", "countryCode"),
    )


def parse_ocean_event(value: object) -> OceanEvent | None:
    """Parse one container event; None when it is not an object."""
    if not isinstance(value, dict):
        return None
    return OceanEvent(
        status=OceanEventStatus.parse(value.get("eventStatus")),
        time=_event_time(value),
        location_type=OceanLocationType.parse(value.get("locationType")),
        location=parse_ocean_location(value.get("location")),
        vessel=shared_str(value, "vessel", "vesselName"),
        voyage=first_str(value, "voyage", "voyageNo"),
        description=shared_str(value, "description", "eventDetail"),
    )


def parse_ocean_container(value: object) -> OceanContainer | None:
    """Parse one container; None when it is not an object."""
    if not isinstance(value, dict):
        return None
    events = parse_each(value.get("events"), parse_ocean_event)
    return OceanContainer(
        container_no=first_str(value, "containerNo", "containerNumber"),
        status=OceanTransitStatus.parse(value.get("transitStatus")),
        events=tuple(newest_first(events, lambda e: e.time)),
    )


def parse_ocean_shipment(value: object) -> OceanShipment:
    """Parse one ocean shipment."""
    item = require_dict(value, "ocean shipment")
    return OceanShipment(
        tracking_no=first_str(item, "trackingNo", "trackNo") or "",
        number_type=OceanNumberType.parse(item.get("type", item.get("numberType"))),
        carrier_code=shared_str(item, "carrierCode"),
        search_status=OceanSearchStatus.parse(item.get("searchStatus")),
        port_of_loading=parse_ocean_location(item.get("pol")),
        port_of_discharge=parse_ocean_location(item.get("pod")),
        eta=parse_time(item.get("eta")),
        containers=tuple(parse_each(item.get("containers"), parse_ocean_container)),
    )


# Air -----------------------------------------------------------------------------


def parse_air_flight(value: object) -> AirFlight | None:
    """Parse one flight leg; None when it is not an object."""
    if not isinstance(value, dict):
        return None
    return AirFlight(
        flight_no=first_str(value, "flightNo"),
        origin=shared_str(value, "from", "origin"),
        destination=shared_str(value, "to", "destination"),
        departure_time=parse_time(value.get("departureTime")),
        arrival_time=parse_time(value.get("arrivalTime")),
    )


def parse_air_event(value: object) -> AirEvent | None:
    """Parse one air waybill event; None when it is not an object."""
    if not isinstance(value, dict):
        return None
    return AirEvent(
        status=AirEventStatus.parse(value.get("status")),
        time=_event_time(value),
        location=shared_str(value, "location"),
        flight_no=first_str(value, "flightNo"),
        pieces=as_int(value.get("pieces")),
        description=shared_str(value, "description"),
    )


def parse_air_shipment(value: object) -> AirShipment:
    """Parse one air waybill."""
    item = require_dict(value, "air shipment")
    events = parse_each(item.get("events"), parse_air_event)
    return AirShipment(
        awb=first_str(item, "trackingNo", "awb", "trackNo") or "",
        airline_code=shared_str(item, "airlineCode", "courierCode"),
        status=AirStatus.parse(item.get("aviationStatus")),
        origin=shared_str(item, "origin"),
        destination=shared_str(item, "destination"),
        pieces=as_int(item.get("pieces")),
        weight=as_float(item.get("weight")),
        flights=tuple(parse_each(item.get("flights"), parse_air_flight)),
        events=tuple(newest_first(events, lambda e: e.time)),
    )
