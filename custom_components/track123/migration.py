"""Upgrades of what earlier versions stored: shipment keys without the carrier.

Up to version 1 a shipment's key was ``{kind}_{carrier}_{number}`` (carrier
``auto`` when unknown); it is now ``{kind}_{number}``, so that a carrier detected
late or corrected keeps the shipment's entity, history and automations.
"""

from collections.abc import Callable
from typing import Any, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er

from .const import LOGGER, ShipmentKind
from .shipment import shipment_key, shipment_unique_prefix

_KINDS = {kind.value: kind for kind in ShipmentKind}


def key_without_carrier(old: str) -> str | None:
    """Return the key of version 2 for a key of version 1; None if not one."""
    kind, _, rest = old.partition("_")
    carrier, separator, number = rest.rpartition("_")
    if kind not in _KINDS or not separator or not carrier or not number:
        return None
    return shipment_key(_KINDS[kind], number)


def rekey(old: dict[str, Any]) -> dict[str, Any]:
    """Return stored values keyed the version 2 way; the first of a clash wins."""
    new: dict[str, Any] = {}
    for key, value in old.items():
        new.setdefault(key_without_carrier(key) or key, value)
    return new


@callback
def async_migrate_unique_ids(hass: HomeAssistant, entry_id: str) -> None:
    """Give every shipment sensor of an entry its version 2 unique id.

    Entity ids are kept, so automations and history go on. Where two sensors map
    to one id (the same number with two carriers), the first keeps the plain id
    and the other is told apart by its carrier.
    """
    prefix = shipment_unique_prefix(entry_id)
    registry = er.async_get(hass)
    taken = {
        entry.unique_id
        for entry in er.async_entries_for_config_entry(registry, entry_id)
    }
    for entry in er.async_entries_for_config_entry(registry, entry_id):
        if not entry.unique_id.startswith(prefix):
            continue
        old = entry.unique_id.removeprefix(prefix)
        if (new := key_without_carrier(old)) is None:
            continue
        unique_id = prefix + new
        if unique_id in taken:
            kind, _, rest = old.partition("_")
            carrier, _, number = rest.rpartition("_")
            unique_id = prefix + shipment_key(_KINDS[kind], number, carrier)
        taken.discard(entry.unique_id)
        taken.add(unique_id)
        LOGGER.debug("Migrating %s to unique id %s", entry.entity_id, unique_id)
        registry.async_update_entity(entry.entity_id, new_unique_id=unique_id)


# What turns an entry of each earlier version into the next version's.
UPGRADES: Final[dict[int, Callable[[HomeAssistant, str], None]]] = {
    1: async_migrate_unique_ids,
}
