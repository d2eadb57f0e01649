"""Typed, immutable models of Track123 requests and answers."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .codes import (
    AirEventStatus,
    AirStatus,
    OceanEventStatus,
    OceanLocationType,
    OceanNumberType,
    OceanSearchStatus,
    OceanTransitStatus,
    ParcelStatus,
    ParcelSubStatus,
    QueryStatus,
)
from .ordering import newest_first


class EventSource(StrEnum):
    """Which carrier leg an event was reported by."""

    LOCAL = "local"
    LAST_MILE = "last_mile"


@dataclass(frozen=True, slots=True)
class Courier:
    """A parcel courier, ocean carrier or airline known to Track123."""

    code: str
    name: str | None = None
    name_cn: str | None = None
    home_page: str | None = None
    tracking_link: str | None = None


@dataclass(frozen=True, slots=True)
class ParcelEvent:
    """One checkpoint of a parcel; ``sub_status_code`` is the raw code, known or not."""

    time: datetime | None
    description: str | None
    location: str | None = None
    sub_status: ParcelSubStatus = ParcelSubStatus.UNKNOWN
    source: EventSource = EventSource.LOCAL
    sub_status_code: str | None = None


@dataclass(frozen=True, slots=True)
class ExpectedDelivery:
    """Expected delivery window.

    A single timed value gives start = end. A date (or a range of dates) is
    ``all_day``: from the first day's 00:00 to the 00:00 after the last day
    (exclusive end), in the shipment's zone.
    """

    start: datetime | None
    end: datetime | None
    all_day: bool = False


@dataclass(frozen=True, slots=True)
class Parcel:
    """A tracked parcel, events newest first.

    The ``*_code`` fields keep the raw codes Track123 sent, known or not; ``id`` is
    Track123's id as text (it exceeds a float's precision).
    """

    track_no: str
    courier_code: str | None = None
    courier_name: str | None = None
    tracking_link: str | None = None
    order_no: str | None = None
    remark: str | None = None
    query_status: QueryStatus = QueryStatus.UNKNOWN
    status: ParcelStatus = ParcelStatus.UNKNOWN
    sub_status: ParcelSubStatus = ParcelSubStatus.UNKNOWN
    ship_from: str | None = None
    ship_to: str | None = None
    created_time: datetime | None = None
    ship_time: datetime | None = None
    delivered_time: datetime | None = None
    last_tracking_time: datetime | None = None
    transit_days: int | None = None
    expected_delivery: ExpectedDelivery | None = None
    last_mile_track_no: str | None = None
    last_mile_courier_code: str | None = None
    events: tuple[ParcelEvent, ...] = ()
    status_code: str | None = None
    sub_status_code: str | None = None
    query_status_code: str | None = None
    id: str | None = None
    signed_by: str | None = None
    stay_days: int | None = None
    delivered_days: int | None = None
    pieces: int | None = None
    # False when the client kept only the newest event (``keep_history``).
    history_complete: bool = True

    @property
    def last_event(self) -> ParcelEvent | None:
        """Return the newest event, if any."""
        return self.events[0] if self.events else None


@dataclass(frozen=True, slots=True)
class OceanLocation:
    """A port or place in an ocean shipment."""

    name: str | None = None
    unlocode: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class OceanEvent:
    """One container event."""

    status: OceanEventStatus
    time: datetime | None
    location_type: OceanLocationType = OceanLocationType.UNKNOWN
    location: OceanLocation | None = None
    vessel: str | None = None
    voyage: str | None = None
    description: str | None = None
    status_code: str | None = None
    location_type_code: str | None = None


@dataclass(frozen=True, slots=True)
class OceanContainer:
    """A container of an ocean shipment, events newest first."""

    container_no: str | None
    status: OceanTransitStatus = OceanTransitStatus.UNKNOWN
    events: tuple[OceanEvent, ...] = ()
    status_code: str | None = None

    @property
    def last_event(self) -> OceanEvent | None:
        """Return the newest event, if any."""
        return self.events[0] if self.events else None


@dataclass(frozen=True, slots=True)
class OceanShipment:
    """A tracked ocean shipment (booking, bill of lading or container)."""

    tracking_no: str
    number_type: OceanNumberType = OceanNumberType.UNKNOWN
    carrier_code: str | None = None
    search_status: OceanSearchStatus = OceanSearchStatus.UNKNOWN
    port_of_loading: OceanLocation | None = None
    port_of_discharge: OceanLocation | None = None
    eta: datetime | None = None
    containers: tuple[OceanContainer, ...] = ()
    search_status_code: str | None = None
    etd: datetime | None = None
    ata: datetime | None = None
    atd: datetime | None = None
    vessel: str | None = None
    voyage: str | None = None
    # The window the ETA gives (a whole day when the ETA is a date).
    expected_delivery: ExpectedDelivery | None = None
    # False when each container kept only its newest event (``keep_history``).
    history_complete: bool = True

    @property
    def last_event(self) -> OceanEvent | None:
        """Return the newest event over all containers, if any.

        A container whose newest event is undated puts it first, as in one list.
        """
        newest = newest_first(
            *(container.events[:1] for container in self.containers),
            time_of=_event_time,
        )
        return newest[0] if newest else None


@dataclass(frozen=True, slots=True)
class AirFlight:
    """One flight leg of an air waybill."""

    flight_no: str | None
    origin: str | None = None
    destination: str | None = None
    departure_time: datetime | None = None
    arrival_time: datetime | None = None


@dataclass(frozen=True, slots=True)
class AirEvent:
    """One air waybill event."""

    status: AirEventStatus
    time: datetime | None
    location: str | None = None
    flight_no: str | None = None
    pieces: int | None = None
    description: str | None = None
    status_code: str | None = None


@dataclass(frozen=True, slots=True)
class AirShipment:
    """A tracked air waybill, events newest first."""

    awb: str
    airline_code: str | None = None
    status: AirStatus = AirStatus.UNKNOWN
    origin: str | None = None
    destination: str | None = None
    pieces: int | None = None
    weight: float | None = None
    flights: tuple[AirFlight, ...] = ()
    events: tuple[AirEvent, ...] = ()
    status_code: str | None = None
    weight_unit: str | None = None
    # False when the client kept only the newest event (``keep_history``).
    history_complete: bool = True

    @property
    def last_event(self) -> AirEvent | None:
        """Return the newest event, if any."""
        return self.events[0] if self.events else None


@dataclass(frozen=True, slots=True)
class Rejected:
    """A number the API refused, with the reason."""

    number: str | None
    code: str | None
    message: str | None


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Outcome of an import (or delete): accepted, already tracked, rejected."""

    accepted: tuple[str, ...] = ()
    already_tracked: tuple[str, ...] = ()
    rejected: tuple[Rejected, ...] = ()

    def __add__(self, other: ImportResult) -> ImportResult:
        """Merge the results of two batches."""
        return ImportResult(
            self.accepted + other.accepted,
            self.already_tracked + other.already_tracked,
            self.rejected + other.rejected,
        )


@dataclass(frozen=True, slots=True)
class QueryResult[T]:
    """Shipments found, and numbers the API refused."""

    items: tuple[T, ...] = ()
    rejected: tuple[Rejected, ...] = ()

    def __add__(self, other: QueryResult[T]) -> QueryResult[T]:
        """Merge the results of two batches."""
        return QueryResult(self.items + other.items, self.rejected + other.rejected)


@dataclass(frozen=True, slots=True)
class Page[T]:
    """One page of a time-window query."""

    items: tuple[T, ...] = ()
    cursor: str | None = None
    current_page: int | None = None
    total_pages: int | None = None
    total_elements: int | None = None

    @property
    def is_last(self) -> bool:
        """Return True when no further page should be requested."""
        if not self.items or not self.cursor:
            return True
        if self.current_page is not None and self.total_pages is not None:
            return self.current_page >= self.total_pages
        return False


@dataclass(frozen=True, slots=True)
class ParcelImport:
    """A parcel to register for tracking."""

    track_no: str
    courier_code: str | None = None
    order_no: str | None = None
    postal_code: str | None = None
    phone_suffix: str | None = None
    remark: str | None = None
    ship_time: datetime | None = None


@dataclass(frozen=True, slots=True)
class OceanImport:
    """An ocean shipment to register (or address) by number and number type."""

    tracking_no: str
    number_type: OceanNumberType = OceanNumberType.CONTAINER
    carrier_code: str | None = None
    order_no: str | None = None


@dataclass(frozen=True, slots=True)
class AirImport:
    """An air waybill to register for tracking."""

    awb: str
    airline_code: str | None = None
    order_no: str | None = None
    remark: str | None = None


def _event_time(event: OceanEvent) -> datetime | None:
    """Return an event's time."""
    return event.time
