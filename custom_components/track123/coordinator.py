"""Polls Track123 for every tracked shipment."""

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cached_property, partial
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from .api import (
    AirShipment,
    OceanImport,
    OceanNumberType,
    Parcel,
    Track123AuthenticationError,
    Track123Client,
    Track123Error,
    Track123QuotaExhaustedError,
    Track123RateLimitError,
)
from .const import (
    ACCOUNT_WINDOW,
    CONF_DELIVERED_RETENTION_DAYS,
    CONF_KINDS,
    CONF_SCAN_INTERVAL,
    CONF_SCOPE,
    DEFAULT_DELIVERED_RETENTION_DAYS,
    DEFAULT_KINDS,
    DEFAULT_SCAN_INTERVAL_MINUTES,
    DEFAULT_SCOPE,
    DOMAIN,
    LOGGER,
    Scope,
    ShipmentKind,
)
from .events import StatusEvents
from .listeners import ShipmentListeners
from .shipment import (
    DEGRADED_QUERY_STATUSES,
    Shipment,
    ShipmentDetail,
    build,
    detail_key,
    resolve_label,
)
from .store import ShipmentStore

type Track123ConfigEntry = ConfigEntry[Track123RuntimeData]
type Shipments = dict[str, Shipment]
# What a poll merged, by the identity of the model the client returned: the model
# itself (kept, so its id stays unique), the shipment's key and the shipment built.
type _Merged = dict[int, tuple[ShipmentDetail, str, Shipment]]

QUOTA_ISSUE_ID = "quota_exhausted_{entry_id}"


@dataclass(kw_only=True, slots=True)
class Track123RuntimeData:
    """What a loaded config entry holds."""

    client: Track123Client
    coordinator: Track123Coordinator
    store: ShipmentStore
    events: StatusEvents


class Track123Coordinator(DataUpdateCoordinator[Shipments]):
    """Fetch every tracked shipment with as few requests as the API allows."""

    config_entry: Track123ConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: Track123ConfigEntry,
        client: Track123Client,
        store: ShipmentStore,
        events: StatusEvents,
    ) -> None:
        """Create the coordinator of one config entry."""
        options = entry.options
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=DOMAIN,
            update_interval=timedelta(
                minutes=options.get(CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL_MINUTES)
            ),
            always_update=False,
        )
        self.client = client
        self.store = store
        self.events = events
        self._pending_events: list[tuple[str, dict[str, Any]]] = []
        # Events wait until the entities exist, so that automations read new states.
        self._entities_added = False
        self.kinds = {
            ShipmentKind(kind) for kind in options.get(CONF_KINDS, DEFAULT_KINDS)
        }
        self.scope = Scope(options.get(CONF_SCOPE, DEFAULT_SCOPE))
        self.retention = timedelta(
            days=options.get(
                CONF_DELIVERED_RETENTION_DAYS, DEFAULT_DELIVERED_RETENTION_DAYS
            )
        )
        self.last_refresh: datetime | None = None
        self._refresh_listeners: list[Callable[[], None]] = []
        self._shipment_listeners = ShipmentListeners(LOGGER)
        # The data and availability the listeners were last told about.
        self._notified: tuple[Shipments | None, bool] | None = None
        # The last poll's merge, and the labels' revision it used.
        self._merged: _Merged = {}
        self._merged_labels = -1

    @callback
    def async_add_refresh_listener(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        """Call ``listener`` after every successful refresh, changed or not."""
        self._refresh_listeners.append(listener)
        return lambda: self._refresh_listeners.remove(listener)

    async def _async_update_data(self) -> Shipments:
        """Fetch the shipments and keep what the user should see."""
        try:
            details = await self._async_fetch()
        except Track123AuthenticationError as err:
            raise ConfigEntryAuthFailed(
                translation_domain=DOMAIN, translation_key="auth_failed"
            ) from err
        except Track123RateLimitError as err:
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="rate_limited",
                retry_after=err.retry_after,
            ) from err
        except Track123QuotaExhaustedError as err:
            self._async_raise_quota_issue()
            raise UpdateFailed(
                translation_domain=DOMAIN, translation_key="quota_exhausted"
            ) from err
        except Track123Error as err:
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="update_failed",
                translation_placeholders={"error": str(err)},
            ) from err
        ir.async_delete_issue(
            self.hass,
            DOMAIN,
            QUOTA_ISSUE_ID.format(entry_id=self.config_entry.entry_id),
        )
        shipments = self._merge(details, remember=True)
        self._pending_events = await self.events.async_collect(shipments)
        if shipments == self.data:
            # Unchanged data notifies no listener: nothing else would fire them.
            self._async_fire_pending_events()
        self.last_refresh = dt_util.utcnow()
        for listener in list(self._refresh_listeners):
            listener()
        return shipments

    @callback
    def async_add_listener(
        self, update_callback: CALLBACK_TYPE, context: Any = None
    ) -> Callable[[], None]:
        """Listen for data updates; ``context`` is the key of the shipment shown.

        A shipment's listener is kept only here, to be called when that shipment
        changes; the others (summaries, calendar, the sensor manager, which lives as
        long as the entry and so keeps the polls scheduled) are the base class's too.
        """
        removal = self._shipment_listeners.add(update_callback, context)
        if context is not None:
            return removal
        return partial(
            self._async_remove_listener,
            super().async_add_listener(update_callback),
            removal,
        )

    @staticmethod
    @callback
    def _async_remove_listener(*removals: CALLBACK_TYPE) -> None:
        """Stop calling a listener of every change."""
        for remove in removals:
            remove()

    @callback
    def async_update_listeners(self) -> None:
        """Update the entities, then fire the events of the refresh.

        Only the entities of shipments that changed are called, unless the
        availability of every entity changed. Automations triggered by an event
        then read the new states.
        """
        data, success = self.data, self.last_update_success
        notified = self._notified
        if notified is None or notified[0] is None or notified[1] != success:
            super().async_update_listeners()
            self._shipment_listeners.notify_shipments()
        else:
            before = notified[0]
            changed = {key for key, new in data.items() if before.get(key) is not new}
            changed.update(before.keys() - data.keys())
            self._shipment_listeners.notify(changed)
        self._notified = (data, success)
        self._async_fire_pending_events()

    @callback
    def async_entities_added(self) -> None:
        """Fire, now that the entities exist, the events of the first refresh."""
        self._entities_added = True
        self._async_fire_pending_events()

    @callback
    def _async_fire_pending_events(self) -> None:
        """Fire the events collected by the last refresh, once."""
        if not self._entities_added:
            return
        events, self._pending_events = self._pending_events, []
        self.events.fire(events)

    @callback
    def async_set_shipment(self, detail: ShipmentDetail) -> Shipment:
        """Show a shipment just added, without waiting for the next poll."""
        shipment = build(detail, self._label(detail))
        self.async_set_updated_data({**self.data, shipment.key: shipment})
        return shipment

    @callback
    def async_forget_shipment(self, key: str) -> None:
        """Stop showing a shipment just removed."""
        if key in self.data:
            self.async_set_updated_data(
                {
                    other: shipment
                    for other, shipment in self.data.items()
                    if other != key
                }
            )

    @cached_property
    def device_info(self) -> DeviceInfo:
        """Return the account's service device, one object all entities share."""
        entry = self.config_entry
        return DeviceInfo(
            identifiers={(DOMAIN, entry.entry_id)},
            entry_type=DeviceEntryType.SERVICE,
            manufacturer="Track123",
            name=entry.title,
            configuration_url="https://www.track123.com",
        )

    @cached_property
    def _push_lock(self) -> asyncio.Lock:
        """Serialise polls and pushed updates, so an older poll cannot undo a push."""
        return asyncio.Lock()

    async def _async_refresh(self, *args: Any, **kwargs: Any) -> None:
        """Poll, never while a pushed update is being applied."""
        async with self._push_lock:
            await super()._async_refresh(*args, **kwargs)

    async def async_apply_pushed(self, detail: ShipmentDetail) -> bool:
        """Apply one shipment Track123 pushed: its state and its events, at once.

        Return False when the shipment is not shown here: a kind not enabled, or,
        in the scope "added", a number not added from Home Assistant. Events are
        collected as after a poll, so a status is announced once, whether a push
        or a poll sees it first. An update older than the one shown is ignored.
        The poll schedule is left alone: polling stays the safety net.
        """
        async with self._push_lock:
            previous = self.data or {}
            key = detail_key(detail)
            old = previous.get(key)
            if old is None and not self._accepts_pushed(detail):
                return False
            if old is not None and self._is_older(detail, old.detail):
                return True
            merged = self._merge([detail])
            shipments = {**previous, **merged}
            if key not in merged:  # delivered longer ago than the retention
                shipments.pop(key, None)
            if shipments == previous:
                return True
            self._pending_events.extend(await self.events.async_collect(shipments))
            self.data = shipments
            # Entities first, then the events (see async_update_listeners).
            self.async_update_listeners()
            return True

    def _accepts_pushed(self, detail: ShipmentDetail) -> bool:
        """Return True when a pushed shipment not shown yet belongs here."""
        if isinstance(detail, Parcel):
            kind, number = ShipmentKind.PARCEL, detail.track_no
        elif isinstance(detail, AirShipment):
            kind, number = ShipmentKind.AIR, detail.awb
        else:
            kind, number = ShipmentKind.OCEAN, detail.tracking_no
        if kind not in self.kinds:
            return False
        return self.scope is Scope.ACCOUNT or any(
            added.kind is kind and added.number == number for added in self.store.added
        )

    @staticmethod
    def _is_older(new: ShipmentDetail, old: ShipmentDetail) -> bool:
        """Return True when ``new`` is a parcel update older than ``old``."""
        return (
            isinstance(new, Parcel)
            and isinstance(old, Parcel)
            and new.last_tracking_time is not None
            and old.last_tracking_time is not None
            and new.last_tracking_time < old.last_tracking_time
        )

    async def _async_fetch(self) -> list[ShipmentDetail]:
        """Fetch every shipment of the enabled kinds in the chosen scope."""
        details: list[ShipmentDetail] = []
        if self.scope is Scope.ACCOUNT:
            now = dt_util.utcnow()
            start, end = now - ACCOUNT_WINDOW, now + timedelta(days=1)
            if ShipmentKind.PARCEL in self.kinds:
                details.extend(await self.client.query_all_parcels(start, end))
            if ShipmentKind.OCEAN in self.kinds:
                details.extend(await self.client.query_all_ocean(start, end))
            if ShipmentKind.AIR in self.kinds:
                details.extend(await self.client.query_all_air(start, end))
            return details
        added = self.store.added
        if ShipmentKind.PARCEL in self.kinds and (
            numbers := [s.number for s in added if s.kind is ShipmentKind.PARCEL]
        ):
            details.extend((await self.client.query_parcels(numbers)).items)
        if ShipmentKind.OCEAN in self.kinds and (
            ocean := [
                OceanImport(
                    s.number, OceanNumberType.parse(s.number_type or 3), s.carrier
                )
                for s in added
                if s.kind is ShipmentKind.OCEAN
            ]
        ):
            details.extend((await self.client.query_ocean(ocean)).items)
        if ShipmentKind.AIR in self.kinds and (
            awbs := [s.number for s in added if s.kind is ShipmentKind.AIR]
        ):
            details.extend((await self.client.query_air(awbs)).items)
        return details

    def _merge(
        self, details: Iterable[ShipmentDetail], *, remember: bool = False
    ) -> Shipments:
        """Build the new shipments, reusing unchanged ones and dropping expired ones.

        The client returns the very model of a tracking that did not change; while
        the labels are unchanged too, its shipment is the one built before. With
        ``remember`` (a poll), this merge is kept for the next one.
        """
        previous = self.data or {}
        # Delivered before this moment: longer ago than the retention.
        cutoff = dt_util.utcnow() - self.retention
        labels = self.store.labels_revision
        known = self._merged if labels == self._merged_labels else {}
        merged: _Merged = {}
        shipments: Shipments = {}
        for new in details:
            ident = id(new)
            seen = known.get(ident)
            if seen is not None and seen[0] is new and previous.get(seen[1]) is seen[2]:
                _, key, shipment = seen
            else:
                key, shipment = self._merge_one(previous, new)
            merged[ident] = (new, key, shipment)
            if (
                shipment.delivered_at is not None
                and shipment.delivered_at < cutoff
                and shipment.is_delivered
            ):
                continue
            shipments[key] = shipment
        if remember:
            self._merged, self._merged_labels = merged, labels
        return shipments

    def _merge_one(
        self, previous: Shipments, new: ShipmentDetail
    ) -> tuple[str, Shipment]:
        """Return the key and shipment of one detail, reusing an unchanged shipment."""
        key = detail_key(new)
        label = resolve_label(new, self._label(new))
        old = previous.get(key)
        detail = new if old is None else self._keep_last_known(old.detail, new)
        if (
            old is not None
            and (old.detail is detail or old.detail == detail)
            and old.label == label
        ):
            # Unchanged: keep the shipment already built.
            return key, old
        return key, build(detail, label)

    def _label(self, detail: ShipmentDetail) -> str | None:
        """Return the label the user gave a shipment in Home Assistant."""
        if isinstance(detail, Parcel):
            return self.store.label_for(ShipmentKind.PARCEL, detail.track_no)
        if isinstance(detail, AirShipment):
            return self.store.label_for(ShipmentKind.AIR, detail.awb)
        return self.store.label_for(ShipmentKind.OCEAN, detail.tracking_no)

    @staticmethod
    def _keep_last_known(old: ShipmentDetail, new: ShipmentDetail) -> ShipmentDetail:
        """Keep the last known data while Track123 cannot reach the carrier."""
        if (
            isinstance(new, Parcel)
            and isinstance(old, Parcel)
            and new.query_status in DEGRADED_QUERY_STATUSES
        ):
            return replace(old, query_status=new.query_status)
        return new

    @callback
    def _async_raise_quota_issue(self) -> None:
        """Tell the user the Track123 quota is used up."""
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            QUOTA_ISSUE_ID.format(entry_id=self.config_entry.entry_id),
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key="quota_exhausted",
            translation_placeholders={"title": self.config_entry.title},
        )
