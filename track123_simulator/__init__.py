"""Local simulator of the Track123 Open API."""

from __future__ import annotations

from .app import create_app
from .clock import SimClock
from .faults import Fault, FaultInjector
from .server import SimulatorServer
from .state import RecordedRequest, SimulatorState
from .timelines import AIR_SCENARIOS, OCEAN_SCENARIOS, PARCEL_SCENARIOS

__all__ = [
    "AIR_SCENARIOS",
    "OCEAN_SCENARIOS",
    "PARCEL_SCENARIOS",
    "Fault",
    "FaultInjector",
    "RecordedRequest",
    "SimClock",
    "SimulatorServer",
    "SimulatorState",
    "create_app",
]
