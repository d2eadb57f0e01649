"""Everything the simulator knows: keys, clock, shipments, faults, request log, limits."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .clock import SimClock
from .couriers import (
    AIRLINES,
    AWB_PATTERN,
    OCEAN_CARRIERS,
    PARCEL_COURIERS,
    airline_for_awb,
    detect_ocean_carrier,
    detect_parcel_couriers,
)
from .faults import FaultInjector
from .ratelimit import RateLimiter
from .shipments import AirShipment, OceanShipment, ParcelShipment
from .timelines import (
    AIR_SCENARIOS,
    OCEAN_SCENARIOS,
    PARCEL_SCENARIOS,
    air_plan,
    ocean_plan,
    parcel_plan,
    rng_for,
)
from .webhooks import WebhookDispatcher

AIR_IMPORT = "tk/v1/aviation/track/import"


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request as the simulator saw it."""

    endpoint: str
    method: str
    body: Any
    key_ok: bool

    @property
    def authorized(self) -> bool:
        """Return ``key_ok`` (alias)."""
        return self.key_ok


def normalize_awb(number: str) -> str:
    """``17612345675`` -> ``176-12345675`` (other text unchanged)."""
    match = AWB_PATTERN.match(number.strip())
    return f"{match.group(1)}-{match.group(2)}" if match else number.strip()


class SimulatorState:
    """The simulated Track123 account(s)."""

    def __init__(
        self,
        api_keys: Iterable[str] = ("demo-key",),
        seed: int = 0,
        start: datetime | None = None,
        *,
        clock: SimClock | None = None,
        rate_limit_per_second: int | None = 5,
        auth_error_code: str = "A0230",
        auth_http_status: int = 401,
    ) -> None:
        """Create an empty account; ``start`` sets the clock (ignored when ``clock`` is given)."""
        self.api_keys: set[str] = set(api_keys)
        self.seed = seed
        self.clock = clock or SimClock(start)
        self.parcels: dict[str, ParcelShipment] = {}
        self.ocean: dict[str, OceanShipment] = {}
        self.air: dict[str, AirShipment] = {}
        self.faults = FaultInjector(self.clock)
        self.requests: list[RecordedRequest] = []
        self.rate_limit_per_second = rate_limit_per_second
        self.rate_limit_overrides: dict[str, int] = {AIR_IMPORT: 3}
        self.rate_limiter = RateLimiter()
        self.auth_error_code = auth_error_code
        self.auth_http_status = auth_http_status
        self.refresh_interval = timedelta(hours=6)
        self.webhooks = WebhookDispatcher(self)

    def rate_limit_for(self, endpoint: str) -> int | None:
        """Return the requests per second allowed on ``endpoint`` (None: unlimited)."""
        if self.rate_limit_per_second is None:
            return None
        return min(
            self.rate_limit_per_second,
            self.rate_limit_overrides.get(endpoint, self.rate_limit_per_second),
        )

    def request_count(self, endpoint: str | None = None) -> int:
        """Count the requests that reached ``endpoint`` (None: all endpoints)."""
        return sum(
            1 for r in self.requests if endpoint is None or r.endpoint == endpoint
        )

    def requests_per_endpoint(self) -> dict[str, int]:
        """Count requests per endpoint."""
        return dict(Counter(r.endpoint for r in self.requests))

    def _added_at(self, added_at: datetime | None) -> datetime:
        return self.clock.now() if added_at is None else added_at

    def add_parcel(
        self,
        track_no: str,
        courier_code: str | None = None,
        scenario: str | None = None,
        *,
        order_no: str = "",
        remark: str = "",
        postal_code: str = "",
        ship_time: str | None = None,
        added_at: datetime | None = None,
    ) -> ParcelShipment:
        """Register a parcel; its timeline starts at ``added_at`` (default: now)."""
        if track_no in self.parcels:
            raise ValueError(f"parcel {track_no} is already tracked")
        rng = rng_for(self.seed, "parcel", track_no)
        chosen = scenario or rng.choice(PARCEL_SCENARIOS)
        plan = parcel_plan(chosen, rng)
        if courier_code is None:
            candidates = detect_parcel_couriers(track_no)
            courier_code = (
                candidates[0].code
                if candidates
                else rng.choice(sorted(PARCEL_COURIERS))
            )
        shipment = ParcelShipment(
            track_no=track_no,
            courier_code=courier_code,
            added_at=self._added_at(added_at),
            plan=plan,
            id=str(rng.getrandbits(62)),
            last_mile_no=f"9400{rng.randint(0, 10**18 - 1):018d}",
            expected_as_object=rng.random() < 0.5,
            order_no=order_no,
            remark=remark,
            postal_code=postal_code,
            ship_time=ship_time,
        )
        self.parcels[track_no] = shipment
        return shipment

    def add_ocean(
        self,
        tracking_no: str,
        number_type: int = 3,
        carrier_code: str | None = None,
        scenario: str | None = None,
        *,
        order_no: str = "",
        added_at: datetime | None = None,
    ) -> OceanShipment:
        """Register an ocean shipment (type 1 booking, 2 bill of lading, 3 container)."""
        if tracking_no in self.ocean:
            raise ValueError(f"ocean shipment {tracking_no} is already tracked")
        if number_type not in (1, 2, 3):
            raise ValueError("number_type must be 1, 2 or 3")
        rng = rng_for(self.seed, "ocean", tracking_no)
        chosen = scenario or rng.choice(OCEAN_SCENARIOS)
        detected = detect_ocean_carrier(tracking_no)
        carrier = carrier_code or (detected.code if detected else "MAEU")
        prefix = OCEAN_CARRIERS[carrier].prefix if carrier in OCEAN_CARRIERS else "TGHU"
        plan = ocean_plan(chosen, rng, tracking_no, number_type, prefix)
        shipment = OceanShipment(
            tracking_no=tracking_no,
            number_type=number_type,
            carrier_code=carrier,
            added_at=self._added_at(added_at),
            plan=plan,
            id=str(rng.getrandbits(62)),
            order_no=order_no,
        )
        self.ocean[tracking_no] = shipment
        return shipment

    def add_air(
        self,
        tracking_no: str,
        airline_code: str | None = None,
        scenario: str | None = None,
        *,
        added_at: datetime | None = None,
    ) -> AirShipment:
        """Register an air waybill (``176-12345675``); the airline defaults from its prefix."""
        number = normalize_awb(tracking_no)
        if number in self.air:
            raise ValueError(f"air waybill {number} is already tracked")
        rng = rng_for(self.seed, "air", number)
        chosen = scenario or rng.choice(AIR_SCENARIOS)
        airline = airline_for_awb(number)
        code = airline_code or (airline.code if airline else min(AIRLINES))
        shipment = AirShipment(
            tracking_no=number,
            airline_code=code,
            added_at=self._added_at(added_at),
            plan=air_plan(chosen, rng, code),
            id=str(rng.getrandbits(62)),
        )
        self.air[number] = shipment
        return shipment

    def summary(self) -> dict[str, Any]:
        """Return a JSON overview (control route)."""
        now = self.clock.now()
        return {
            "now": now.isoformat(),
            "seed": self.seed,
            "speed": self.clock.speed,
            "rateLimitPerSecond": self.rate_limit_per_second,
            "parcels": {
                n: {"scenario": s.plan.scenario, "status": s.status(now)[0]}
                for n, s in self.parcels.items()
            },
            "ocean": {
                n: {"scenario": s.plan.scenario, "status": s.search_status(now)}
                for n, s in self.ocean.items()
            },
            "air": {
                n: {"scenario": s.plan.scenario, "status": s.status(now)}
                for n, s in self.air.items()
            },
            "faults": [fault.as_dict() for fault in self.faults.active],
            "requests": self.requests_per_endpoint(),
        }
