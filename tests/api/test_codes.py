"""Tests of the status and service code enums."""

import pytest

from custom_components.track123.api import (
    AirEventStatus,
    AirStatus,
    OceanEventStatus,
    OceanLocationType,
    OceanNumberType,
    OceanSearchStatus,
    OceanTransitStatus,
    ParcelStatus,
    ParcelSubStatus,
    QueryStatus,
    ServiceCode,
)

# Expected values and descriptions, copied from the seed status tables.
SEED_TABLES: dict[type, dict[str, str]] = {
    ServiceCode: {
        "00000": "Success",
        "A0001": "User terminal error.",
        "A0200": "Server error.",
        "A0201": "Account does not exist.",
        "A0202": "The user account is locked.",
        "A0203": "The user account is invalid.",
        "A0230": "Token is invalid or expired.",
        "A0231": "Token has been forbidden.",
        "A0300": "Abnormal access rights.",
        "A0301": "Unauthorized access.",
        "A0400": "User request parameter error.",
        "A0410": "The parameter for the request is null.",
        "B0001": "System error.",
        "B0100": "System timeout.",
        "B0210": "Exceed flow limits.",
        "B0300": "Abnormal system resources.",
        "B0310": "System resources are exhausted.",
        "C0113": "The interface does not exist.",
        "D0000": "Other errors, detailed information will be returned in msg or data.",
    },
    QueryStatus: {
        "001": "Normal Track",
        "002": "Not Found",
        "003": "Web Error",
        "004": "Process Error",
        "005": "Web Error [Cache]",
        "006": "Process Error [Cache]",
    },
    ParcelStatus: {
        "INIT": "New shipments added that are pending to track.",
        "NO_RECORD": "This shipment has no tracking information available yet.",
        "INFO_RECEIVED": "The carrier has received a request from the shipper and is preparing to pick up the package.",
        "IN_TRANSIT": "The shipment is in transit.",
        "WAITING_DELIVERY": "The shipment is out for delivery or has arrived at the collection point for pick up.",
        "DELIVERY_FAILED": "Carrier attempted to deliver but failed due to address issues, unavailability of the recipient, etc.",
        "ABNORMAL": "Parcels are damaged, returned, customs detained, and other abnormal situations.",
        "DELIVERED": "Parcel delivered successfully.",
        "EXPIRED": "Parcel has no tracking information for 30 days since added.",
    },
    ParcelSubStatus: {
        "INFO_RECEIVED_01": "The carrier has received a request from the shipper and is preparing to pick up the package.",
        # The seed's "it's" corrected: the description is shown to users.
        "IN_TRANSIT_01": "Parcel is on its way.",
        "IN_TRANSIT_02": "Parcels have arrived at the sorting center.",
        "IN_TRANSIT_03": "Parcel customs clearance completed.",
        "IN_TRANSIT_04": "Dispatching, the package has been encapsulated and will be sent to the airport soon.",
        "IN_TRANSIT_05": "The package has been handed over to the airline and is being sent to the destination country.",
        "IN_TRANSIT_06": "Landed, the package has arrived in the destination country.",
        "IN_TRANSIT_07": "The parcel has arrived at the local post office or courier outlet and delivery will be arranged soon.",
        "IN_TRANSIT_08": "The package is on the plane and the plane has departed.",
        "WAITING_DELIVERY_01": "The parcel is out for delivery.",
        "WAITING_DELIVERY_02": "The parcel has arrived at the collection point for receipts to pick up.",
        "WAITING_DELIVERY_03": "The recipient requests a delayed delivery or the courier leaves a note after a failed delivery waiting for a second delivery.",
        "DELIVERED_01": "Parcel delivered successfully.",
        "DELIVERED_02": "Successful pick-up by the recipient at the collection point.",
        "DELIVERED_03": "Parcel delivered and signed by the customer.",
        "DELIVERED_04": "Parcel delivered to property owners, doormen, family members, or neighbors",
        "DELIVERY_FAILED_01": "Delivery failed due to address related issues.",
        "DELIVERY_FAILED_02": "Delivery failed due to the recipient was not at home.",
        "DELIVERY_FAILED_03": "Delivery failed due to the recipient can not being reached.",
        "DELIVERY_FAILED_04": "Delivery failed due to other reasons.",
        "ABNORMAL_01": "Parcel unclaimed.",
        "ABNORMAL_02": "Parcels detained by customs.",
        "ABNORMAL_03": "The package is damaged, lost, or discarded.",
        "ABNORMAL_04": "The order is canceled.",
        "ABNORMAL_05": "The recipient refuses to accept the parcel.",
        "ABNORMAL_06": "The return package has been successfully received by the sender.",
        "ABNORMAL_07": "The package is on its way to the sender.",
        "ABNORMAL_08": "Other exceptions.",
    },
    OceanSearchStatus: {
        "INIT": "New shipments added that are pending to track.",
        "IN_TRANSIT": "The shipment is in transit",
        "FINAL": "All cargos of the shipment delivered successfully.",
        "NO_RECORD": "The shipment has no tracking information available yet.",
        "EXPIRED": "The shipment has no tracking information for 30 days since added.",
    },
    OceanTransitStatus: {
        "NO_RECORD": "The cargo has no tracking information available yet.",
        "IN_TRANSIT": "The cargo is in transit",
        "DELIVERED": "Cargo delivered successfully.",
        "EXPIRED": "The cargo has no tracking information for 30 days since added.",
    },
    OceanEventStatus: {
        "STUF": "Empty to shipper",
        "STRP": "Empty returned",
        "LOAD": "Loaded",
        "DISC": "Discharged",
        "GTOT": "Gate out",
        "GTIN": "Gate in",
        "DEPA": "Departed",
        "ARRI": "Arrived",
        "BERT": "Berthed",
        "HOLD": "Container on hold",
        "CUST": "Customs released",
        "RELS": "Carrier released",
        "UNKNOWN": "Unknown",
    },
    OceanLocationType: {
        "PRE": "Place of receipt",
        "POL": "Port of loading",
        "POT": "Port of transfer",
        "POD": "Port of discharge",
        "PDE": "Place of delivery",
    },
    AirStatus: {
        "INIT": "New shipments added that are pending to track.",
        "BOOKED": "Consignment booked on a certain flight",
        "RECEIVED": "Consignment received from shipper or agent",
        "IN_TRANSIT": "Consignment has been shipped and is on the way to destination",
        "ARRIVED": "Consignment arrived on a certain flight",
        "NOTIFIED": "Consignment arrived at destination and the consignee or agent has been",
        "DELIVERED": "Consignment delivered to Consignee or (if not possible) to customs",
        "EXCEPTION": "Consignment missing, cargo damaged, or any other exceptions",
        "NO_RECORD": "The shipment is not found and there is no tracking information available",
        "EXPIRED": "The cargo has no tracking information for 30 days since added.",
    },
}

# The seed's air event table repeats the air statuses from BOOKED to EXCEPTION.
SEED_TABLES[AirEventStatus] = {
    value: description
    for value, description in SEED_TABLES[AirStatus].items()
    if value not in ("INIT", "NO_RECORD", "EXPIRED")
}

ALL_ENUMS = [*SEED_TABLES, OceanNumberType]


@pytest.mark.parametrize(
    ("enum", "value", "description"),
    [
        (enum, value, description)
        for enum, table in SEED_TABLES.items()
        for value, description in table.items()
    ],
)
def test_seed_descriptions(enum, value: str, description: str) -> None:
    """Every seed value parses to a member carrying the seed's description."""
    member = enum(value)
    assert member.value == value
    assert member.description == description
    assert member is not enum.UNKNOWN or value == "UNKNOWN"


@pytest.mark.parametrize("enum", list(SEED_TABLES))
def test_every_member_is_in_the_seed(enum) -> None:
    """No member is invented beyond the seed (apart from UNKNOWN and A0706)."""
    extra = {m.value for m in enum} - set(SEED_TABLES[enum]) - {"UNKNOWN", "A0706"}
    assert not extra


@pytest.mark.parametrize("enum", ALL_ENUMS)
@pytest.mark.parametrize("value", [None, "", "NOT_A_CODE", 12.5, [1], {"a": 1}, True])
def test_unknown_values_parse_to_unknown(enum, value: object) -> None:
    """Unknown, empty or malformed values never raise."""
    assert enum.parse(value) is enum.UNKNOWN
    assert enum.UNKNOWN.description


def test_lenient_forms() -> None:
    """Case, whitespace and numeric forms are accepted."""
    assert ParcelSubStatus.parse(" in_transit_02 ") is ParcelSubStatus.IN_TRANSIT_02
    assert ServiceCode.parse("a0230") is ServiceCode.TOKEN_INVALID_OR_EXPIRED
    assert QueryStatus.parse(1) is QueryStatus.NORMAL_QUERY
    assert QueryStatus.parse("3") is QueryStatus.UNSTABLE_OFFICIAL_WEBSITE
    assert QueryStatus.parse("999") is QueryStatus.UNKNOWN
    assert OceanNumberType.parse("3") is OceanNumberType.CONTAINER
    assert OceanNumberType.parse("9") is OceanNumberType.UNKNOWN
    assert OceanNumberType.parse(2) is OceanNumberType.BILL_OF_LADING


def test_aliases_and_extras() -> None:
    """B0100 has two names; A0706 (rate limit) is known; number types are described."""
    assert (
        ServiceCode.SYSTEM_ORDER_PROCESSING_TIMEOUT
        is ServiceCode.SYSTEM_EXECUTION_TIMEOUT
    )
    assert ServiceCode("A0706") is ServiceCode.TOO_MANY_REQUESTS
    assert OceanNumberType.BOOKING.description == "Booking number"
    assert OceanNumberType.BILL_OF_LADING.description == "Bill of lading number"
    assert OceanNumberType.CONTAINER.description == "Container number"
    assert ParcelStatus.DELIVERED == "DELIVERED"
    assert f"{ParcelStatus.DELIVERED}" == "DELIVERED"
