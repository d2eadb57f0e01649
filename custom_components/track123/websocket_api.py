"""Websocket commands for the shipments card: a shipment's whole history, on demand.

A sensor's state keeps no history, since every browser and phone loads every
state, and the integration keeps only each shipment's newest event. The card asks
for the whole history here when a shipment's dialog opens: by the sensor's entity
id, which names both the config entry and the shipment; it is fetched from
Track123 then. Any user who may read the sensor may ask; no admin needed.
"""

from typing import Any, Final

from homeassistant.auth.permissions.const import POLICY_READ
from homeassistant.components.websocket_api import async_register_command
from homeassistant.components.websocket_api.connection import ActiveConnection
from homeassistant.components.websocket_api.const import (
    ERR_HOME_ASSISTANT_ERROR,
    ERR_NOT_FOUND,
    ERR_UNAUTHORIZED,
)
from homeassistant.components.websocket_api.decorators import (
    async_response,
    websocket_command,
)
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import config_validation as cv, entity_registry as er

from .api import Track123Error
from .const import DOMAIN
from .coordinator import Track123ConfigEntry
from .history import async_with_history
from .shipment import EVENTS_ATTRIBUTE, Shipment, shipment_unique_prefix
from .validation import vol

COMMAND_SHIPMENT_HISTORY: Final = f"{DOMAIN}/shipment_history"
# Details the dialog shows that are not on a parcel's state (cargo keeps its own).
_PARCEL_DETAILS: Final = ("origin_country", "destination_country", "pieces")


@callback
def async_setup_websocket_api(hass: HomeAssistant) -> None:
    """Register the card's commands."""
    async_register_command(hass, ws_shipment_history)


def _find_shipment(
    hass: HomeAssistant, entity_id: str
) -> tuple[Track123ConfigEntry, Shipment] | None:
    """Return the loaded config entry and the shipment a sensor shows, if any."""
    registered = er.async_get(hass).async_get(entity_id)
    if registered is None or registered.platform != DOMAIN:
        return None
    entry: Track123ConfigEntry | None = hass.config_entries.async_get_entry(
        registered.config_entry_id or ""
    )
    if entry is None or entry.state is not ConfigEntryState.LOADED:
        return None
    prefix = shipment_unique_prefix(entry.entry_id)
    if not registered.unique_id.startswith(prefix):
        return None
    shipment = entry.runtime_data.coordinator.data.get(
        registered.unique_id.removeprefix(prefix)
    )
    return None if shipment is None else (entry, shipment)


def _history(entry: Track123ConfigEntry, shipment: Shipment) -> dict[str, Any]:
    """Return what the card's dialog shows beyond the state: the whole history."""
    attributes = shipment.full_attributes
    return {
        "config_entry_id": entry.entry_id,
        "kind": shipment.kind.value,
        "tracking_number": shipment.number,
        "carrier": attributes.get("carrier_name") or shipment.carrier,
        "tracking_link": attributes.get("tracking_link"),
        # A parcel's route and pieces, which its state no longer carries.
        **{key: attributes.get(key) for key in _PARCEL_DETAILS},
        "events": attributes[EVENTS_ATTRIBUTE],
    }


@websocket_command(
    {
        vol.Required("type"): COMMAND_SHIPMENT_HISTORY,
        vol.Required("entity_id"): cv.entity_id,
    }
)
@async_response
async def ws_shipment_history(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
) -> None:
    """Answer with a shipment's whole event history, newest first.

    When Track123 cannot give it, the card shows the translated reason.
    """
    entity_id: str = msg["entity_id"]
    if not connection.user.permissions.check_entity(entity_id, POLICY_READ):
        connection.send_error(
            msg["id"], ERR_UNAUTHORIZED, "Not allowed to read this sensor"
        )
        return
    if (found := _find_shipment(hass, entity_id)) is None:
        connection.send_error(
            msg["id"], ERR_NOT_FOUND, f"No shipment shown by {entity_id}"
        )
        return
    entry, shipment = found
    try:
        [shipment] = await async_with_history(entry, [shipment])
    except Track123Error as err:
        connection.send_error(
            msg["id"],
            ERR_HOME_ASSISTANT_ERROR,
            f"Track123 could not give the history: {err}",
            translation_key="history_failed",
            translation_domain=DOMAIN,
            translation_placeholders={"error": str(err)},
        )
        return
    connection.send_result(
        msg["id"], {"entity_id": entity_id, **_history(entry, shipment)}
    )
