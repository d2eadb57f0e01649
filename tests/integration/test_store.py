"""What the integration keeps between restarts: added shipments and labels."""

from typing import Any

from homeassistant.core import HomeAssistant

from custom_components.track123.const import ShipmentKind
from custom_components.track123.store import AddedShipment, ShipmentStore

from .common import ENTRY_ID

KEY = f"track123.{ENTRY_ID}"


async def test_labels_of_shipments_not_added_here(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Labels of account shipments are kept apart; damaged entries are ignored."""
    hass_storage[KEY] = {
        "version": 1,
        "key": KEY,
        "data": {
            "added": [{"kind": "parcel", "number": "1Z1", "label": "Shoes"}],
            "labels": {
                "ocean_MSKU1234567": "Furniture",
                "boat_X1": "Not a kind",
                "air_176-12345675": 42,
            },
        },
    }
    store = ShipmentStore(hass, ENTRY_ID)
    await store.async_load()

    assert store.label_for(ShipmentKind.PARCEL, "1Z1") == "Shoes"
    assert store.label_for(ShipmentKind.OCEAN, "MSKU1234567") == "Furniture"
    assert store.label_for(ShipmentKind.AIR, "176-12345675") is None
    assert [added.number for added in store.added] == ["1Z1"]

    await store.async_set_label(ShipmentKind.PARCEL, "1Z1", "Boots")
    await store.async_set_label(ShipmentKind.OCEAN, "MSKU1234567", None)
    await store.async_set_label(ShipmentKind.AIR, "176-12345675", "Engine")
    assert store.label_for(ShipmentKind.PARCEL, "1Z1") == "Boots"
    assert store.label_for(ShipmentKind.OCEAN, "MSKU1234567") is None

    await store.async_remove("air_176-12345675")
    assert store.label_for(ShipmentKind.AIR, "176-12345675") is None
    assert hass_storage[KEY]["data"]["labels"] == {}
    assert hass_storage[KEY]["data"]["added"][0]["label"] == "Boots"


async def test_removing_an_unknown_shipment_writes_nothing(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Forgetting what was never kept leaves the file alone."""
    store = ShipmentStore(hass, ENTRY_ID)
    await store.async_load()
    await store.async_add(AddedShipment(kind=ShipmentKind.PARCEL, number="1Z2"))
    before = dict(hass_storage[KEY])

    await store.async_remove("parcel_NOTHING")

    assert hass_storage[KEY] == before
