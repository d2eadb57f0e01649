"""Webhook pushes: a parcel update POSTed to a URL, with Track123's retry schedule.

Whenever a parcel's visible status (transit status and sub-status) changes on the
simulated clock, a delivery is queued with the parcel as of that moment. Nothing
is sent until something calls :meth:`WebhookDispatcher.deliver_due` (the server's
background task, a control route, or a test), so tests drive pushes step by step.

An attempt that does not get a 2xx answer is retried up to seven times, at
``RETRY_DELAYS`` after the first attempt on the simulated clock; then the
delivery is dropped. Every attempt is signed afresh: the timestamp (milliseconds
since the epoch, wall clock, as the receiver checks it) and
``hex(HMAC-SHA256(key=api_key, msg=timestamp))`` or, with the form ``sha256``,
``hex(SHA256(api_key + timestamp))``.
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

# Seconds after the first attempt of retries 1 to 7.
RETRY_DELAYS: tuple[int, ...] = (0, 600, 1800, 3600, 14400, 43200, 129600)
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
        self.timestamp: Callable[[], str] = wall_clock_ms
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
                delivery = Delivery(number, parcel_payload(parcel, now), now)
                self.pending.append(delivery)
                queued.append(delivery)
        return queued

    def body(self, delivery: Delivery) -> dict[str, Any]:
        """Return a freshly signed body of ``delivery``."""
        assert self.key is not None
        timestamp = self.timestamp()
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
        if delivery.first_attempt is None:
            delivery.first_attempt = now
        status: int | None = None
        error: str | None = None
        try:
            async with session.post(
                url,
                data=json.dumps(self.body(delivery)),
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
        retries = len(delivery.attempts) - 1
        if attempt.ok or retries >= len(RETRY_DELAYS):
            self.pending.remove(delivery)
            if not attempt.ok:
                self.dropped.append(delivery)
        else:
            delivery.next_at = delivery.first_attempt + timedelta(
                seconds=RETRY_DELAYS[retries]
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
