"""Webhook pushes: a parcel update POSTed to a URL, with Track123's retry schedule.

Whenever a parcel's visible status (transit status and sub-status) changes on the
simulated clock, a delivery is queued with the parcel as of that moment. Nothing
is sent until something calls :meth:`WebhookDispatcher.deliver_due` (the server's
background task, a control route, or a test), so tests drive pushes step by step.

The body is signed with a wall-clock timestamp (seconds since the epoch, or
milliseconds with the realism switch ``ms_timestamps``) and
``hex(HMAC-SHA256(key=api_key, msg=timestamp))`` or, with the form ``sha256``,
``hex(SHA256(api_key + timestamp))``.

An attempt that does not get a 2xx answer is retried at ``RETRY_DELAYS`` after the
first attempt on the simulated clock; then the delivery is dropped. By default every
retry is signed afresh and there are seven retries after the first attempt. With the
realism switch ``retry_original`` a retry re-sends the first attempt's bytes (same
timestamp and signature), and there are seven attempts in all, as Track123 documents.
With ``stale_reads``, the first attempt leaves the parcel's next query answering the
state from before the pushed change.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
import hashlib
import hmac
import json
import time
from typing import TYPE_CHECKING, Any, Literal

import aiohttp

from .payloads import parcel_payload

if TYPE_CHECKING:
    from .state import SimulatorState

# Seconds after the first attempt of retries 1 to 7 (of attempts 1 to 7 with
# ``retry_original``, as Track123's table counts them).
RETRY_DELAYS: tuple[int, ...] = (0, 600, 1800, 3600, 14400, 43200, 129600)
# Before the newest change: what a stale read answers as of.
STALE_BY = timedelta(seconds=1)
ATTEMPT_TIMEOUT = aiohttp.ClientTimeout(total=10)
type SignatureForm = Literal["hmac", "sha256"]
SIGNATURE_FORMS: tuple[SignatureForm, ...] = ("hmac", "sha256")


def sign(key: str, timestamp: str, form: SignatureForm = "hmac") -> str:
    """Return the signature of ``timestamp`` with ``key`` in the given form."""
    if form == "hmac":
        return hmac.new(key.encode(), timestamp.encode(), hashlib.sha256).hexdigest()
    return hashlib.sha256((key + timestamp).encode()).hexdigest()


def wall_clock_ms() -> str:
    """Return the current wall-clock time in milliseconds since the epoch."""
    return str(int(time.time() * 1000))


def wall_clock_s() -> str:
    """Return the current wall-clock time in seconds since the epoch."""
    return str(int(time.time()))


@dataclass(frozen=True, slots=True)
class Attempt:
    """One POST of a delivery."""

    track_no: str
    at: datetime
    number: int
    status: int | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Return True when the receiver answered 2xx."""
        return self.status is not None and 200 <= self.status < 300

    def as_dict(self) -> dict[str, Any]:
        """Return the attempt as JSON."""
        return {
            "trackNo": self.track_no,
            "at": self.at.isoformat(),
            "attempt": self.number,
            "status": self.status,
            "error": self.error,
        }


@dataclass(slots=True)
class Delivery:
    """One update to push, and its attempts so far."""

    track_no: str
    data: dict[str, Any]
    created_at: datetime
    first_attempt: datetime | None = None
    next_at: datetime | None = None
    attempts: list[Attempt] = field(default_factory=list)
    # What a stale read after this push answers as of (just before the change).
    stale_as_of: datetime | None = None
    # The bytes of the first attempt (re-sent as they are with ``retry_original``).
    sent: bytes | None = None

    def due(self, now: datetime) -> bool:
        """Return True when an attempt is due at ``now``."""
        return (self.next_at or self.created_at) <= now


class WebhookDispatcher:
    """Queue and push the parcel updates of one simulated account."""

    def __init__(self, state: SimulatorState) -> None:
        """Dispatch for ``state``; disabled until :meth:`configure` is called."""
        self._state = state
        self.url: str | None = None
        self.key: str | None = None
        self.form: SignatureForm = "hmac"
        # None: seconds, or milliseconds with the realism switch ``ms_timestamps``.
        self.timestamp: Callable[[], str] | None = None
        self.pending: list[Delivery] = []
        self.attempts: list[Attempt] = []
        self.dropped: list[Delivery] = []
        self._seen: dict[str, tuple[str, str | None]] = {}
        self._lock = asyncio.Lock()

    @property
    def enabled(self) -> bool:
        """Return True when a URL is set."""
        return self.url is not None

    def configure(
        self, url: str, key: str | None = None, form: SignatureForm = "hmac"
    ) -> None:
        """Push to ``url``, signing with ``key`` (default: the account's first key).

        The parcels' current statuses are the starting point: only later changes
        are pushed.
        """
        if form not in SIGNATURE_FORMS:
            raise ValueError(f"form must be one of {', '.join(SIGNATURE_FORMS)}")
        if not url.startswith(("http://", "https://")):
            raise ValueError("url must be an http(s) URL")
        self.url = url
        self.key = key or min(self._state.api_keys)
        self.form = form
        now = self._state.clock.now()
        self._seen = {
            number: parcel.status(now) for number, parcel in self._state.parcels.items()
        }

    def disable(self) -> None:
        """Stop pushing and forget every queued delivery."""
        self.url = None
        self.key = None
        self.pending.clear()
        self._seen.clear()

    def scan(self) -> list[Delivery]:
        """Queue a delivery for each parcel whose status changed; return them."""
        if not self.enabled:
            return []
        now = self._state.clock.now()
        queued = []
        for number, parcel in self._state.parcels.items():
            status = parcel.status(now)
            before = self._seen.get(number) or parcel.status(parcel.added_at)
            self._seen[number] = status
            if status != before:
                seen = parcel.visible(now)
                delivery = Delivery(
                    number,
                    parcel_payload(parcel, now, style=self._state.time_style()),
                    now,
                    stale_as_of=seen[-1][0] - STALE_BY if seen else None,
                )
                self.pending.append(delivery)
                queued.append(delivery)
        return queued

    def _timestamp(self) -> str:
        if self.timestamp is not None:
            return self.timestamp()
        return wall_clock_ms() if self._state.realism.ms_timestamps else wall_clock_s()

    def body(self, delivery: Delivery) -> dict[str, Any]:
        """Return a freshly signed body of ``delivery``."""
        assert self.key is not None
        timestamp = self._timestamp()
        return {
            "data": delivery.data,
            "verify": {
                "timestamp": timestamp,
                "signature": sign(self.key, timestamp, self.form),
            },
        }

    async def deliver_due(self, session: aiohttp.ClientSession) -> list[Attempt]:
        """Queue new updates, then make every attempt due now; return them."""
        async with self._lock:
            self.scan()
            made: list[Attempt] = []
            while self.url is not None and (
                due := [d for d in self.pending if d.due(self._state.clock.now())]
            ):
                made.extend([await self._attempt(session, self.url, d) for d in due])
            return made

    async def _attempt(
        self, session: aiohttp.ClientSession, url: str, delivery: Delivery
    ) -> Attempt:
        """POST ``delivery`` once and schedule what follows."""
        now = self._state.clock.now()
        realism = self._state.realism
        if delivery.first_attempt is None:
            delivery.first_attempt = now
            if realism.stale_reads and delivery.stale_as_of is not None:
                self._state.stale_reads[delivery.track_no] = delivery.stale_as_of
        if delivery.sent is None or not realism.retry_original:
            delivery.sent = json.dumps(self.body(delivery)).encode()
        status: int | None = None
        error: str | None = None
        try:
            async with session.post(
                url,
                data=delivery.sent,
                headers={"Content-Type": "application/json"},
                timeout=ATTEMPT_TIMEOUT,
            ) as response:
                status = response.status
                await response.read()
        except (aiohttp.ClientError, TimeoutError) as err:
            error = type(err).__name__
        attempt = Attempt(
            delivery.track_no, now, len(delivery.attempts) + 1, status, error
        )
        delivery.attempts.append(attempt)
        self.attempts.append(attempt)
        # The delay of the next attempt: counted from the second attempt on by
        # default, from the first with ``retry_original`` (seven in all).
        following = len(delivery.attempts) - (0 if realism.retry_original else 1)
        if attempt.ok or following >= len(RETRY_DELAYS):
            self.pending.remove(delivery)
            if not attempt.ok:
                self.dropped.append(delivery)
        else:
            delivery.next_at = delivery.first_attempt + timedelta(
                seconds=RETRY_DELAYS[following]
            )
        return attempt

    def as_dict(self) -> dict[str, Any]:
        """Return the configuration (without the key) and the queue as JSON."""
        return {
            "url": self.url,
            "form": self.form,
            "pending": [
                {
                    "trackNo": d.track_no,
                    "attempts": len(d.attempts),
                    "nextAt": (d.next_at or d.created_at).isoformat(),
                }
                for d in self.pending
            ],
            "attempts": [a.as_dict() for a in self.attempts],
            "dropped": len(self.dropped),
        }
