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
from .ground_truth import GroundTruth
from .quirks import (
    air_with_quirks,
    check_quirks,
    chosen_quirks,
    courier_schedule,
    ocean_with_quirks,
    parcel_with_quirks,
)
from .ratelimit import RateLimiter
from .realism import Realism, TransientErrors, pick
from .shipments import AirShipment, OceanShipment, ParcelShipment
from .timelines import (
    AIR_SCENARIOS,
    OCEAN_SCENARIOS,
    PARCEL_SCENARIOS,
    SIGNERS,
    air_plan,
    ocean_plan,
    parcel_plan,
    rng_for,
)
from .timestyle import TimeStyle
from .webhooks import WebhookDispatcher

AIR_IMPORT = "tk/v1/aviation/track/import"
AIR_IMPORT_V21 = "tk/v2.1/aviation/track/import"
# Tracking ids are JSON integers above 2**53, as in the documented webhook example.
_ID_BASE = 1 << 62


def big_id(bits: int) -> int:
    """Return a tracking id from 62 random bits: 19 digits, beyond a double's exact range."""
    return _ID_BASE | bits


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
        realism: Realism | None = None,
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
        self.rate_limit_overrides: dict[str, int] = {AIR_IMPORT: 3, AIR_IMPORT_V21: 3}
        self.rate_limiter = RateLimiter()
        self.auth_error_code = auth_error_code
        self.auth_http_status = auth_http_status
        self.refresh_interval = timedelta(hours=6)
        self.realism = realism or Realism()
        self.transient_errors = TransientErrors(seed)
        self.ground_truth = GroundTruth()
        # Parcel number -> the moment its next query answers as of (a stale read).
        self.stale_reads: dict[str, datetime] = {}
        self.webhooks = WebhookDispatcher(self)

    def time_style(self) -> TimeStyle:
        """How answers write times under the current realism switches."""
        return TimeStyle(self.seed, self.realism.local_times, self.realism.odd_times)

    def take_stale(self, number: str) -> datetime | None:
        """Return the moment a stale read of ``number`` answers as of, once (None: fresh)."""
        return self.stale_reads.pop(number, None)

    def _quirks(
        self,
        kind: str,
        number: str,
        quirks: Iterable[str] | None,
        *,
        courier_given: bool = True,
    ) -> frozenset[str]:
        if quirks is None:
            return chosen_quirks(
                kind, self.realism, self.seed, number, courier_given=courier_given
            )
        chosen = frozenset(quirks)
        check_quirks(kind, chosen)
        return chosen

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
        quirks: Iterable[str] | None = None,
    ) -> ParcelShipment:
        """Register a parcel; its timeline starts at ``added_at`` (default: now).

        ``quirks`` (default: what the realism switches choose) are among
        ``quirks.QUIRKS["parcel"]``.
        """
        if track_no in self.parcels:
            raise ValueError(f"parcel {track_no} is already tracked")
        chosen_quirks = self._quirks(
            "parcel", track_no, quirks, courier_given=courier_code is not None
        )
        rng = rng_for(self.seed, "parcel", track_no)
        chosen = scenario or rng.choice(PARCEL_SCENARIOS)
        plan = parcel_with_quirks(parcel_plan(chosen, rng), chosen_quirks)
        if courier_code is None:
            candidates = detect_parcel_couriers(track_no)
            courier_code = (
                candidates[0].code
                if candidates
                else rng.choice(sorted(PARCEL_COURIERS))
            )
        start = self._added_at(added_at)
        schedule = courier_schedule(
            self.seed, track_no, start, courier_code, chosen_quirks
        )
        shipment = ParcelShipment(
            track_no=track_no,
            courier_code=schedule[-1][1],
            added_at=start,
            plan=plan,
            id=big_id(rng.getrandbits(62)),
            last_mile_no=f"9400{rng.randint(0, 10**18 - 1):018d}",
            expected_as_object=rng.random() < 0.5,
            order_no=order_no,
            remark=remark,
            postal_code=postal_code,
            ship_time=ship_time,
            signer=pick(SIGNERS, self.seed, "signer", track_no),
            quirks=chosen_quirks,
            courier_schedule=schedule,
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
        quirks: Iterable[str] | None = None,
    ) -> OceanShipment:
        """Register an ocean shipment (type 1 booking, 2 bill of lading, 3 container)."""
        if tracking_no in self.ocean:
            raise ValueError(f"ocean shipment {tracking_no} is already tracked")
        if number_type not in (1, 2, 3):
            raise ValueError("number_type must be 1, 2 or 3")
        chosen_quirks = self._quirks("ocean", tracking_no, quirks)
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
            plan=ocean_with_quirks(plan, chosen_quirks),
            id=big_id(rng.getrandbits(62)),
            order_no=order_no,
            quirks=chosen_quirks,
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
        quirks: Iterable[str] | None = None,
    ) -> AirShipment:
        """Register an air waybill (``176-12345675``); the airline defaults from its prefix."""
        number = normalize_awb(tracking_no)
        if number in self.air:
            raise ValueError(f"air waybill {number} is already tracked")
        chosen_quirks = self._quirks("air", number, quirks)
        rng = rng_for(self.seed, "air", number)
        chosen = scenario or rng.choice(AIR_SCENARIOS)
        airline = airline_for_awb(number)
        code = airline_code or (airline.code if airline else min(AIRLINES))
        shipment = AirShipment(
            tracking_no=number,
            airline_code=code,
            added_at=self._added_at(added_at),
            plan=air_with_quirks(air_plan(chosen, rng, code), chosen_quirks),
            id=big_id(rng.getrandbits(62)),
            quirks=chosen_quirks,
        )
        self.air[number] = shipment
        return shipment

    def tracked(
        self,
    ) -> dict[str, dict[str, ParcelShipment | OceanShipment | AirShipment]]:
        """Return the tracked shipments by kind (``parcel``, ``ocean``, ``air``) and number."""
        return {
            "parcel": dict(self.parcels),
            "ocean": dict(self.ocean),
            "air": dict(self.air),
        }

    def registry(self, kind: str) -> dict[str, Any]:
        """Return the shipments of ``kind`` (``parcel``, ``ocean``, ``air``) by number."""
        registries: dict[str, dict[str, Any]] = {
            "parcel": self.parcels,
            "ocean": self.ocean,
            "air": self.air,
        }
        return registries[kind]

    def remove(
        self, kind: str, number: str
    ) -> ParcelShipment | OceanShipment | AirShipment | None:
        """Stop tracking ``number``; its transitions so far stay in the ground truth."""
        shipment: ParcelShipment | OceanShipment | AirShipment | None = self.registry(
            kind
        ).pop(number, None)
        if shipment is not None:
            self.ground_truth.retire(kind, number, shipment, self.clock.now())
        return shipment

    def transitions(self) -> dict[str, Any]:
        """Return the ground truth up to now as JSON: status transitions, courier changes."""
        now = self.clock.now()
        return {
            "now": now.isoformat(),
            "transitions": [
                c.as_dict() for c in self.ground_truth.transitions(self.tracked(), now)
            ],
            "courierChanges": [
                c.as_dict() for c in self.ground_truth.couriers(self.parcels, now)
            ],
        }

    def summary(self) -> dict[str, Any]:
        """Return a JSON overview (control route)."""
        now = self.clock.now()
        shipments = {
            name: {
                number: {
                    "scenario": s.plan.scenario,
                    "status": s.main_status(now),
                    **({"quirks": sorted(s.quirks)} if s.quirks else {}),
                }
                for number, s in registry.items()
            }
            for name, registry in zip(
                ("parcels", "ocean", "air"), self.tracked().values(), strict=True
            )
        }
        return {
            "now": now.isoformat(),
            "seed": self.seed,
            "speed": self.clock.speed,
            "rateLimitPerSecond": self.rate_limit_per_second,
            **shipments,
            "faults": [fault.as_dict() for fault in self.faults.active],
            "requests": self.requests_per_endpoint(),
            "realism": self.realism.as_dict(),
        }
