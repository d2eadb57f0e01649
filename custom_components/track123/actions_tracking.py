"""Actions that start and stop tracking: add_shipment and remove_shipment."""

from dataclasses import replace
from typing import Any

from homeassistant.core import ServiceCall

from .actions_input import (
    ATTR_CARRIER,
    ATTR_KIND,
    ATTR_LABEL,
    ATTR_NUMBER_TYPE,
    async_carrier_code,
    check_accepted,
    check_recipient,
    entry_of,
    failed,
    find,
    invalid,
    kind_of,
    label_of,
    number_of,
    reason,
    recipient_of,
    tracked,
)
from .api import OceanNumberType, Track123Error
from .coordinator import Track123ConfigEntry
from .kinds import KINDS, KindSpec
from .shipment import NewShipment, ShipmentDetail, shipment_key
from .store import AddedShipment

NUMBER_TYPES = {
    "booking": OceanNumberType.BOOKING,
    "bill_of_lading": OceanNumberType.BILL_OF_LADING,
    "container": OceanNumberType.CONTAINER,
}


def _new_shipment(call: ServiceCall) -> NewShipment:
    """Validate what add_shipment was given."""
    number = number_of(call)
    kind = kind_of(call.data[ATTR_KIND])
    spec = KINDS[kind]
    label = label_of(call.data.get(ATTR_LABEL))
    number_type = OceanNumberType.CONTAINER
    if (type_name := call.data.get(ATTR_NUMBER_TYPE)) is not None:
        if (number_type_given := NUMBER_TYPES.get(type_name)) is None:
            raise invalid("unknown_number_type")
        if not spec.takes_number_type:
            raise invalid("number_type_ocean_only")
        number_type = number_type_given
    recipient = recipient_of(call)
    check_recipient(spec, recipient)
    return NewShipment(
        kind=kind,
        number=number,
        carrier=(call.data.get(ATTR_CARRIER) or "").strip() or None,
        label=label,
        number_type=number_type,
        postal_code=recipient.postal_code,
        phone_suffix=recipient.phone_suffix,
    )


async def async_add_shipment(call: ServiceCall) -> None:
    """Register a shipment with Track123 and show it at once."""
    entry = entry_of(call)
    new = _new_shipment(call)
    if find(entry, new.number):
        raise invalid("already_tracked", number=new.number)
    runtime = entry.runtime_data
    spec = KINDS[new.kind]
    try:
        if new.carrier is not None:
            new = replace(
                new, carrier=await async_carrier_code(entry, spec, new.carrier)
            )
        elif spec.detects_carrier and (
            candidates := await runtime.client.detect_courier(new.number)
        ):
            new = replace(new, carrier=candidates[0].code)
        result = await spec.register(runtime.client, new)
        if result.rejected:
            raise invalid(
                "number_rejected",
                number=new.number,
                reason=reason(result.rejected[0]),
            )
        added = AddedShipment(
            kind=new.kind,
            number=new.number,
            carrier=new.carrier,
            label=new.label,
            number_type=int(new.number_type),
        )
        detail = await async_query(entry, spec, added)
    except Track123Error as err:
        raise failed(err) from err
    if detail is not None:
        # Remember the shipment as Track123 knows it (carrier found, number
        # normalised), so that its stored key is the key of its sensor.
        added = replace(added, number=spec.number(detail), carrier=spec.carrier(detail))
    await runtime.store.async_add(added)
    if detail is not None:
        runtime.coordinator.async_set_shipment(detail)


async def async_query(
    entry: Track123ConfigEntry, spec: KindSpec[Any], added: AddedShipment
) -> ShipmentDetail | None:
    """Fetch one shipment as Track123 knows it now."""
    client = entry.runtime_data.client
    items = (await spec.query_added(client, [added], poll=False)).items
    return items[0] if items else None


async def async_remove_shipment(call: ServiceCall) -> None:
    """Stop tracking a shipment, in Track123 and in Home Assistant.

    A shipment Track123 refuses to delete stays, and the action says why: in the
    account scope it would come back at the next poll.
    """
    entry = entry_of(call)
    number = number_of(call)
    runtime = entry.runtime_data
    for shipment in tracked(entry, number):
        try:
            result = await shipment.spec.delete(runtime.client, shipment)
        except Track123Error as err:
            raise failed(err) from err
        check_accepted("removal_rejected", shipment.number, result)
        await runtime.store.async_remove(shipment_key(shipment.kind, shipment.number))
        runtime.coordinator.async_forget_shipment(shipment.key)
