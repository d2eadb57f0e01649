"""Polls Track123 for every tracked shipment."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.update_coordinator import (
    TimestampDataUpdateCoordinator,
    UpdateFailed,
)
from homeassistant.util import dt as dt_util

from .api import (
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
from .events import PendingEvent, StatusEvents
from .history_cache import Histories
from .kinds import KINDS, KindSpec, spec_of
from .merge import ShipmentMerger, Shipments
from .shipment import Shipment, ShipmentDetail
from .store import ShipmentStore

type Track123ConfigEntry = ConfigEntry[Track123RuntimeData]

QUOTA_ISSUE_ID = "quota_exhausted_{entry_id}"
# A0200 is named USER_LOGIN_ERROR but described "Server error.": taken as a
# server error, unless it persists this many polls in a row (an hour and a half at
# the default interval, longer than Track123's transient errors have lasted in
# the soak test's model of them): then the key is more likely wrong than the server.
AMBIGUOUS_AUTH_POLLS = 3


@dataclass(kw_only=True, slots=True)
class Track123RuntimeData:
    """What a loaded config entry holds."""

    client: Track123Client
    coordinator: Track123Coordinator
    store: ShipmentStore
    events: StatusEvents
    histories: Histories = field(default_factory=Histories)


class Track123Coordinator(TimestampDataUpdateCoordinator[Shipments]):
    """Fetch every tracked shipment with as few requests as the API allows.

    The coordinator polls at the configured interval. Kinds Track123 pushes
    (parcels, with the webhook on) are polled at ``pushed_interval`` instead, on the
    polls that fall due: the others keep the configured interval.
    """

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
        self._pending_events: list[PendingEvent] = []
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
        # How often kinds Track123 pushes are polled; None: like every other kind.
        self.pushed_interval: timedelta | None = None
        self._polled_at: dict[ShipmentKind, datetime] = {}
        self._poll_everything = False
        self._ambiguous_failures = 0
        self._refresh_listeners: list[Callable[[], None]] = []
        self._merger = ShipmentMerger(store, self.retention)

    @property
    def specs(self) -> list[KindSpec[Any]]:
        """Return the kind table's entries of the enabled kinds."""
        return [spec for kind, spec in KINDS.items() if kind in self.kinds]

    @callback
    def async_add_refresh_listener(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        """Call ``listener`` after every successful refresh, changed or not."""
        self._refresh_listeners.append(listener)
        return lambda: self._refresh_listeners.remove(listener)

    async def async_request_full_refresh(self) -> None:
        """Ask for every kind now, pushed ones included (the refresh action)."""
        self._poll_everything = True
        await self.async_request_refresh()

    async def _async_update_data(self) -> Shipments:
        """Fetch the shipments and keep what the user should see."""
        due = self._due_specs()
        try:
            details = await self._async_fetch(due)
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
            self._ambiguous_failures = (
                self._ambiguous_failures + 1 if err.ambiguous_auth else 0
            )
            if self._ambiguous_failures >= AMBIGUOUS_AUTH_POLLS:
                self._ambiguous_failures = 0
                raise ConfigEntryAuthFailed(
                    translation_domain=DOMAIN, translation_key="auth_failed"
                ) from err
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="update_failed",
                translation_placeholders={"error": str(err)},
            ) from err
        self._ambiguous_failures = 0
        ir.async_delete_issue(
            self.hass,
            DOMAIN,
            QUOTA_ISSUE_ID.format(entry_id=self.config_entry.entry_id),
        )
        now = dt_util.utcnow()
        for spec in due:
            self._polled_at[spec.kind] = now
        self._poll_everything = False
        # A push waits here, not while the poll waits for Track123; the data is
        # assigned when this returns, before a waiting push can run.
        async with self._push_lock:
            shipments = self._merger.merge(
                self.data or {}, details, remember=True, carried=self._carried(due)
            )
            self._pending_events.extend(await self.events.async_collect(shipments))
        return shipments

    @callback
    def _async_refresh_finished(self) -> None:
        """Note the time, tell the refresh listeners, fire the refresh's events.

        Called before the entities are updated: the events are fired on the next
        turn of the loop, so that automations they trigger read the new states.
        """
        super()._async_refresh_finished()
        if not self.last_update_success:
            return
        for listener in list(self._refresh_listeners):
            listener()
        self.hass.loop.call_soon(self._async_fire_pending_events)

    @callback
    def async_entities_added(self) -> None:
        """Fire, now that the entities exist, the events of the first refresh."""
        self._entities_added = True
        self._async_fire_pending_events()

    @callback
    def _async_fire_pending_events(self) -> None:
        """Fire the events collected so far, once."""
        if not self._entities_added:
            return
        events, self._pending_events = self._pending_events, []
        self.events.fire(events)

    @callback
    def async_set_shipment(self, detail: ShipmentDetail) -> None:
        """Show a shipment just added, without waiting for the next poll.

        Like a push, an answer older than what is shown changes nothing.
        """
        shipments = self._merger.merge(self.data, [detail], carried=self.data.values())
        if shipments != self.data:
            self.async_set_updated_data(shipments)

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
        """Serialise merging polls and pushed updates, so neither undoes the other."""
        return asyncio.Lock()

    async def async_apply_pushed(self, detail: ShipmentDetail) -> bool:
        """Apply one shipment Track123 pushed: its state and its events, at once.

        Return False when the shipment is not shown here: a kind not enabled, or,
        in the scope "added", a number not added from Home Assistant. Events are
        collected as after a poll, so a status is announced once, whether a push
        or a poll sees it first. An update older than the one shown is ignored.
        The poll schedule is left alone: polling stays the safety net.
        """
        spec = spec_of(detail)
        async with self._push_lock:
            previous = self.data or {}
            key = spec.key(detail)
            if key not in previous and not self._accepts_pushed(spec, detail):
                return False
            shipments = self._merger.merge(
                previous, [detail], carried=previous.values()
            )
            if shipments == previous:
                return True
            self._pending_events.extend(await self.events.async_collect(shipments))
            self.data = shipments
        self.async_update_listeners()
        # Entities first, then the events.
        self._async_fire_pending_events()
        return True

    def _accepts_pushed(self, spec: KindSpec[Any], detail: ShipmentDetail) -> bool:
        """Return True when a pushed shipment not shown yet belongs here."""
        if spec.kind not in self.kinds:
            return False
        number = spec.number(detail)
        return self.scope is Scope.ACCOUNT or any(
            added.kind is spec.kind and added.number == number
            for added in self.store.added
        )

    def _due_specs(self) -> list[KindSpec[Any]]:
        """Return the enabled kinds this poll fetches.

        A pushed kind is fetched when its own, longer interval has (about) passed;
        half a poll interval of slack absorbs the timer's jitter.
        """
        interval, slow = self.update_interval, self.pushed_interval
        now = dt_util.utcnow()
        due = []
        for spec in self.specs:
            polled = self._polled_at.get(spec.kind)
            if (
                self._poll_everything
                or slow is None
                or interval is None
                or not spec.pushed
                or polled is None
                or now + interval / 2 >= polled + slow
            ):
                due.append(spec)
        return due

    def _carried(self, due: list[KindSpec[Any]]) -> list[Shipment]:
        """Return the shipments shown of the kinds this poll does not fetch."""
        fetched = {spec.kind for spec in due}
        return [
            shipment
            for shipment in (self.data or {}).values()
            if shipment.kind in self.kinds and shipment.kind not in fetched
        ]

    async def _async_fetch(self, due: list[KindSpec[Any]]) -> list[ShipmentDetail]:
        """Fetch every shipment of the due kinds in the chosen scope."""
        details: list[ShipmentDetail] = []
        if self.scope is Scope.ACCOUNT:
            now = dt_util.utcnow()
            start, end = now - ACCOUNT_WINDOW, now + timedelta(days=1)
            for spec in due:
                details.extend(await spec.query_window(self.client, start, end))
            return details
        added = self.store.added
        for spec in due:
            if numbers := [s for s in added if s.kind is spec.kind]:
                answer = await spec.query_added(self.client, numbers, poll=True)
                details.extend(answer.items)
        return details

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
