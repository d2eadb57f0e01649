"""The shipments checked off in the to-do list while Track123 goes on tracking them."""

from collections.abc import Iterable
from datetime import datetime
from typing import Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .const import DOMAIN

STORAGE_VERSION: Final = 1
# Saving waits this long, so that a burst of changes is one write.
SAVE_DELAY_SECONDS: Final = 5


def checked_off_storage_key(entry_id: str) -> str:
    """Return the storage key of the shipments an entry's list has checked off."""
    return f"{DOMAIN}.{entry_id}.checked_off"


class CheckedOff:
    """When each shipment was checked off, by shipment key; kept across restarts."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Create the record of one config entry."""
        self._store: Store[dict[str, str]] = Store(
            hass, STORAGE_VERSION, checked_off_storage_key(entry_id)
        )
        self._when: dict[str, str] = {}

    async def async_load(self) -> None:
        """Load what was checked off before the last stop."""
        self._when = await self._store.async_load() or {}

    def __contains__(self, key: str) -> bool:
        """Return True when the shipment is checked off."""
        return key in self._when

    def when(self, key: str) -> datetime | None:
        """Return when a shipment was checked off, if it is."""
        return dt_util.parse_datetime(self._when.get(key) or "")

    def mark(self, key: str) -> None:
        """Check a shipment off, now."""
        self._when[key] = dt_util.utcnow().isoformat()
        self._save()

    def unmark(self, key: str) -> bool:
        """Take a shipment back; return False when it was not checked off."""
        if self._when.pop(key, None) is None:
            return False
        self._save()
        return True

    def keep_only(self, keys: Iterable[str]) -> None:
        """Forget the shipments not among ``keys`` (gone from the account)."""
        kept = set(keys)
        if gone := [key for key in self._when if key not in kept]:
            for key in gone:
                del self._when[key]
            self._save()

    def _save(self) -> None:
        """Write the record soon."""
        self._store.async_delay_save(lambda: self._when, SAVE_DELAY_SECONDS)

    async def async_remove_file(self) -> None:
        """Delete the record (when the config entry is removed)."""
        await self._store.async_remove()
