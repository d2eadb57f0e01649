"""Actions: add, remove and list shipments, refresh, and detect a carrier."""

from dataclasses import replace
import re
from typing import Any, Final

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import config_validation as cv
import probatio as vol

from .api import OceanNumberType, Track123Error
from .const import DOMAIN, Scope, ShipmentKind
from .coordinator import Track123ConfigEntry
from .kinds import KINDS, STATUS_OPTIONS, KindSpec
from .shipment import NewShipment, Shipment, ShipmentDetail
from .store import AddedShipment

SERVICE_ADD_SHIPMENT: Final = "add_shipment"
SERVICE_REMOVE_SHIPMENT: Final = "remove_shipment"
SERVICE_REFRESH: Final = "refresh"
SERVICE_GET_SHIPMENTS: Final = "get_shipments"
SERVICE_DETECT_CARRIER: Final = "detect_carrier"

ATTR_TRACKING_NUMBER: Final = "tracking_number"
ATTR_KIND: Final = "kind"
ATTR_CARRIER: Final = "carrier"
ATTR_LABEL: Final = "label"
ATTR_NUMBER_TYPE: Final = "number_type"
ATTR_POSTAL_CODE: Final = "postal_code"
ATTR_PHONE_SUFFIX: Final = "phone_suffix"
ATTR_STATUS: Final = "status"

NUMBER_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
NUMBER_MIN_LENGTH: Final = 4
NUMBER_MAX_LENGTH: Final = 50
LABEL_MAX_LENGTH: Final = 100
POSTAL_CODE_MAX_LENGTH: Final = 16
POSTAL_CODE_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]*")
PHONE_SUFFIX_MAX_LENGTH: Final = 8
PHONE_SUFFIX_PATTERN: Final = re.compile(r"[0-9]+")
NUMBER_TYPES: Final = {
    "booking": OceanNumberType.BOOKING,
    "bill_of_lading": OceanNumberType.BILL_OF_LADING,
    "container": OceanNumberType.CONTAINER,
}

_ENTRY = {vol.Optional(ATTR_CONFIG_ENTRY_ID): cv.string}
_NUMBER = {vol.Required(ATTR_TRACKING_NUMBER): cv.string}
_KIND = {vol.Optional(ATTR_KIND, default=ShipmentKind.PARCEL.value): cv.string}

ADD_SCHEMA: Final = vol.Schema(
    {
        **_ENTRY,
        **_NUMBER,
        **_KIND,
        vol.Optional(ATTR_CARRIER): cv.string,
        vol.Optional(ATTR_LABEL): cv.string,
        vol.Optional(ATTR_NUMBER_TYPE, default="container"): cv.string,
        vol.Optional(ATTR_POSTAL_CODE): cv.string,
        vol.Optional(ATTR_PHONE_SUFFIX): cv.string,
    }
)
REMOVE_SCHEMA: Final = vol.Schema({**_ENTRY, **_NUMBER})
REFRESH_SCHEMA: Final = vol.Schema(_ENTRY)
GET_SCHEMA: Final = vol.Schema(
    {
        **_ENTRY,
        vol.Optional(ATTR_KIND): vol.All(cv.ensure_list, [cv.string]),
        vol.Optional(ATTR_STATUS): vol.All(cv.ensure_list, [cv.string]),
    }
)
DETECT_SCHEMA: Final = vol.Schema({**_ENTRY, **_NUMBER})


def _invalid(key: str, **placeholders: str) -> ServiceValidationError:
    """Return a translated validation error."""
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders or None,
    )


def _failed(err: Track123Error) -> HomeAssistantError:
    """Return a translated error for a failed Track123 call."""
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key="action_failed",
        translation_placeholders={"error": str(err)},
    )


def _entry(call: ServiceCall) -> Track123ConfigEntry:
    """Return the loaded config entry an action is for."""
    entry_id = call.data.get(ATTR_CONFIG_ENTRY_ID)
    entries: list[Track123ConfigEntry] = [
        entry
        for entry in call.hass.config_entries.async_entries(DOMAIN)
        if entry.state is ConfigEntryState.LOADED
        and (entry_id is None or entry.entry_id == entry_id)
    ]
    if len(entries) != 1:
        raise _invalid("entry_required" if entries else "entry_not_found")
    return entries[0]


def _number(call: ServiceCall) -> str:
    """Return the validated tracking number of an action."""
    number = "".join(str(call.data[ATTR_TRACKING_NUMBER]).split())
    if not number:
        raise _invalid("number_empty")
    if not NUMBER_MIN_LENGTH <= len(number) <= NUMBER_MAX_LENGTH:
        raise _invalid(
            "number_length",
            min=str(NUMBER_MIN_LENGTH),
            max=str(NUMBER_MAX_LENGTH),
        )
    if not NUMBER_PATTERN.fullmatch(number):
        raise _invalid("number_characters")
    return number


def _kind(value: Any) -> ShipmentKind:
    """Return a validated shipment kind."""
    try:
        return ShipmentKind(value)
    except ValueError:
        raise _invalid("unknown_kind", kind=str(value)) from None


def _comparable(number: str) -> str:
    """Return a number as Track123 matches it: case and dashes do not count."""
    return number.replace("-", "").upper()


def _find(entry: Track123ConfigEntry, number: str) -> list[Shipment]:
    """Return the shipments of an entry with a tracking number."""
    wanted = _comparable(number)
    return [
        shipment
        for shipment in entry.runtime_data.coordinator.data.values()
        if _comparable(shipment.number) == wanted
    ]


def _new_shipment(call: ServiceCall) -> NewShipment:
    """Validate what add_shipment was given."""
    number = _number(call)
    kind = _kind(call.data[ATTR_KIND])
    label = (call.data.get(ATTR_LABEL) or "").strip() or None
    if label is not None and len(label) > LABEL_MAX_LENGTH:
        raise _invalid("label_length", max=str(LABEL_MAX_LENGTH))
    number_type = NUMBER_TYPES.get(call.data[ATTR_NUMBER_TYPE])
    if number_type is None:
        raise _invalid("unknown_number_type")
    postal_code = (call.data.get(ATTR_POSTAL_CODE) or "").strip() or None
    if postal_code is not None and (
        len(postal_code) > POSTAL_CODE_MAX_LENGTH
        or not POSTAL_CODE_PATTERN.fullmatch(postal_code)
    ):
        raise _invalid("postal_code_invalid", max=str(POSTAL_CODE_MAX_LENGTH))
    phone_suffix = (call.data.get(ATTR_PHONE_SUFFIX) or "").strip() or None
    if phone_suffix is not None and (
        len(phone_suffix) > PHONE_SUFFIX_MAX_LENGTH
        or not PHONE_SUFFIX_PATTERN.fullmatch(phone_suffix)
    ):
        raise _invalid("phone_suffix_invalid", max=str(PHONE_SUFFIX_MAX_LENGTH))
    return NewShipment(
        kind=kind,
        number=number,
        carrier=(call.data.get(ATTR_CARRIER) or "").strip() or None,
        label=label,
        number_type=number_type,
        postal_code=postal_code,
        phone_suffix=phone_suffix,
    )


async def _async_add_shipment(call: ServiceCall) -> None:
    """Register a shipment with Track123 and show it at once."""
    entry = _entry(call)
    new = _new_shipment(call)
    if _find(entry, new.number):
        raise _invalid("already_tracked", number=new.number)
    runtime = entry.runtime_data
    spec = KINDS[new.kind]
    try:
        if new.carrier is not None:
            new = replace(
                new, carrier=await _async_check_carrier(entry, spec, new.carrier)
            )
        elif spec.detects_carrier and (
            candidates := await runtime.client.detect_courier(new.number)
        ):
            new = replace(new, carrier=candidates[0].code)
        result = await spec.register(runtime.client, new)
        if result.rejected:
            rejected = result.rejected[0]
            raise _invalid(
                "number_rejected",
                number=new.number,
                reason=rejected.message or rejected.code or "",
            )
        detail = await _async_query(entry, spec, new)
    except Track123Error as err:
        raise _failed(err) from err
    if detail is not None:
        # Remember the shipment as Track123 knows it (carrier found, number
        # normalised), so that its stored key is the key of its sensor.
        new = replace(new, number=spec.number(detail), carrier=spec.carrier(detail))
    await runtime.store.async_add(
        AddedShipment(
            kind=new.kind,
            number=new.number,
            carrier=new.carrier,
            label=new.label,
            number_type=int(new.number_type),
        )
    )
    if detail is not None:
        runtime.coordinator.async_set_shipment(detail)


async def _async_check_carrier(
    entry: Track123ConfigEntry, spec: KindSpec[Any], carrier: str
) -> str:
    """Return a carrier's code as Track123 spells it; raise when it is unknown."""
    couriers = await spec.list_carriers(entry.runtime_data.client)
    codes = {courier.code.lower(): courier.code for courier in couriers}
    if (code := codes.get(carrier.lower())) is None:
        raise _invalid("unknown_carrier", carrier=carrier)
    return code


async def _async_query(
    entry: Track123ConfigEntry, spec: KindSpec[Any], new: NewShipment
) -> ShipmentDetail | None:
    """Fetch one shipment just added."""
    added = AddedShipment(
        kind=new.kind,
        number=new.number,
        carrier=new.carrier,
        number_type=int(new.number_type),
    )
    items = (await spec.query_added(entry.runtime_data.client, [added])).items
    return items[0] if items else None


async def _async_remove_shipment(call: ServiceCall) -> None:
    """Stop tracking a shipment, in Track123 and in Home Assistant."""
    entry = _entry(call)
    number = _number(call)
    if not (found := _find(entry, number)):
        raise _invalid("not_tracked", number=number)
    runtime = entry.runtime_data
    if runtime.coordinator.scope is Scope.ACCOUNT and any(
        shipment.spec.delete is None for shipment in found
    ):
        # Track123 would keep it, and it would come back at the next poll.
        raise _invalid("air_not_removable", number=number)
    try:
        for shipment in found:
            if (delete := shipment.spec.delete) is not None:
                await delete(runtime.client, shipment)
    except Track123Error as err:
        raise _failed(err) from err
    for shipment in found:
        await runtime.store.async_remove(shipment.key)
        runtime.coordinator.async_forget_shipment(shipment.key)


async def _async_refresh(call: ServiceCall) -> None:
    """Ask for an update now; requests within the debounce window are merged."""
    await _entry(call).runtime_data.coordinator.async_request_full_refresh()


async def _async_get_shipments(call: ServiceCall) -> ServiceResponse:
    """Return the shipments, optionally only some kinds and statuses."""
    entry = _entry(call)
    kinds = {_kind(kind) for kind in call.data.get(ATTR_KIND, [])}
    statuses = set(call.data.get(ATTR_STATUS, []))
    known = {status for options in STATUS_OPTIONS.values() for status in options}
    if unknown := statuses - known:
        raise _invalid("unknown_status", status=", ".join(sorted(unknown)))
    return {
        "shipments": [
            {
                "status": shipment.status,
                "name": shipment.name,
                **shipment.full_attributes,
            }
            for shipment in entry.runtime_data.coordinator.data.values()
            if (not kinds or shipment.kind in kinds)
            and (not statuses or shipment.status in statuses)
        ]
    }


async def _async_detect_carrier(call: ServiceCall) -> ServiceResponse:
    """Return the carriers Track123 suggests for a tracking number, best first."""
    entry = _entry(call)
    number = _number(call)
    try:
        candidates = await entry.runtime_data.client.detect_courier(number)
    except Track123Error as err:
        raise _failed(err) from err
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
    hass.services.async_register(
        DOMAIN, SERVICE_ADD_SHIPMENT, _async_add_shipment, schema=ADD_SCHEMA
    )
    hass.services.async_register(
        DOMAIN, SERVICE_REMOVE_SHIPMENT, _async_remove_shipment, schema=REMOVE_SCHEMA
    )
    hass.services.async_register(
        DOMAIN, SERVICE_REFRESH, _async_refresh, schema=REFRESH_SCHEMA
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_GET_SHIPMENTS,
        _async_get_shipments,
        schema=GET_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_DETECT_CARRIER,
        _async_detect_carrier,
        schema=DETECT_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
