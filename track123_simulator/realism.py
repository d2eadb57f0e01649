"""Switchable realism: the ways the real Track123 is more awkward than its documentation.

Every switch is off by default, so a simulator without realism answers as it always has.
The switches (see ``docs/simulator-realism.md`` for the evidence behind each):

``late_carrier``
    A parcel registered without a courier is answered without ``courierCode`` for a
    while (one to six hours), then with the detected courier; about a third of them
    change courier a day or two later (Track123 re-detects). Number and timeline stay.
``local_times``
    ``deliveredTime``, ``lastTrackingTime`` and ``expectedDelivery`` in the destination's
    local time without a zone (``expectedDelivery`` sometimes a bare date); event
    ``timezone`` written ``+08:00``, ``+0800`` or ``+8``; ``eventTimeZeroUTC`` missing on
    some events; some carriers write every event in their own zone (``+05:30``, ...);
    ocean ``eta``/``etd`` and cargo event times in the local time of their place.
``odd_times``
    Some event times as ``2026/09/25 14:03:00``, ``2026-09-25 14:03``, ISO-8601 with
    ``T``/``Z``/an offset, or epoch milliseconds (number or text); a few events undated
    (empty or unreadable time), left where the carrier put them.
``unknown_codes``
    Now and then a status nobody has documented: sub-status ``IN_TRANSIT_11``, status
    ``CUSTOMS_HOLD``, ``trackingStatus`` ``007``, ocean ``searchStatus`` ``PENDING`` and
    event ``TSHP``, air ``aviationStatus``/event ``MANIFESTED``.
``server_errors``
    A request now and then (``server_error_rate``, seeded) answered ``A0200`` ("Server
    error.", HTTP 200 or 500) or ``B0001``; the next request always succeeds.
``stale_reads``
    After a webhook push of a parcel, its next query answers the state from before the
    pushed change, once (a lagging replica).
``retry_original``
    Webhook retries re-send the first attempt's body byte for byte, with its original
    timestamp and signature; seven attempts in all, at 0, 600, 1800, 3600, 14400,
    43200 and 129600 s after the first.
``paths_v21``
    Ocean and air endpoints answered under ``tk/v2.1/`` as well as ``tk/v1/``.
``v21_only``
    Only ``tk/v2.1/`` is served: every ``tk/v1/`` path answers ``C0113`` ("The
    interface does not exist.").
``ms_timestamps``
    Webhook timestamps in milliseconds (13 digits) instead of seconds (10 digits).

Switches that shape a shipment's life (``late_carrier``, ``unknown_codes``) take effect
for shipments added while they are on; the others act on every answer from then on.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
import hashlib
import random
from typing import Any

SWITCHES: tuple[str, ...] = (
    "late_carrier",
    "local_times",
    "odd_times",
    "unknown_codes",
    "server_errors",
    "stale_reads",
    "retry_original",
    "paths_v21",
    "v21_only",
    "ms_timestamps",
)
DEFAULT_SERVER_ERROR_RATE = 0.05
_V1 = "tk/v1/"
_CARGO_V21 = ("tk/v2.1/ocean/", "tk/v2.1/aviation/")


def roll(seed: int, *key: object) -> float:
    """Return a number in [0, 1) fixed by ``seed`` and ``key`` (the same on every call)."""
    text = ":".join(str(part) for part in (seed, *key))
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest) / 2**64


def pick[T](options: tuple[T, ...], seed: int, *key: object) -> T:
    """Return the option of ``options`` that ``seed`` and ``key`` fix."""
    return options[int(roll(seed, *key) * len(options))]


@dataclass(slots=True)
class Realism:
    """Which realism switches are on, and how often a server error strikes."""

    late_carrier: bool = False
    local_times: bool = False
    odd_times: bool = False
    unknown_codes: bool = False
    server_errors: bool = False
    stale_reads: bool = False
    retry_original: bool = False
    paths_v21: bool = False
    v21_only: bool = False
    ms_timestamps: bool = False
    server_error_rate: float = DEFAULT_SERVER_ERROR_RATE

    @classmethod
    def from_spec(cls, spec: str) -> Realism:
        """Build from a spec such as ``all``, ``none`` or ``local_times,odd_times``."""
        realism = cls()
        realism.apply(spec)
        return realism

    def apply(self, spec: str) -> None:
        """Apply a comma-separated spec in order: ``all``, ``none``, ``name``, ``-name``.

        ``all,-v21_only`` turns on every switch but ``v21_only``. Unknown names raise
        ValueError and change nothing.
        """
        words = [word.strip() for word in spec.split(",") if word.strip()]
        unknown = [
            word
            for word in words
            if word not in {"all", "none"} and word.lstrip("-") not in SWITCHES
        ]
        if unknown:
            raise ValueError(
                f"unknown realism switch {', '.join(unknown)}; known: {', '.join(SWITCHES)}"
            )
        for word in words:
            if word in {"all", "none"}:
                for name in SWITCHES:
                    setattr(self, name, word == "all")
            else:
                setattr(self, word.lstrip("-"), not word.startswith("-"))

    def update(self, changes: dict[str, Any]) -> None:
        """Apply a control-route body: ``realism`` (a spec), switch booleans, ``server_error_rate``."""
        known = {f.name for f in fields(self)} | {"realism"}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ValueError(f"unknown realism fields: {', '.join(unknown)}")
        rate = changes.get("server_error_rate", self.server_error_rate)
        if (
            not isinstance(rate, int | float)
            or isinstance(rate, bool)
            or not 0 <= rate <= 1
        ):
            raise ValueError("server_error_rate must be a number from 0 to 1")
        switches = {name: changes[name] for name in SWITCHES if name in changes}
        if not all(isinstance(value, bool) for value in switches.values()):
            raise ValueError("switches take true or false")
        spec = changes.get("realism", "")
        if not isinstance(spec, str):
            raise ValueError(  # noqa: TRY004 - the control route answers ValueError with 400
                "realism must be a spec such as 'all' or 'local_times'"
            )
        self.apply(spec)
        for name, value in switches.items():
            setattr(self, name, value)
        self.server_error_rate = float(rate)

    @property
    def enabled(self) -> tuple[str, ...]:
        """The switches that are on."""
        return tuple(name for name in SWITCHES if getattr(self, name))

    def path_refused(self, endpoint: str) -> bool:
        """Whether ``endpoint`` (``tk/...``) is answered as if it did not exist."""
        if endpoint.startswith(_V1):
            return self.v21_only
        if endpoint.startswith(_CARGO_V21):
            return not (self.paths_v21 or self.v21_only)
        return False

    def as_dict(self) -> dict[str, Any]:
        """JSON view (control route)."""
        return {
            "enabled": list(self.enabled),
            "switches": {name: getattr(self, name) for name in SWITCHES},
            "server_error_rate": self.server_error_rate,
        }


class TransientErrors:
    """Seeded server errors: at most one in a row, at ``rate`` of the requests."""

    _KINDS: tuple[tuple[str, int], ...] = (
        ("A0200", 200),
        ("A0200", 500),
        ("B0001", 200),
    )

    def __init__(self, seed: int) -> None:
        """Draw from a generator of its own, so timelines are not disturbed."""
        self._rng = random.Random(f"{seed}:server_errors")  # noqa: S311 - simulation
        self._just_failed = False

    def strike(self, rate: float) -> tuple[str, int] | None:
        """Return (code, HTTP status) when this request fails; never twice in a row."""
        if self._just_failed:
            self._just_failed = False
            return None
        if self._rng.random() >= rate:
            return None
        self._just_failed = True
        return self._rng.choice(self._KINDS)
