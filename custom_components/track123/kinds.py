"""The kind table: everything that differs between parcels, ocean and air cargo.

Code that needs a kind-specific thing looks it up here (``KINDS[kind]`` or
``spec_of(detail)``) instead of branching on the kind.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from typing import Any, NamedTuple

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntityCapabilityAttribute,
    SensorEntityDescription,
)

from .api import (
    AirImport,
    AirShipment,
    AirStatus,
    Courier,
    ExpectedDelivery,
    ImportResult,
    OceanImport,
    OceanSearchStatus,
    OceanShipment,
    Parcel,
    ParcelImport,
    ParcelStatus,
    QueryResult,
    QueryStatus,
    Track123Client,
)
from .attributes import air_attributes, ocean_attributes, parcel_attributes
from .const import ShipmentKind
from .kind_calls import (
    Recipient,
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
from .shipment import (
    NewShipment,
    Shipment,
    ShipmentDetail,
    enum_options,
    option,
    shipment_key,
)
from .store import AddedShipment

# Query statuses under which Track123 could not reach the carrier: the data may be stale.
DEGRADED_QUERY_STATUSES = frozenset(
    {
        QueryStatus.UNSTABLE_OFFICIAL_WEBSITE,
        QueryStatus.OFFICIAL_WEBSITE_FORMAT_CHANGES,
        QueryStatus.CACHE_FOR_WEBSITE_ERROR,
        QueryStatus.CACHE_FOR_DEAL_ERROR,
    }
)

# What a status means to a user; device triggers and the bus events match on it.
CATEGORY_DELIVERED = "delivered"
CATEGORY_OUT_FOR_DELIVERY = "out_for_delivery"
CATEGORY_DELIVERY_FAILED = "delivery_failed"
CATEGORY_EXCEPTION = "exception"


@dataclass(frozen=True, kw_only=True)
class ShipmentSensorDescription(SensorEntityDescription):
    """How the sensors of one kind of shipment look; shared by all of them."""

    attributes_fn: Callable[[Shipment], dict[str, Any]] = lambda s: s.attributes
    capabilities: dict[str, Any] = field(default_factory=dict)


def _description(kind: ShipmentKind, options: list[str]) -> ShipmentSensorDescription:
    """Return the sensor description of a kind of shipment."""
    return ShipmentSensorDescription(
        key=kind.value,
        translation_key=kind.value,
        device_class=SensorDeviceClass.ENUM,
        options=options,
        # Home Assistant keeps the capabilities in the registry and copies them into
        # each state: one mapping per kind, not per sensor.
        capabilities={SensorEntityCapabilityAttribute.OPTIONS: options},
    )


class Window(NamedTuple):
    """An expected delivery as Track123 gave it."""

    start: datetime | None
    end: datetime | None
    all_day: bool = False


NO_WINDOW = Window(None, None)


def _user_label(_detail: Any, label: str | None) -> str | None:
    """Return the user's label: the kind keeps none at Track123."""
    return label


def _none(_detail: Any) -> None:
    """Return None: the kind has no such value."""


def _newest(_old: Any, new: Any) -> Any:
    """Keep the newest detail as it is."""
    return new


@dataclass(frozen=True, kw_only=True, slots=True)
class KindSpec[D: ShipmentDetail]:
    """What one kind of shipment needs: its model, statuses, attributes and calls."""

    kind: ShipmentKind
    detail_type: type[D]
    status_enum: type[Enum]
    delivered_state: str
    # Status option -> what it means to a user (see the CATEGORY_ constants).
    categories: Mapping[str, str]
    number: Callable[[D], str]
    carrier: Callable[[D], str | None]
    status: Callable[[D], Enum]
    # The attributes of a detail and label, with at most so many events (None: all).
    attributes: Callable[[D, str | None, int | None], dict[str, Any]]
    expected: Callable[[D], Window]
    # When a delivered shipment was delivered, given its status option.
    delivered_at: Callable[[D, str | None], datetime | None]
    register: Callable[[Track123Client, NewShipment], Awaitable[ImportResult]]
    query_added: Callable[
        [Track123Client, Sequence[AddedShipment]], Awaitable[QueryResult[D]]
    ]
    query_window: Callable[
        [Track123Client, datetime, datetime], Awaitable[tuple[D, ...]]
    ]
    # Stops tracking at Track123; the answer's rejected entries say why it refused.
    delete: Callable[[Track123Client, Shipment], Awaitable[ImportResult]]
    # Moves a shipment to another carrier at Track123 (raises when refused).
    change_carrier: Callable[[Track123Client, Shipment, str], Awaitable[None]]
    # Asks Track123 to fetch a shipment again: each number at most once in 6 hours.
    retrack: Callable[[Track123Client, Shipment, Recipient], Awaitable[ImportResult]]
    list_carriers: Callable[[Track123Client], Awaitable[tuple[Courier, ...]]]
    # Writes the user's label where Track123 keeps one for the kind (so that it
    # survives a reinstall) and returns the detail as it now is; None: the label
    # lives in Home Assistant only.
    update_label: Callable[[Track123Client, D, str | None], Awaitable[D]] | None = None
    # How Track123 addresses a shipment besides its number (the ocean number type).
    number_type: Callable[[D], int | None] = _none
    # The kind takes a number type (booking, bill of lading, container).
    takes_number_type: bool = False
    # The kind takes a recipient's postal code and phone suffix (see Recipient).
    takes_recipient: bool = False
    sub_status: Callable[[D], str | None] = _none
    # The label shown: the user's, else what Track123 keeps for the shipment.
    label: Callable[[D, str | None], str | None] = _user_label
    # The time Track123 last updated the shipment, where the kind has one.
    updated_at: Callable[[D], datetime | None] = _none
    # The detail to show when ``new`` arrives after ``old``.
    keep_last_known: Callable[[D, D], D] = _newest
    detects_carrier: bool = False
    # Track123 pushes updates of this kind by webhook (its type "Parcel").
    pushed: bool = False
    description: ShipmentSensorDescription = field(init=False)

    def __post_init__(self) -> None:
        """Describe the kind's sensors from its statuses."""
        object.__setattr__(
            self, "description", _description(self.kind, enum_options(self.status_enum))
        )

    @property
    def options(self) -> list[str]:
        """Return the statuses a sensor of this kind can show."""
        return self.description.options or []

    def build(
        self, detail: D, label: str | None = None, key: str | None = None
    ) -> Shipment:
        """Return the view of a shipment of this kind, under ``key`` if given."""
        status = option(self.status(detail))
        window = self.expected(detail)
        return Shipment(
            spec=self,
            key=key or self.key(detail),
            number=self.number(detail),
            carrier=self.carrier(detail),
            status=status,
            label=self.label(detail, label),
            delivered_at=self.delivered_at(detail, status),
            expected_start=window.start,
            expected_end=window.end,
            detail=detail,
            expected_all_day=window.all_day,
        )

    def key(self, detail: D) -> str:
        """Return the stable identity of a shipment's detail: kind and number."""
        return shipment_key(self.kind, self.number(detail))

    def is_stale(self, new: D, old: D) -> bool:
        """Return True when ``new`` is an older answer than the ``old`` one shown.

        Compared by the last event's time, then by when Track123 last tracked it.
        Another carrier (a correction) starts a new timeline, whose events may be
        older; but an answer that lost the carrier shown, or that Track123 tracked
        before the one shown, is a lagging copy, not a correction.
        """
        new_time, old_time = self.updated_at(new), self.updated_at(old)
        tracked_before = (
            new_time is not None and old_time is not None and new_time < old_time
        )
        old_carrier, new_carrier = self.carrier(old), self.carrier(new)
        if old_carrier is not None and new_carrier != old_carrier:
            return new_carrier is None or tracked_before
        if new.last_event is None and old.last_event is not None:
            return True  # an answer from before the first event
        new_event, old_event = _last_event_time(new), _last_event_time(old)
        if new_event is not None and old_event is not None and new_event != old_event:
            return new_event < old_event
        return tracked_before

    def category(self, status: str | None) -> str | None:
        """Return what a status means to a user, if anything."""
        return None if status is None else self.categories.get(status)


def _last_event_time(detail: Any) -> datetime | None:
    """Return the time of a shipment's last event, if known."""
    last = detail.last_event
    return last.time if last is not None else None


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
    client: Track123Client, added: Sequence[AddedShipment]
) -> QueryResult[Parcel]:
    """Query parcels by number."""
    return await client.query_parcels([shipment.number for shipment in added])


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
    client: Track123Client, added: Sequence[AddedShipment]
) -> QueryResult[OceanShipment]:
    """Query ocean shipments by number and number type."""
    return await client.query_ocean(
        [ocean_key(s.number, s.number_type, s.carrier) for s in added]
    )


OCEAN: KindSpec[OceanShipment] = KindSpec(
    kind=ShipmentKind.OCEAN,
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
    client: Track123Client, added: Sequence[AddedShipment]
) -> QueryResult[AirShipment]:
    """Query air waybills by number."""
    return await client.query_air([shipment.number for shipment in added])


AIR: KindSpec[AirShipment] = KindSpec(
    kind=ShipmentKind.AIR,
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
