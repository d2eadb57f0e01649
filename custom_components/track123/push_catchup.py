"""Catch-up queries: what a push cannot bring as data is asked of Track123.

A push validly signed but outside the freshness window (a retry of a push Home
Assistant missed, which Track123 may send with its original timestamp), or one
whose signature was already used, cannot be trusted as data: the signature does
not cover the body. It still says which number changed. Such numbers are
collected for ``COLLECT_FOR`` and queried in one call; the answers are applied
like pushes (``async_apply_pushed``: an answer older than what is shown changes
nothing, and the events fire once).

Anyone holding one old signed pair can post such calls, so:

- only numbers shown here or added from Home Assistant, of a kind the entry
  tracks, are queried (a new shipment comes with the next poll);
- a number is queried at most once per ``NUMBER_INTERVAL``: a request within it
  waits for its end, it is not dropped;
- the client's rate limiter paces the requests.

The body's tracking is kept as a claim and never shown. When Track123 answers
with something older than the claim (a replica lagging behind the push), or
the query fails, the number is asked again after ``NUMBER_INTERVAL``, at most
``MAX_TRIES`` times in all; after that the poll, the safety net, brings it.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_call_later
from homeassistant.util import dt as dt_util

from .api import Track123Error
from .const import LOGGER, ShipmentKind
from .coordinator import Track123ConfigEntry, Track123Coordinator
from .kinds import KINDS, KindSpec, spec_of
from .shipment import ShipmentDetail
from .store import AddedShipment

COLLECT_FOR: Final = timedelta(seconds=5)
NUMBER_INTERVAL: Final = timedelta(minutes=5)
MAX_TRIES: Final = 3


@dataclass(slots=True)
class _Wanted:
    """A number to ask Track123 for: what the push claimed, and from when."""

    claim: ShipmentDetail
    not_before: datetime
    tries: int = 0


class PushCatchUp:
    """Query Track123 for the numbers of pushes that could not be applied."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: Track123ConfigEntry,
        coordinator: Track123Coordinator,
    ) -> None:
        """Catch up for one config entry."""
        self._hass = hass
        self._entry = entry
        self._coordinator = coordinator
        # Shipment key -> what to ask; key -> when it was last asked.
        self._wanted: dict[str, _Wanted] = {}
        self._asked: dict[str, datetime] = {}
        self._unsub_timer: CALLBACK_TYPE | None = None
        self._timer_at: datetime | None = None
        self._running = False
        self._closed = False

    @callback
    def async_request(self, claim: ShipmentDetail) -> bool:
        """Ask Track123 for the number of ``claim`` soon; False when not tracked here."""
        spec = spec_of(claim)
        if self._closed or not self._tracked(spec, spec.number(claim)):
            return False
        key = spec.key(claim)
        now = dt_util.utcnow()
        wanted = self._wanted.get(key)
        if wanted is None:
            self._wanted[key] = _Wanted(claim, self._allowed_from(key, now))
        elif not spec.is_stale(claim, wanted.claim):
            wanted.claim = claim
        self._schedule(now)
        return True

    @callback
    def async_close(self) -> None:
        """Stop: nothing more is asked (the entry unloads)."""
        self._closed = True
        self._wanted.clear()
        if self._unsub_timer is not None:
            self._unsub_timer()
            self._unsub_timer = None

    def _tracked(self, spec: KindSpec[Any], number: str) -> bool:
        """Return True for a number shown here or added from Home Assistant."""
        coordinator = self._coordinator
        if spec.kind not in coordinator.kinds:
            return False
        shown = (coordinator.data or {}).values()
        return any(s.kind is spec.kind and s.number == number for s in shown) or any(
            a.kind is spec.kind and a.number == number for a in coordinator.store.added
        )

    def _allowed_from(self, key: str, now: datetime) -> datetime:
        """Return when a number may be asked: now, or once its interval is over."""
        asked = self._asked.get(key)
        return now if asked is None else max(now, asked + NUMBER_INTERVAL)

    @callback
    def _schedule(self, now: datetime) -> None:
        """Run the next query once numbers are collected and allowed.

        A timer already set to fire earlier stays: numbers that come meanwhile
        join that query.
        """
        if self._closed or self._running or not self._wanted:
            return
        allowed = min(wanted.not_before for wanted in self._wanted.values())
        when = max(allowed, now + COLLECT_FOR)
        if self._unsub_timer is not None:
            if self._timer_at is not None and self._timer_at <= when:
                return
            self._unsub_timer()
        self._timer_at = when
        self._unsub_timer = async_call_later(
            self._hass, (when - now).total_seconds(), self._async_due
        )

    @callback
    def _async_due(self, _now: datetime) -> None:
        """Start the query of every number due."""
        self._unsub_timer = self._timer_at = None
        self._running = True
        self._entry.async_create_background_task(
            self._hass, self._async_run(), "track123 push catch-up"
        )

    async def _async_run(self) -> None:
        """Query the numbers due, kind by kind; then wait for the next ones."""
        try:
            now = dt_util.utcnow()
            due: dict[ShipmentKind, list[_Wanted]] = defaultdict(list)
            for key, wanted in list(self._wanted.items()):
                if wanted.not_before <= now:
                    del self._wanted[key]
                    self._asked[key] = now
                    due[spec_of(wanted.claim).kind].append(wanted)
            for kind, wanted_of_kind in due.items():
                await self._async_query(KINDS[kind], wanted_of_kind, now)
            self._asked = {
                key: asked
                for key, asked in self._asked.items()
                if asked + NUMBER_INTERVAL > now
            }
        finally:
            self._running = False
            self._schedule(dt_util.utcnow())

    async def _async_query(
        self, spec: KindSpec[Any], wanted: list[_Wanted], now: datetime
    ) -> None:
        """Ask Track123 for some numbers of one kind in one call; apply the answers."""
        numbers = [
            AddedShipment(kind=spec.kind, number=spec.number(w.claim)) for w in wanted
        ]
        try:
            result = await spec.query_added(
                self._coordinator.client, numbers, poll=False
            )
        except Track123Error as err:
            LOGGER.warning(
                "Could not ask Track123 for %s pushed shipments (%s); asking again "
                "in %s minutes",
                len(numbers),
                err.code or type(err).__name__,
                int(NUMBER_INTERVAL.total_seconds() // 60),
            )
            for item in wanted:
                self._again(spec, item, now)
            return
        answers: dict[str, list[Any]] = defaultdict(list)
        for detail in result.items:
            await self._coordinator.async_apply_pushed(detail)
            answers[spec.number(detail)].append(detail)
        for item in wanted:
            got = answers.get(spec.number(item.claim))
            if got and all(spec.is_stale(answer, item.claim) for answer in got):
                # Track123 answered with less than it pushed: a lagging replica.
                self._again(spec, item, now)

    def _again(self, spec: KindSpec[Any], wanted: _Wanted, now: datetime) -> None:
        """Ask for a number once more after the interval, unless tried enough."""
        if wanted.tries + 1 >= MAX_TRIES:
            LOGGER.debug("Gave up catching up a pushed shipment; the poll brings it")
            return
        self._wanted.setdefault(
            spec.key(wanted.claim),
            _Wanted(wanted.claim, now + NUMBER_INTERVAL, wanted.tries + 1),
        )
