"""Snapshots that read the same on every supported Home Assistant release."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from homeassistant.core import State
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.syrupy import (
    EntityRegistryEntrySnapshot,
    HomeAssistantSnapshotExtension,
    HomeAssistantSnapshotSerializer,
    StateSnapshot,
)
from syrupy.types import SerializableData


def _text_keys(mapping: Mapping[Any, Any] | None) -> dict[Any, Any] | None:
    """Return the mapping with its enum keys as their text."""
    if mapping is None:
        return None
    return {
        str(key) if isinstance(key, StrEnum) else key: value
        for key, value in mapping.items()
    }


class PortableSerializer(HomeAssistantSnapshotSerializer):
    """Home Assistant's serializer, with attribute and capability names as text.

    Newer releases name some of them with enum members (``device_class``,
    ``state_class``), older ones with text; what the browser gets is the same.
    """

    @classmethod
    def _serializable_state(cls, data: State) -> SerializableData:
        """Prepare a state with its attribute names as text."""
        snapshot = super()._serializable_state(data)
        assert isinstance(snapshot, StateSnapshot)
        snapshot["attributes"] = _text_keys(snapshot["attributes"])
        return snapshot

    @classmethod
    def _serializable_entity_registry_entry(
        cls, data: er.RegistryEntry
    ) -> SerializableData:
        """Prepare a registry entry with its capability names as text."""
        snapshot = super()._serializable_entity_registry_entry(data)
        assert isinstance(snapshot, EntityRegistryEntrySnapshot)
        snapshot["capabilities"] = _text_keys(snapshot["capabilities"])
        return snapshot


class PortableSnapshotExtension(HomeAssistantSnapshotExtension):
    """Home Assistant's snapshot files, written by the portable serializer."""

    serializer_class = PortableSerializer
