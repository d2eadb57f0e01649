"""Diagnostics: configuration and shipments, with the key and personal data redacted."""

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_API_KEY
from homeassistant.core import HomeAssistant

from .api import Track123Error
from .const import CONF_WEBHOOK_ID
from .coordinator import Track123ConfigEntry

TO_REDACT = {
    CONF_API_KEY,
    CONF_WEBHOOK_ID,
    "number",
    "track_no",
    "tracking_no",
    "tracking_number",
    "awb",
    "container_no",
    "container_number",
    "last_mile_track_no",
    "last_mile_tracking_number",
    "order_no",
    "order_number",
    "remark",
    "label",
    "postal_code",
    "phone_suffix",
    "email",
    "address",
    "location",
    "last_event_location",
    "tracking_link",
    "unique_id",
    "title",
    # Free text that can name people: "Delivered, signed by J. MILLER".
    "signed_by",
    "description",
}


def _plain(value: Any) -> Any:
    """Return data with tuples turned into lists, so that redaction reaches into them."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _error(err: BaseException | None) -> dict[str, Any] | None:
    """Return what Track123 answered to the last failed refresh, if it did."""
    while err is not None and not isinstance(err, Track123Error):
        err = err.__cause__
    if err is None:
        return None
    return {
        "type": type(err).__name__,
        "http_status": err.http_status,
        "code": err.code,
        "message": err.message,
        "data": _plain(err.data),
    }


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: Track123ConfigEntry
) -> dict[str, Any]:
    """Return diagnostics for a config entry."""
    coordinator = entry.runtime_data.coordinator
    shipments = coordinator.data or {}
    return async_redact_data(
        {
            "entry": entry.as_dict(),
            "scope": coordinator.scope.value,
            "kinds": sorted(coordinator.kinds),
            "last_refresh": coordinator.last_update_success_time,
            "last_update_success": coordinator.last_update_success,
            "last_error": _error(coordinator.last_exception),
            # Which of Track123's paths (v1 or v2.1) answered each endpoint.
            "endpoint_paths": dict(entry.runtime_data.client.endpoint_paths),
            "shipment_count": len(shipments),
            "shipments": [
                {
                    "kind": shipment.kind.value,
                    "status": shipment.status,
                    "detail": _plain(asdict(shipment.detail)),
                }
                for shipment in shipments.values()
            ],
        },
        TO_REDACT,
    )
