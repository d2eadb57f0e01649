"""Actions that correct a tracked shipment: change_carrier, retrack and set_label."""

from dataclasses import replace

from homeassistant.core import ServiceCall

from .actions_input import (
    ATTR_CARRIER,
    ATTR_LABEL,
    async_carrier_code,
    check_accepted,
    check_recipient,
    entry_of,
    failed,
    invalid,
    label_of,
    number_of,
    recipient_of,
    refused,
    tracked,
)
from .actions_tracking import async_query
from .api import Track123Error, Track123InvalidRequestError
from .const import LOGGER
from .shipment import shipment_key
from .store import AddedShipment


async def async_change_carrier(call: ServiceCall) -> None:
    """Track a shipment with another carrier; its sensor stays and shows it at once."""
    entry = entry_of(call)
    number = number_of(call)
    if not (carrier := str(call.data[ATTR_CARRIER]).strip()):
        raise invalid("carrier_empty")
    found = tracked(entry, number)
    if len(found) > 1:
        raise invalid("number_ambiguous", number=number)
    shipment = found[0]
    spec = shipment.spec
    runtime = entry.runtime_data
    try:
        code = await async_carrier_code(entry, spec, carrier)
        if code == shipment.carrier:
            return
        await spec.change_carrier(runtime.client, shipment, code)
    except Track123Error as err:
        raise failed(err) from err
    store = runtime.store
    key = shipment_key(shipment.kind, shipment.number)
    if (stored := store.added_shipment(key)) is not None:
        await store.async_add(replace(stored, carrier=code))
    added = AddedShipment(
        kind=shipment.kind,
        number=shipment.number,
        carrier=code,
        number_type=spec.number_type(shipment.detail),
    )
    try:
        detail = await async_query(entry, spec, added)
    except Track123Error as err:
        # The carrier did change: the next poll shows it.
        LOGGER.debug("Could not fetch a shipment after its change of carrier: %s", err)
        return
    if detail is not None:
        runtime.coordinator.async_set_shipment(detail)


async def async_retrack(call: ServiceCall) -> None:
    """Ask Track123 to track a shipment again, with a recipient's details if given.

    Track123 retracks each number at most once in six hours; a refusal says so.
    """
    entry = entry_of(call)
    number = number_of(call)
    recipient = recipient_of(call)
    found = tracked(entry, number)
    for shipment in found:
        check_recipient(shipment.spec, recipient)
    client = entry.runtime_data.client
    for shipment in found:
        try:
            result = await shipment.spec.retrack(client, shipment, recipient)
        except Track123InvalidRequestError as err:
            raise refused(
                "retrack_refused", number=shipment.number, reason=err.message
            ) from err
        except Track123Error as err:
            raise failed(err) from err
        check_accepted("retrack_refused", shipment.number, result)


async def async_set_label(call: ServiceCall) -> None:
    """Name a shipment; kept at Track123 where the kind has a field for it.

    A label kept at Track123 comes back after a reinstall. An empty label clears it.
    """
    entry = entry_of(call)
    number = number_of(call)
    label = label_of(call.data.get(ATTR_LABEL))
    runtime = entry.runtime_data
    for shipment in tracked(entry, number):
        detail = shipment.detail
        if (update_label := shipment.spec.update_label) is not None:
            try:
                detail = await update_label(runtime.client, detail, label)
            except Track123Error as err:
                raise failed(err) from err
        await runtime.store.async_set_label(shipment.kind, shipment.number, label)
        runtime.coordinator.async_set_shipment(detail)
