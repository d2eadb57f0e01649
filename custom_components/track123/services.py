"""Actions: their schemas and registration; refresh, list shipments, detect a carrier.

Adding and removing shipments lives in ``actions_tracking``, corrections of a
tracked shipment in ``actions_edit``, the checks of what an action was given in
``actions_input``.
"""

from typing import Final

from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.helpers import config_validation as cv

from .actions_edit import async_change_carrier, async_retrack, async_set_label
from .actions_input import (
    ATTR_CARRIER,
    ATTR_HISTORY,
    ATTR_KIND,
    ATTR_LABEL,
    ATTR_NUMBER_TYPE,
    ATTR_PHONE_SUFFIX,
    ATTR_POSTAL_CODE,
    ATTR_STATUS,
    ATTR_TRACKING_NUMBER,
    entry_of,
    failed,
    invalid,
    kind_of,
    number_of,
    refused,
)
from .actions_tracking import async_add_shipment, async_remove_shipment
from .api import Track123Error
from .const import DEFAULT_KIND, DOMAIN
from .history import async_with_history
from .kinds import STATUS_OPTIONS
from .validation import vol

SERVICE_ADD_SHIPMENT: Final = "add_shipment"
SERVICE_REMOVE_SHIPMENT: Final = "remove_shipment"
SERVICE_REFRESH: Final = "refresh"
SERVICE_GET_SHIPMENTS: Final = "get_shipments"
SERVICE_DETECT_CARRIER: Final = "detect_carrier"
SERVICE_CHANGE_CARRIER: Final = "change_carrier"
SERVICE_RETRACK: Final = "retrack"
SERVICE_SET_LABEL: Final = "set_label"

_ENTRY = {vol.Optional(ATTR_CONFIG_ENTRY_ID): cv.string}
_NUMBER = {vol.Required(ATTR_TRACKING_NUMBER): cv.string}
_KIND = {vol.Optional(ATTR_KIND, default=DEFAULT_KIND.value): cv.string}
_RECIPIENT = {
    vol.Optional(ATTR_POSTAL_CODE): cv.string,
    vol.Optional(ATTR_PHONE_SUFFIX): cv.string,
}

ADD_SCHEMA: Final = vol.Schema(
    {
        **_ENTRY,
        **_NUMBER,
        **_KIND,
        vol.Optional(ATTR_CARRIER): cv.string,
        vol.Optional(ATTR_LABEL): cv.string,
        vol.Optional(ATTR_NUMBER_TYPE): cv.string,
        **_RECIPIENT,
    }
)
REMOVE_SCHEMA: Final = vol.Schema({**_ENTRY, **_NUMBER})
REFRESH_SCHEMA: Final = vol.Schema(_ENTRY)
GET_SCHEMA: Final = vol.Schema(
    {
        **_ENTRY,
        vol.Optional(ATTR_KIND): vol.All(cv.ensure_list, [cv.string]),
        vol.Optional(ATTR_STATUS): vol.All(cv.ensure_list, [cv.string]),
        # Off: answered at once from memory, each shipment with its newest event.
        vol.Optional(ATTR_HISTORY, default=True): cv.boolean,
    }
)
DETECT_SCHEMA: Final = vol.Schema({**_ENTRY, **_NUMBER})
CHANGE_CARRIER_SCHEMA: Final = vol.Schema(
    {**_ENTRY, **_NUMBER, vol.Required(ATTR_CARRIER): cv.string}
)
RETRACK_SCHEMA: Final = vol.Schema({**_ENTRY, **_NUMBER, **_RECIPIENT})
# The label may be left out or empty: that clears it.
SET_LABEL_SCHEMA: Final = vol.Schema(
    {**_ENTRY, **_NUMBER, vol.Optional(ATTR_LABEL): vol.Any(None, cv.string)}
)


async def _async_refresh_now(call: ServiceCall) -> None:
    """Ask for an update now; requests within the debounce window are merged."""
    await entry_of(call).runtime_data.coordinator.async_request_full_refresh()


async def _async_get_shipments(call: ServiceCall) -> ServiceResponse:
    """Return the shipments, optionally only some kinds and statuses."""
    entry = entry_of(call)
    kinds = {kind_of(kind) for kind in call.data.get(ATTR_KIND, [])}
    statuses = set(call.data.get(ATTR_STATUS, []))
    known = {status for options in STATUS_OPTIONS.values() for status in options}
    if unknown := statuses - known:
        raise invalid("unknown_status", status=", ".join(sorted(unknown)))
    chosen = [
        shipment
        for shipment in entry.runtime_data.coordinator.data.values()
        if (not kinds or shipment.kind in kinds)
        and (not statuses or shipment.status in statuses)
    ]
    if call.data[ATTR_HISTORY]:
        try:
            # Shipments keep their newest event only: the histories come from Track123.
            chosen = await async_with_history(entry, chosen)
        except Track123Error as err:
            raise refused("history_failed", error=str(err)) from err
    return {
        "shipments": [
            {
                "status": shipment.status,
                "name": shipment.name,
                **shipment.full_attributes,
            }
            for shipment in chosen
        ]
    }


async def _async_detect_carrier(call: ServiceCall) -> ServiceResponse:
    """Return the carriers Track123 suggests for a tracking number, best first."""
    entry = entry_of(call)
    number = number_of(call)
    try:
        candidates = await entry.runtime_data.client.detect_courier(number)
    except Track123Error as err:
        raise failed(err) from err
    return {
        "carriers": [
            {
                "code": courier.code,
                "name": courier.name,
                "home_page": courier.home_page,
            }
            for courier in candidates
        ]
    }


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the integration's actions."""
    for service, handler, schema in (
        (SERVICE_ADD_SHIPMENT, async_add_shipment, ADD_SCHEMA),
        (SERVICE_REMOVE_SHIPMENT, async_remove_shipment, REMOVE_SCHEMA),
        (SERVICE_REFRESH, _async_refresh_now, REFRESH_SCHEMA),
        (SERVICE_CHANGE_CARRIER, async_change_carrier, CHANGE_CARRIER_SCHEMA),
        (SERVICE_RETRACK, async_retrack, RETRACK_SCHEMA),
        (SERVICE_SET_LABEL, async_set_label, SET_LABEL_SCHEMA),
    ):
        hass.services.async_register(DOMAIN, service, handler, schema=schema)
    for service, responder, schema in (
        (SERVICE_GET_SHIPMENTS, _async_get_shipments, GET_SCHEMA),
        (SERVICE_DETECT_CARRIER, _async_detect_carrier, DETECT_SCHEMA),
    ):
        hass.services.async_register(
            DOMAIN,
            service,
            responder,
            schema=schema,
            supports_response=SupportsResponse.ONLY,
        )
