"""What the actions were given, checked before anything is sent to Track123.

Every refusal is a translated ``ServiceValidationError``; failures of Track123
itself are translated ``HomeAssistantError``s.
"""

import re
from typing import Any, Final
import unicodedata

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import ServiceCall
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from .api import ImportResult, Rejected, Track123Error
from .const import DOMAIN, ShipmentKind
from .coordinator import Track123ConfigEntry
from .kind_calls import NO_RECIPIENT, Recipient
from .kinds import KindSpec
from .shipment import Shipment

ATTR_TRACKING_NUMBER: Final = "tracking_number"
ATTR_KIND: Final = "kind"
ATTR_CARRIER: Final = "carrier"
ATTR_LABEL: Final = "label"
ATTR_NUMBER_TYPE: Final = "number_type"
ATTR_POSTAL_CODE: Final = "postal_code"
ATTR_PHONE_SUFFIX: Final = "phone_suffix"
ATTR_STATUS: Final = "status"
ATTR_HISTORY: Final = "history"

# Letters and digits as carriers print them, with dashes (air waybills: 176-12345675).
NUMBER_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
NUMBER_MIN_LENGTH: Final = 4
NUMBER_MAX_LENGTH: Final = 50
LABEL_MAX_LENGTH: Final = 100
# Control characters, and line and paragraph separators: a label is one line of text.
LABEL_REFUSED_CATEGORIES: Final = frozenset({"Cc", "Zl", "Zp"})
POSTAL_CODE_MAX_LENGTH: Final = 16
POSTAL_CODE_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]*")
PHONE_SUFFIX_MAX_LENGTH: Final = 8
PHONE_SUFFIX_PATTERN: Final = re.compile(r"[0-9]+")


def invalid(key: str, **placeholders: str) -> ServiceValidationError:
    """Return a translated refusal of what the user entered."""
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders or None,
    )


def refused(key: str, **placeholders: str) -> HomeAssistantError:
    """Return a translated error for something Track123 refused."""
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders,
    )


def failed(err: Track123Error) -> HomeAssistantError:
    """Return a translated error for a failed Track123 call."""
    return refused("action_failed", error=str(err))


def reason(rejected: Rejected) -> str:
    """Return why Track123 refused a number, as it said it."""
    return rejected.message or rejected.code or ""


def check_accepted(key: str, number: str, result: ImportResult) -> None:
    """Raise ``key``, naming Track123's reason, when it rejected the number."""
    if result.rejected:
        raise refused(key, number=number, reason=reason(result.rejected[0]))


def entry_of(call: ServiceCall) -> Track123ConfigEntry:
    """Return the loaded config entry an action is for."""
    entry_id = call.data.get(ATTR_CONFIG_ENTRY_ID)
    entries: list[Track123ConfigEntry] = [
        entry
        for entry in call.hass.config_entries.async_entries(DOMAIN)
        if entry.state is ConfigEntryState.LOADED
        and (entry_id is None or entry.entry_id == entry_id)
    ]
    if len(entries) != 1:
        raise invalid("entry_required" if entries else "entry_not_found")
    return entries[0]


def number_of(call: ServiceCall) -> str:
    """Return the tracking number of an action, exactly as a carrier writes it.

    Spaces around it are dropped; spaces inside are refused rather than removed,
    since "12 34" may be two numbers as well as one.
    """
    number = str(call.data[ATTR_TRACKING_NUMBER]).strip()
    if not number:
        raise invalid("number_empty")
    if any(character.isspace() for character in number):
        raise invalid("number_spaces")
    if not NUMBER_MIN_LENGTH <= len(number) <= NUMBER_MAX_LENGTH:
        raise invalid(
            "number_length",
            min=str(NUMBER_MIN_LENGTH),
            max=str(NUMBER_MAX_LENGTH),
        )
    if not NUMBER_PATTERN.fullmatch(number):
        raise invalid("number_characters")
    return number


def kind_of(value: Any) -> ShipmentKind:
    """Return a validated shipment kind."""
    try:
        return ShipmentKind(value)
    except ValueError:
        raise invalid("unknown_kind", kind=str(value)) from None


def label_of(value: str | None) -> str | None:
    """Return a validated label; None when empty."""
    label = (value or "").strip() or None
    if label is None:
        return None
    if len(label) > LABEL_MAX_LENGTH:
        raise invalid("label_length", max=str(LABEL_MAX_LENGTH))
    if any(unicodedata.category(char) in LABEL_REFUSED_CATEGORIES for char in label):
        raise invalid("label_characters")
    return label


def recipient_of(call: ServiceCall) -> Recipient:
    """Return the validated postal code and phone suffix of an action."""
    postal_code = (call.data.get(ATTR_POSTAL_CODE) or "").strip() or None
    if postal_code is not None and (
        len(postal_code) > POSTAL_CODE_MAX_LENGTH
        or not POSTAL_CODE_PATTERN.fullmatch(postal_code)
    ):
        raise invalid("postal_code_invalid", max=str(POSTAL_CODE_MAX_LENGTH))
    phone_suffix = (call.data.get(ATTR_PHONE_SUFFIX) or "").strip() or None
    if phone_suffix is not None and (
        len(phone_suffix) > PHONE_SUFFIX_MAX_LENGTH
        or not PHONE_SUFFIX_PATTERN.fullmatch(phone_suffix)
    ):
        raise invalid("phone_suffix_invalid", max=str(PHONE_SUFFIX_MAX_LENGTH))
    return Recipient(postal_code, phone_suffix)


def check_recipient(spec: KindSpec[Any], recipient: Recipient) -> None:
    """Refuse a postal code or phone suffix for a kind that takes none."""
    if recipient != NO_RECIPIENT and not spec.takes_recipient:
        raise invalid("recipient_parcels_only")


def _comparable(number: str) -> str:
    """Return a number as Track123 matches it: case and dashes do not count."""
    return number.replace("-", "").upper()


def find(entry: Track123ConfigEntry, number: str) -> list[Shipment]:
    """Return the shipments of an entry with a tracking number."""
    wanted = _comparable(number)
    return [
        shipment
        for shipment in entry.runtime_data.coordinator.data.values()
        if _comparable(shipment.number) == wanted
    ]


def tracked(entry: Track123ConfigEntry, number: str) -> list[Shipment]:
    """Return the shipments with a tracking number; refuse a number not tracked."""
    if not (found := find(entry, number)):
        raise invalid("not_tracked", number=number)
    return found


async def async_carrier_code(
    entry: Track123ConfigEntry, spec: KindSpec[Any], carrier: str
) -> str:
    """Return a carrier's code as Track123 spells it; refuse one it does not know."""
    couriers = await spec.list_carriers(entry.runtime_data.client)
    codes = {courier.code.lower(): courier.code for courier in couriers}
    if (code := codes.get(carrier.lower())) is None:
        raise invalid("unknown_carrier", carrier=carrier)
    return code
