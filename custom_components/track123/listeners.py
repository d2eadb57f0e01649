"""Listeners of the coordinator, found by the shipment they show."""

from __future__ import annotations

from collections.abc import Collection
import logging
from typing import Any

from homeassistant.core import CALLBACK_TYPE, callback


class Removal:
    """Remove one registered callback when called (smaller than a closure)."""

    __slots__ = ("_callback", "_key", "_listeners")

    def __init__(
        self, listeners: ShipmentListeners, update_callback: CALLBACK_TYPE, key: Any
    ) -> None:
        """Remember what to remove."""
        self._listeners = listeners
        self._callback = update_callback
        self._key = key

    @callback
    def __call__(self) -> None:
        """Remove the callback."""
        self._listeners.remove(self._callback, self._key)


class ShipmentListeners:
    """Entities' update callbacks: those of one shipment, and those of every change.

    With thousands of shipments, a refresh that changes a few of them calls a few
    callbacks instead of one per entity. One list per shipment keeps the memory of
    a registration small.
    """

    def __init__(self, logger: logging.Logger) -> None:
        """Start with no listener; errors of a callback go to ``logger``."""
        self._logger = logger
        self._general: list[CALLBACK_TYPE] = []
        self._by_key: dict[Any, list[CALLBACK_TYPE]] = {}

    @callback
    def add(self, update_callback: CALLBACK_TYPE, key: Any = None) -> Removal:
        """Register a callback, for the shipment ``key`` or (None) for every change.

        Return what removes it.
        """
        if key is None:
            self._general.append(update_callback)
        else:
            self._by_key.setdefault(key, []).append(update_callback)
        return Removal(self, update_callback, key)

    @callback
    def remove(self, update_callback: CALLBACK_TYPE, key: Any = None) -> None:
        """Unregister a callback registered with the same ``key``; once is enough."""
        listeners = self._general if key is None else self._by_key.get(key, [])
        if update_callback in listeners:
            listeners.remove(update_callback)
        if key is not None and not listeners:
            self._by_key.pop(key, None)

    @callback
    def notify(self, keys: Collection[Any]) -> None:
        """Call the general callbacks and those of the shipments ``keys``."""
        for key in keys:
            if listeners := self._by_key.get(key):
                self._call(listeners)
        self._call(self._general)

    @callback
    def notify_shipments(self) -> None:
        """Call the callbacks of every shipment (not the general ones)."""
        for listeners in list(self._by_key.values()):
            self._call(listeners)

    def _call(self, listeners: list[CALLBACK_TYPE]) -> None:
        """Call callbacks, logging (not raising) what one of them raises."""
        for update_callback in list(listeners):
            try:
                update_callback()
            except Exception:
                self._logger.exception("Error updating listener %s", update_callback)
