"""Status and service codes of the Track123 Open API, with their documented meanings."""

from enum import IntEnum, StrEnum
import logging
from typing import Self, cast

_LOGGER = logging.getLogger(__name__)

UNKNOWN_DESCRIPTION = "Unknown"
# Unknown codes already reported; bounded, so that a server sending garbage cannot
# grow it without end.
_REPORTED: set[tuple[str, str]] = set()
_MAX_REPORTED = 256


def _report_unknown(kind: str, code: str) -> None:
    """Log an unknown code once per process, with the raw code."""
    if (kind, code) in _REPORTED or len(_REPORTED) >= _MAX_REPORTED:
        return
    _REPORTED.add((kind, code))
    _LOGGER.warning(
        "Track123 sent a %s the library does not know: %r; it is kept as raw text",
        kind,
        code,
    )


def _decimal(text: str) -> int | None:
    """Return the integer a string of decimal digits (any script) spells, else None.

    ``str.isdigit`` also accepts superscripts and circled digits that ``int`` refuses,
    and ``int`` refuses more than a few thousand digits.
    """
    text = text.strip()
    if not text.isdecimal() or len(text) > 18:
        return None
    return int(text)


class _CodeEnum(StrEnum):
    """A string code with a description; unknown values parse to ``UNKNOWN``."""

    _value_: str
    _description_: str

    def __new__(cls, value: str, description: str = UNKNOWN_DESCRIPTION) -> Self:
        """Create a member carrying its description."""
        member = str.__new__(cls, value)
        member._value_ = value
        member._description_ = description
        return member

    @property
    def description(self) -> str:
        """Return the documented meaning of the code."""
        return self._description_

    @classmethod
    def parse(cls, value: object) -> Self:
        """Return the member for a raw value; ``UNKNOWN`` when it is not known.

        An unknown code is logged once per process.
        """
        member = cls(cast("str", value))
        if member is cls["UNKNOWN"] and (code := cls._normalize(value)):
            if code != "UNKNOWN":
                _report_unknown(cls.__name__, code)
        return member

    @classmethod
    def _normalize(cls, value: object) -> str | None:
        """Return the canonical string form of a raw value."""
        if isinstance(value, str):
            return value.strip().upper()
        return None

    @classmethod
    def _missing_(cls, value: object) -> Self:
        """Map any unknown or malformed value to ``UNKNOWN``."""
        normalized = cls._normalize(value)
        if normalized is not None:
            for member in cls:
                if member.value == normalized:
                    return member
        return cls["UNKNOWN"]


class Behaviour(StrEnum):
    """What a service code means for the caller, as the code's own text says."""

    SUCCESS = "success"
    REAUTHENTICATE = "reauthenticate"  # the key or the account is wrong
    # A server error whose name says login: counted, re-authentication only if it
    # persists.
    AMBIGUOUS_AUTH = "ambiguous_auth"
    TRANSIENT = "transient"  # retry later
    RATE_LIMITED = "rate_limited"  # retry after a pause
    BAD_REQUEST = "bad_request"  # not retried
    INTERFACE_MISSING = "interface_missing"  # try the documented alternative path
    UNEXPLAINED = "unexplained"  # details only in msg or data; not retried


class ServiceCode(_CodeEnum):
    """Service status code (the ``code`` field of every response), row by row from the seed.

    Each row: the code, its seed name (the member's name), the seed's text and what
    the text means for the caller.
    """

    _behaviour_: Behaviour

    def __new__(
        cls,
        value: str,
        description: str = UNKNOWN_DESCRIPTION,
        behaviour: Behaviour = Behaviour.UNEXPLAINED,
    ) -> Self:
        """Create a member carrying its description and behaviour."""
        member = str.__new__(cls, value)
        member._value_ = value
        member._description_ = description
        member._behaviour_ = behaviour
        return member

    @property
    def behaviour(self) -> Behaviour:
        """Return what the code means for the caller."""
        return self._behaviour_

    SUCCESS = "00000", "Success", Behaviour.SUCCESS
    USER_ERROR = "A0001", "User terminal error.", Behaviour.BAD_REQUEST
    USER_LOGIN_ERROR = "A0200", "Server error.", Behaviour.AMBIGUOUS_AUTH
    USER_NOT_EXIST = "A0201", "Account does not exist.", Behaviour.REAUTHENTICATE
    USER_ACCOUNT_LOCKED = (
        "A0202",
        "The user account is locked.",
        Behaviour.REAUTHENTICATE,
    )
    USER_ACCOUNT_INVALID = (
        "A0203",
        "The user account is invalid.",
        Behaviour.REAUTHENTICATE,
    )
    TOKEN_INVALID_OR_EXPIRED = (
        "A0230",
        "Token is invalid or expired.",
        Behaviour.REAUTHENTICATE,
    )
    TOKEN_ACCESS_FORBIDDEN = (
        "A0231",
        "Token has been forbidden.",
        Behaviour.REAUTHENTICATE,
    )
    AUTHORIZED_ERROR = "A0300", "Abnormal access rights.", Behaviour.REAUTHENTICATE
    ACCESS_UNAUTHORIZED = "A0301", "Unauthorized access.", Behaviour.REAUTHENTICATE
    PARAM_ERROR = "A0400", "User request parameter error.", Behaviour.BAD_REQUEST
    PARAM_IS_NULL = (
        "A0410",
        "The parameter for the request is null.",
        Behaviour.BAD_REQUEST,
    )
    # Not in the seed: the docs' rate-limit page.
    TOO_MANY_REQUESTS = "A0706", "Too many requests.", Behaviour.RATE_LIMITED
    SYSTEM_EXECUTION_ERROR = "B0001", "System error.", Behaviour.TRANSIENT
    SYSTEM_EXECUTION_TIMEOUT = "B0100", "System timeout.", Behaviour.TRANSIENT
    SYSTEM_ORDER_PROCESSING_TIMEOUT = "B0100", "System timeout.", Behaviour.TRANSIENT
    FLOW_LIMITING = "B0210", "Exceed flow limits.", Behaviour.RATE_LIMITED
    SYSTEM_RESOURCE_ERROR = "B0300", "Abnormal system resources.", Behaviour.TRANSIENT
    # The system's resources, not the account's quota (see docs/track123-fidelity.md).
    SYSTEM_RESOURCE_EXHAUSTION = (
        "B0310",
        "System resources are exhausted.",
        Behaviour.TRANSIENT,
    )
    INTERFACE_NOT_EXIST = (
        "C0113",
        "The interface does not exist.",
        Behaviour.INTERFACE_MISSING,
    )
    SERVICE_DETAIL_MSG_ERROR = (
        "D0000",
        "Other errors, detailed information will be returned in msg or data.",
        Behaviour.UNEXPLAINED,
    )
    UNKNOWN = "UNKNOWN", UNKNOWN_DESCRIPTION, Behaviour.UNEXPLAINED


class QueryStatus(_CodeEnum):
    """Per-tracking query status (``trackingStatus``)."""

    NORMAL_QUERY = "001", "Normal Track"
    NO_RECORD = "002", "Not Found"
    UNSTABLE_OFFICIAL_WEBSITE = "003", "Web Error"
    OFFICIAL_WEBSITE_FORMAT_CHANGES = "004", "Process Error"
    CACHE_FOR_WEBSITE_ERROR = "005", "Web Error [Cache]"
    CACHE_FOR_DEAL_ERROR = "006", "Process Error [Cache]"
    UNKNOWN = "UNKNOWN", UNKNOWN_DESCRIPTION

    @classmethod
    def _normalize(cls, value: object) -> str | None:
        """Accept ``1`` and ``"1"`` as well as ``"001"``."""
        if isinstance(value, str) and value.strip().isdecimal():
            value = _decimal(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:03d}" if 0 <= value < 1000 else None
        return super()._normalize(value)


class ParcelStatus(_CodeEnum):
    """Parcel status (``transitStatus``)."""

    INIT = "INIT", "New shipments added that are pending to track."
    NO_RECORD = "NO_RECORD", "This shipment has no tracking information available yet."
    INFO_RECEIVED = (
        "INFO_RECEIVED",
        "The carrier has received a request from the shipper and is preparing to pick up the package.",
    )
    IN_TRANSIT = "IN_TRANSIT", "The shipment is in transit."
    WAITING_DELIVERY = (
        "WAITING_DELIVERY",
        "The shipment is out for delivery or has arrived at the collection point for pick up.",
    )
    DELIVERY_FAILED = (
        "DELIVERY_FAILED",
        "Carrier attempted to deliver but failed due to address issues, unavailability of the recipient, etc.",
    )
    ABNORMAL = (
        "ABNORMAL",
        "Parcels are damaged, returned, customs detained, and other abnormal situations.",
    )
    DELIVERED = "DELIVERED", "Parcel delivered successfully."
    EXPIRED = "EXPIRED", "Parcel has no tracking information for 30 days since added."
    UNKNOWN = "UNKNOWN", UNKNOWN_DESCRIPTION


class ParcelSubStatus(_CodeEnum):
    """Parcel sub-status (``transitSubStatus``), on a tracking and on each event."""

    INFO_RECEIVED_01 = (
        "INFO_RECEIVED_01",
        "The carrier has received a request from the shipper and is preparing to pick up the package.",
    )
    IN_TRANSIT_01 = "IN_TRANSIT_01", "Parcel is on its way."
    IN_TRANSIT_02 = "IN_TRANSIT_02", "Parcels have arrived at the sorting center."
    IN_TRANSIT_03 = "IN_TRANSIT_03", "Parcel customs clearance completed."
    IN_TRANSIT_04 = (
        "IN_TRANSIT_04",
        "Dispatching, the package has been encapsulated and will be sent to the airport soon.",
    )
    IN_TRANSIT_05 = (
        "IN_TRANSIT_05",
        "The package has been handed over to the airline and is being sent to the destination country.",
    )
    IN_TRANSIT_06 = (
        "IN_TRANSIT_06",
        "Landed, the package has arrived in the destination country.",
    )
    IN_TRANSIT_07 = (
        "IN_TRANSIT_07",
        "The parcel has arrived at the local post office or courier outlet and delivery will be arranged soon.",
    )
    IN_TRANSIT_08 = (
        "IN_TRANSIT_08",
        "The package is on the plane and the plane has departed.",
    )
    WAITING_DELIVERY_01 = "WAITING_DELIVERY_01", "The parcel is out for delivery."
    WAITING_DELIVERY_02 = (
        "WAITING_DELIVERY_02",
        "The parcel has arrived at the collection point for receipts to pick up.",
    )
    WAITING_DELIVERY_03 = (
        "WAITING_DELIVERY_03",
        "The recipient requests a delayed delivery or the courier leaves a note after a failed delivery waiting for a second delivery.",
    )
    DELIVERED_01 = "DELIVERED_01", "Parcel delivered successfully."
    DELIVERED_02 = (
        "DELIVERED_02",
        "Successful pick-up by the recipient at the collection point.",
    )
    DELIVERED_03 = "DELIVERED_03", "Parcel delivered and signed by the customer."
    DELIVERED_04 = (
        "DELIVERED_04",
        "Parcel delivered to property owners, doormen, family members, or neighbors",
    )
    DELIVERY_FAILED_01 = (
        "DELIVERY_FAILED_01",
        "Delivery failed due to address related issues.",
    )
    DELIVERY_FAILED_02 = (
        "DELIVERY_FAILED_02",
        "Delivery failed due to the recipient was not at home.",
    )
    DELIVERY_FAILED_03 = (
        "DELIVERY_FAILED_03",
        "Delivery failed due to the recipient can not being reached.",
    )
    DELIVERY_FAILED_04 = "DELIVERY_FAILED_04", "Delivery failed due to other reasons."
    ABNORMAL_01 = "ABNORMAL_01", "Parcel unclaimed."
    ABNORMAL_02 = "ABNORMAL_02", "Parcels detained by customs."
    ABNORMAL_03 = "ABNORMAL_03", "The package is damaged, lost, or discarded."
    ABNORMAL_04 = "ABNORMAL_04", "The order is canceled."
    ABNORMAL_05 = "ABNORMAL_05", "The recipient refuses to accept the parcel."
    ABNORMAL_06 = (
        "ABNORMAL_06",
        "The return package has been successfully received by the sender.",
    )
    ABNORMAL_07 = "ABNORMAL_07", "The package is on its way to the sender."
    ABNORMAL_08 = "ABNORMAL_08", "Other exceptions."
    UNKNOWN = "UNKNOWN", UNKNOWN_DESCRIPTION

    @classmethod
    def family(cls, code: object) -> ParcelStatus:
        """Return the status a sub-status belongs to, known or not, by its prefix.

        ``IN_TRANSIT_11`` belongs to IN_TRANSIT, as ``IN_TRANSIT_01`` does; UNKNOWN
        when the prefix is no known status.
        """
        text = cls._normalize(code) or ""
        prefix, _, number = text.rpartition("_")
        if not prefix or not number.isdecimal():
            return ParcelStatus.UNKNOWN
        return ParcelStatus(prefix)


class OceanSearchStatus(_CodeEnum):
    """Ocean shipment status (``searchStatus``)."""

    INIT = "INIT", "New shipments added that are pending to track."
    IN_TRANSIT = "IN_TRANSIT", "The shipment is in transit"
    FINAL = "FINAL", "All cargos of the shipment delivered successfully."
    NO_RECORD = "NO_RECORD", "The shipment has no tracking information available yet."
    EXPIRED = (
        "EXPIRED",
        "The shipment has no tracking information for 30 days since added.",
    )
    UNKNOWN = "UNKNOWN", UNKNOWN_DESCRIPTION


class OceanTransitStatus(_CodeEnum):
    """Ocean container status (``transitStatus``)."""

    NO_RECORD = "NO_RECORD", "The cargo has no tracking information available yet."
    IN_TRANSIT = "IN_TRANSIT", "The cargo is in transit"
    DELIVERED = "DELIVERED", "Cargo delivered successfully."
    EXPIRED = (
        "EXPIRED",
        "The cargo has no tracking information for 30 days since added.",
    )
    UNKNOWN = "UNKNOWN", UNKNOWN_DESCRIPTION


class OceanEventStatus(_CodeEnum):
    """Ocean container event (``eventStatus``)."""

    STUF = "STUF", "Empty to shipper"
    STRP = "STRP", "Empty returned"
    LOAD = "LOAD", "Loaded"
    DISC = "DISC", "Discharged"
    GTOT = "GTOT", "Gate out"
    GTIN = "GTIN", "Gate in"
    DEPA = "DEPA", "Departed"
    ARRI = "ARRI", "Arrived"
    BERT = "BERT", "Berthed"
    HOLD = "HOLD", "Container on hold"
    CUST = "CUST", "Customs released"
    RELS = "RELS", "Carrier released"
    UNKNOWN = "UNKNOWN", "Unknown"


class OceanLocationType(_CodeEnum):
    """Role of a location in an ocean shipment (``locationType``)."""

    PRE = "PRE", "Place of receipt"
    POL = "POL", "Port of loading"
    POT = "POT", "Port of transfer"
    POD = "POD", "Port of discharge"
    PDE = "PDE", "Place of delivery"
    UNKNOWN = "UNKNOWN", UNKNOWN_DESCRIPTION


class AirStatus(_CodeEnum):
    """Air waybill status (``aviationStatus``)."""

    INIT = "INIT", "New shipments added that are pending to track."
    BOOKED = "BOOKED", "Consignment booked on a certain flight"
    RECEIVED = "RECEIVED", "Consignment received from shipper or agent"
    IN_TRANSIT = (
        "IN_TRANSIT",
        "Consignment has been shipped and is on the way to destination",
    )
    ARRIVED = "ARRIVED", "Consignment arrived on a certain flight"
    NOTIFIED = (
        "NOTIFIED",
        "Consignment arrived at destination and the consignee or agent has been",
    )
    DELIVERED = (
        "DELIVERED",
        "Consignment delivered to Consignee or (if not possible) to customs",
    )
    EXCEPTION = (
        "EXCEPTION",
        "Consignment missing, cargo damaged, or any other exceptions",
    )
    NO_RECORD = (
        "NO_RECORD",
        "The shipment is not found and there is no tracking information available",
    )
    EXPIRED = (
        "EXPIRED",
        "The cargo has no tracking information for 30 days since added.",
    )
    UNKNOWN = "UNKNOWN", UNKNOWN_DESCRIPTION


def _same_as(member: _CodeEnum) -> tuple[str, str]:
    """Return a member's value and description, for an enum that repeats it."""
    return member.value, member.description


class AirEventStatus(_CodeEnum):
    """Air waybill event (``status``): the seed repeats these air statuses."""

    BOOKED = _same_as(AirStatus.BOOKED)
    RECEIVED = _same_as(AirStatus.RECEIVED)
    IN_TRANSIT = _same_as(AirStatus.IN_TRANSIT)
    ARRIVED = _same_as(AirStatus.ARRIVED)
    NOTIFIED = _same_as(AirStatus.NOTIFIED)
    DELIVERED = _same_as(AirStatus.DELIVERED)
    EXCEPTION = _same_as(AirStatus.EXCEPTION)
    UNKNOWN = "UNKNOWN", UNKNOWN_DESCRIPTION


class OceanNumberType(IntEnum):
    """Kind of number an ocean shipment is tracked by (``type``)."""

    _description_: str

    def __new__(cls, value: int, description: str = UNKNOWN_DESCRIPTION) -> Self:
        """Create a member carrying its description."""
        member = int.__new__(cls, value)
        member._value_ = value
        member._description_ = description
        return member

    UNKNOWN = 0, UNKNOWN_DESCRIPTION
    BOOKING = 1, "Booking number"
    BILL_OF_LADING = 2, "Bill of lading number"
    CONTAINER = 3, "Container number"

    @property
    def description(self) -> str:
        """Return the meaning of the number type."""
        return self._description_

    @classmethod
    def parse(cls, value: object) -> Self:
        """Return the member for a raw value; ``UNKNOWN`` when it is not known."""
        if isinstance(value, bool):
            return cls.UNKNOWN
        return cls(cast("int", value))

    @classmethod
    def _missing_(cls, value: object) -> Self:
        """Accept numeric strings; map anything else to ``UNKNOWN``."""
        if isinstance(value, str) and (number := _decimal(value)) is not None:
            for member in cls:
                if member.value == number:
                    return member
        return cls.UNKNOWN
