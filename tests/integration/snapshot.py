"""Snapshots that read the same on every supported Home Assistant release."""

from __future__ import annotations

from enum import StrEnum

from homeassistant.core import State
from pytest_homeassistant_custom_component.syrupy import (
    HomeAssistantSnapshotExtension,
    HomeAssistantSnapshotSerializer,
    StateSnapshot,
)
from syrupy.types import SerializableData


class PortableSerializer(HomeAssistantSnapshotSerializer):
    """Home Assistant's serializer, with state attribute names as plain text.

    Newer releases name some attributes with enum members (``device_class``,
    ``friendly_name``), older ones with text; the state the browser gets is the same.
    """

    @classmethod
    def _serializable_state(cls, data: State) -> SerializableData:
        """Prepare a state with its attribute names as text."""
        snapshot = super()._serializable_state(data)
        assert isinstance(snapshot, StateSnapshot)
        attributes = snapshot["attributes"]
        snapshot["attributes"] = {
            str(key) if isinstance(key, StrEnum) else key: value
            for key, value in attributes.items()
        }
        return snapshot


class PortableSnapshotExtension(HomeAssistantSnapshotExtension):
    """Home Assistant's snapshot files, written by the portable serializer."""

    serializer_class = PortableSerializer
