"""Scenario timelines for parcels, ocean containers and air waybills."""

from __future__ import annotations

import random

from .air import AIR_SCENARIOS, AirEventStep, AirPlan, Flight, air_plan
from .ocean import OCEAN_SCENARIOS, OceanEventStep, OceanPlan, ocean_plan
from .parcel import PARCEL_SCENARIOS, SIGNERS, ParcelPlan, ParcelStep, parcel_plan

__all__ = [
    "AIR_SCENARIOS",
    "OCEAN_SCENARIOS",
    "PARCEL_SCENARIOS",
    "SIGNERS",
    "AirEventStep",
    "AirPlan",
    "Flight",
    "OceanEventStep",
    "OceanPlan",
    "ParcelPlan",
    "ParcelStep",
    "air_plan",
    "ocean_plan",
    "parcel_plan",
    "rng_for",
]


def rng_for(seed: int, kind: str, number: str) -> random.Random:
    """Return a random generator determined only by (seed, kind, number)."""
    return random.Random(f"{seed}:{kind}:{number}")  # noqa: S311 - simulation, not crypto
