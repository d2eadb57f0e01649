"""Tests of the details a shipment's sensor shows: units, and nothing empty."""

import pytest

from custom_components.track123.api import AirShipment, OceanShipment, Parcel
from custom_components.track123.attributes import (
    air_attributes,
    ocean_attributes,
    parcel_attributes,
    weight_text,
)


@pytest.mark.parametrize(
    ("weight", "unit", "shown"),
    [
        (120.5, None, "120.5 kg"),
        (120.5, "KG", "120.5 kg"),
        (3.0, "K", "3 kg"),
        (1250.0, "LBS", "1,250 lb"),
        (0.25, "l", "0.25 lb"),
        (2.0, "t", "2 t"),
        (None, "kg", None),
    ],
)
def test_weight_with_its_unit(
    weight: float | None, unit: str | None, shown: str | None
) -> None:
    """A weight reads with its unit; kilograms when Track123 names none."""
    assert weight_text(weight, unit) == shown


def test_air_waybill_weight_in_pounds() -> None:
    """An air waybill weighed in pounds shows pounds."""
    attributes = air_attributes(
        AirShipment(awb="176-12345675", weight=1250.0, weight_unit="LBS"),
        None,
        full=False,
    )
    assert attributes["weight"] == "1,250 lb"


@pytest.mark.parametrize(
    "attributes",
    [
        parcel_attributes(Parcel(track_no="1Z999AA10123456784"), None, full=True),
        ocean_attributes(OceanShipment(tracking_no="MSKU1234567"), None, full=True),
        air_attributes(AirShipment(awb="176-12345675"), None, full=True),
    ],
    ids=["parcel", "ocean", "air"],
)
def test_nothing_empty_shown(attributes: dict[str, object]) -> None:
    """A shipment Track123 knows nothing about yet shows its identity, no blanks.

    No "Unknown" label, order number or delivery time, no empty list of
    containers or flights; the events stay, empty, for templates to iterate.
    """
    assert set(attributes) <= {"kind", "tracking_number", "events", "query_status"}
    assert {"kind", "tracking_number", "events"} <= set(attributes)
    assert attributes["events"] == []
