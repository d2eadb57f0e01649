"""JSON payloads in the documented shapes, built from the simulator state."""

from __future__ import annotations

from .air import air_payload
from .ocean import ocean_payload
from .parcel import parcel_payload

__all__ = ["air_payload", "ocean_payload", "parcel_payload"]
