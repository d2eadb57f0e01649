"""The shape of an entry of the kind table: what one kind of shipment needs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
import re
from typing import Any, NamedTuple, Protocol

from homeassistant.components.sensor import SensorDeviceClass, SensorEntityDescription
from homeassistant.components.sensor.const import ATTR_OPTIONS

from .api import Courier, ImportResult, QueryResult, QueryStatus, Track123Client
from .const import ShipmentKind
from .kind_calls import Recipient
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
        capabilities={ATTR_OPTIONS: options},
    )


class QueryAdded[D](Protocol):
    """Queries shipments of a kind by number."""

    def __call__(
        self,
        client: Track123Client,
        added: Sequence[AddedShipment],
        /,
        *,
        poll: bool = True,
    ) -> Awaitable[QueryResult[D]]:
        """Return what Track123 knows of the shipments."""


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
    # The attributes of a detail and label: the sensor's, or (True) every detail
    # with the whole history.
    attributes: Callable[[D, str | None, bool], dict[str, Any]]
    expected: Callable[[D], Window]
    # When a delivered shipment was delivered, given its status option.
    delivered_at: Callable[[D, str | None], datetime | None]
    register: Callable[[Track123Client, NewShipment], Awaitable[ImportResult]]
    # Queries shipments added from Home Assistant by number; ``poll=False`` for a
    # one-off query between polls (see the client's ``query_parcels``).
    query_added: QueryAdded[D]
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
    # The shape a number of this kind has, where only this kind's numbers have it.
    number_shape: re.Pattern[str] | None = None
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
        return Shipment(
            spec=self,
            key=key or self.key(detail),
            status=option(self.status(detail)),
            label=self.label(detail, label),
            detail=detail,
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

    def is_coming(self, status: str | None) -> bool:
        """Return False for a status after which nothing is delivered any more.

        Delivered, or a problem (an exception, or on its way back to the sender).
        """
        return status != self.delivered_state and self.category(status) not in (
            CATEGORY_DELIVERED,
            CATEGORY_EXCEPTION,
        )


def _last_event_time(detail: Any) -> datetime | None:
    """Return the time of a shipment's last event, if known."""
    last = detail.last_event
    return last.time if last is not None else None
