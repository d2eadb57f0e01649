"""Injected faults: what they are, and which request they hit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from .clock import SimClock

FAULT_KINDS = frozenset(
    {
        "latency",
        "http_error",
        "malformed_json",
        "truncated_json",
        "service_code",
        "query_status",
    }
)
QUERY_STATUS_CODES = frozenset({"003", "004", "005", "006"})


@dataclass(slots=True)
class Fault:
    """A fault for ``endpoint`` (None: every endpoint), for ``times`` requests (None: until cleared)."""

    kind: str
    endpoint: str | None = None
    times: int | None = None
    delay: float = 0.0
    http_status: int | None = None
    code: str | None = None
    message: str | None = None
    retry_after: int | None = None
    track_nos: tuple[str, ...] = ()
    query_status: str = "003"
    injected_at: datetime | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        """Validate and normalise the fields."""
        if self.kind not in FAULT_KINDS:
            raise ValueError(
                f"unknown fault kind {self.kind!r}; known: {', '.join(sorted(FAULT_KINDS))}"
            )
        if self.endpoint is not None:
            self.endpoint = self.endpoint.strip("/")
        if self.times is not None and self.times < 0:
            raise ValueError("times must not be negative")
        if self.kind == "service_code" and not self.code:
            raise ValueError("a service_code fault needs a code")
        if self.kind == "query_status" and self.query_status not in QUERY_STATUS_CODES:
            raise ValueError("query_status must be one of 003, 004, 005, 006")
        self.track_nos = tuple(self.track_nos)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Fault:
        """Build a fault from JSON (control route); unknown keys raise ValueError."""
        names = {f.name for f in fields(cls)} - {"injected_at"}
        unknown = set(raw) - names
        if unknown:
            raise ValueError(f"unknown fault fields: {', '.join(sorted(unknown))}")
        return cls(**dict(raw))

    def as_dict(self) -> dict[str, Any]:
        """JSON view (control route)."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name != "injected_at"
        } | {"track_nos": list(self.track_nos)}

    def matches(self, endpoint: str) -> bool:
        """Whether this fault applies to ``endpoint``."""
        return self.endpoint is None or self.endpoint == endpoint


class FaultInjector:
    """Holds active faults and hands them out request by request."""

    def __init__(self, clock: SimClock) -> None:
        """Faults created from now on remember ``clock``'s time."""
        self._clock = clock
        self._faults: list[Fault] = []

    @property
    def active(self) -> list[Fault]:
        """Faults still in force."""
        return list(self._faults)

    def inject(self, fault: Fault) -> Fault:
        """Activate ``fault`` and return it."""
        fault.injected_at = self._clock.now()
        self._faults.append(fault)
        return fault

    def clear(self) -> None:
        """Remove every fault."""
        self._faults.clear()

    def take(self, endpoint: str) -> list[Fault]:
        """Faults hitting this request: every latency fault plus the first other request-level fault."""
        chosen: list[Fault] = []
        terminal = False
        for fault in self._faults:
            if fault.kind == "query_status" or not fault.matches(endpoint):
                continue
            if fault.kind != "latency":
                if terminal:
                    continue
                terminal = True
            chosen.append(fault)
        self._consume(chosen)
        return chosen

    def take_query_status(
        self, endpoint: str, numbers: Iterable[str]
    ) -> dict[str, Fault]:
        """Query-status faults for the numbers in this response, keyed by number."""
        wanted = set(numbers)
        hits: dict[str, Fault] = {}
        used: list[Fault] = []
        for fault in self._faults:
            if fault.kind != "query_status" or not fault.matches(endpoint):
                continue
            matched = [
                number
                for number in fault.track_nos
                if number in wanted and number not in hits
            ]
            if matched:
                hits.update(dict.fromkeys(matched, fault))
                used.append(fault)
        self._consume(used)
        return hits

    def _consume(self, used: list[Fault]) -> None:
        for fault in used:
            if fault.times is not None:
                fault.times -= 1
        self._faults = [f for f in self._faults if f.times is None or f.times > 0]
