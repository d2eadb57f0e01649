"""Parsing of ocean and air cargo shipments.

Event times follow the same rules as parcel events (times.event_stamp); shipment-
level times without zone (ETA, ETD, flight times) take the zone the events show.
"""

from collections.abc import Callable
from datetime import UTC, tzinfo

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
    as_list,
    as_str,
    first_str,
    kept,
    parse_each,
    require_dict,
    shared_code,
    shared_str,
)
from .times import Stamp, ZoneGuide, event_stamp

_NO_GUIDE = ZoneGuide([], UTC)


def _stamp(value: JsonObject, zone: tzinfo) -> Stamp:
    """Decide a cargo event's time (``eventTimeUTC`` is the ocean's UTC time)."""
    return event_stamp(
        value.get("eventTimeUTC") or value.get("eventTimeZeroUTC"),
        value.get("eventTime"),
        value.get("timezone"),
        zone,
    )


def _model[T](parsed: tuple[T, object] | None) -> T | None:
    """Return the model of a parsed pair (None stays None)."""
    return None if parsed is None else parsed[0]


def _events_newest_first[E: (OceanEvent, AirEvent)](
    value: object,
    parse: Callable[[object, tzinfo], tuple[E, Stamp] | None],
    zone: tzinfo,
) -> list[tuple[E, Stamp]]:
    """Parse an event list with stamps, newest first (undated events in place)."""
    return newest_first(
        parse_each(value, lambda entry: parse(entry, zone)),
        time_of=lambda pair: pair[0].time,
    )


def _stamps_newest_first(lists: list[list[Stamp]]) -> list[Stamp]:
    """Merge the stamps of several event lists, newest first."""
    return newest_first(*lists, time_of=lambda stamp: stamp.time)


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


def _ocean_event(value: object, zone: tzinfo) -> tuple[OceanEvent, Stamp] | None:
    """Parse one container event with the stamp of its time."""
    if not isinstance(value, dict):
        return None
    stamp = _stamp(value, zone)
    event = OceanEvent(
        status=OceanEventStatus.parse(value.get("eventStatus")),
        time=stamp.time,
        location_type=OceanLocationType.parse(value.get("locationType")),
        location=parse_ocean_location(value.get("location")),
        vessel=shared_str(value, "vessel", "vesselName"),
        voyage=first_str(value, "voyage", "voyageNo"),
        description=shared_str(value, "description", "eventDetail"),
        status_code=shared_code(value.get("eventStatus")),
        location_type_code=shared_code(value.get("locationType")),
    )
    return event, stamp


def parse_ocean_event(value: object, zone: tzinfo = UTC) -> OceanEvent | None:
    """Parse one container event; None when it is not an object."""
    return _model(_ocean_event(value, zone))


def _ocean_container(
    value: object, zone: tzinfo, newest_only: bool = False
) -> tuple[OceanContainer, list[Stamp]] | None:
    """Parse one container, events newest first, with all their stamps in that order.

    With ``newest_only`` the container keeps its newest event.
    """
    if not isinstance(value, dict):
        return None
    pairs = _events_newest_first(value.get("events"), _ocean_event, zone)
    container = OceanContainer(
        container_no=first_str(value, "containerNo", "containerNumber"),
        status=OceanTransitStatus.parse(value.get("transitStatus")),
        events=tuple(event for event, _ in kept(pairs, newest_only)),
        status_code=shared_code(value.get("transitStatus")),
    )
    return container, [stamp for _, stamp in pairs]


def parse_ocean_container(value: object, zone: tzinfo = UTC) -> OceanContainer | None:
    """Parse one container; None when it is not an object."""
    return _model(_ocean_container(value, zone))


def parse_ocean_shipment(
    value: object, zone: tzinfo = UTC, *, newest_only: bool = False
) -> OceanShipment:
    """Parse one ocean shipment; ``zone`` for times nothing else gives a zone.

    With ``newest_only`` each container keeps its newest event.
    """
    item = require_dict(value, "ocean shipment")
    parsed = parse_each(
        item.get("containers"),
        lambda entry: _ocean_container(entry, zone, newest_only),
    )
    guide = ZoneGuide(_stamps_newest_first([stamps for _, stamps in parsed]), zone)
    window = guide.window(item.get("eta"), item.get("eta"))
    return OceanShipment(
        tracking_no=first_str(item, "trackingNo", "trackNo") or "",
        number_type=OceanNumberType.parse(item.get("type", item.get("numberType"))),
        carrier_code=shared_str(item, "carrierCode"),
        search_status=OceanSearchStatus.parse(item.get("searchStatus")),
        port_of_loading=parse_ocean_location(item.get("pol")),
        port_of_discharge=parse_ocean_location(item.get("pod")),
        eta=None if window is None else window.start,
        containers=tuple(container for container, _ in parsed),
        search_status_code=shared_code(item.get("searchStatus")),
        etd=guide.time(item.get("etd")),
        ata=guide.time(item.get("ata")),
        atd=guide.time(item.get("atd")),
        vessel=shared_str(item, "vessel", "vesselName"),
        voyage=first_str(item, "voyage", "voyageNo"),
        expected_delivery=window,
        history_complete=not newest_only
        or all(len(stamps) <= 1 for _, stamps in parsed),
    )


# Air -----------------------------------------------------------------------------


def parse_air_flight(value: object, guide: ZoneGuide = _NO_GUIDE) -> AirFlight | None:
    """Parse one flight leg; None when it is not an object."""
    if not isinstance(value, dict):
        return None
    return AirFlight(
        flight_no=first_str(value, "flightNo"),
        origin=shared_str(value, "from", "origin"),
        destination=shared_str(value, "to", "destination"),
        departure_time=guide.time(value.get("departureTime")),
        arrival_time=guide.time(value.get("arrivalTime")),
    )


def _air_event(value: object, zone: tzinfo) -> tuple[AirEvent, Stamp] | None:
    """Parse one air waybill event with the stamp of its time."""
    if not isinstance(value, dict):
        return None
    stamp = _stamp(value, zone)
    event = AirEvent(
        status=AirEventStatus.parse(value.get("status")),
        time=stamp.time,
        location=shared_str(value, "location"),
        flight_no=first_str(value, "flightNo"),
        pieces=as_int(value.get("pieces")),
        description=shared_str(value, "description"),
        status_code=shared_code(value.get("status")),
    )
    return event, stamp


def parse_air_event(value: object, zone: tzinfo = UTC) -> AirEvent | None:
    """Parse one air waybill event; None when it is not an object."""
    return _model(_air_event(value, zone))


def parse_air_shipment(
    value: object, zone: tzinfo = UTC, *, newest_only: bool = False
) -> AirShipment:
    """Parse one air waybill; ``zone`` for times nothing else gives a zone.

    With ``newest_only`` it keeps its newest event.
    """
    item = require_dict(value, "air shipment")
    pairs = _events_newest_first(item.get("events"), _air_event, zone)
    guide = ZoneGuide([stamp for _, stamp in pairs], zone)
    return AirShipment(
        awb=first_str(item, "trackingNo", "awb", "trackNo") or "",
        airline_code=shared_str(item, "airlineCode", "courierCode"),
        status=AirStatus.parse(item.get("aviationStatus")),
        origin=shared_str(item, "origin"),
        destination=shared_str(item, "destination"),
        pieces=as_int(item.get("pieces")),
        weight=as_float(item.get("weight")),
        flights=tuple(
            flight
            for entry in as_list(item.get("flights"))
            if (flight := parse_air_flight(entry, guide)) is not None
        ),
        events=tuple(event for event, _ in kept(pairs, newest_only)),
        status_code=shared_code(item.get("aviationStatus")),
        weight_unit=shared_str(item, "weightUnit"),
        history_complete=not newest_only or len(pairs) <= 1,
    )
