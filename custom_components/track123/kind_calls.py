"""What each kind of shipment asks Track123 to change: delete, carrier, retrack, label.

The kind table (``kinds.py``) names these calls; the actions reach them through it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from .api import ImportResult, OceanImport, OceanNumberType, Parcel, Track123Client
from .shipment import Shipment


class Recipient(NamedTuple):
    """What some carriers need to find a parcel: the recipient's postal code and phone."""

    postal_code: str | None = None
    phone_suffix: str | None = None


NO_RECIPIENT = Recipient()


def ocean_key(number: str, number_type: int | None, carrier: str | None) -> OceanImport:
    """Return how Track123 addresses an ocean shipment (container number by default)."""
    return OceanImport(number, OceanNumberType.parse(number_type or 3), carrier)


async def delete_parcel(client: Track123Client, shipment: Shipment) -> ImportResult:
    """Stop tracking a parcel, naming its courier where known."""
    courier = {shipment.number: shipment.carrier} if shipment.carrier else None
    return await client.delete_parcels([shipment.number], courier)


async def change_parcel_courier(
    client: Track123Client, shipment: Shipment, courier: str
) -> None:
    """Move a parcel to another courier."""
    await client.update_parcel_courier(shipment.number, shipment.carrier, courier)


async def retrack_parcel(
    client: Track123Client, shipment: Shipment, recipient: Recipient
) -> ImportResult:
    """Give a parcel the recipient's details where asked, then track it again."""
    if recipient != NO_RECIPIENT:
        await client.update_parcel(
            shipment.number,
            shipment.carrier,
            postal_code=recipient.postal_code,
            phone_suffix=recipient.phone_suffix,
        )
    return await client.retrack_parcel(shipment.number, shipment.carrier)


async def update_parcel_label(
    client: Track123Client, parcel: Parcel, label: str | None
) -> Parcel:
    """Keep a parcel's label as Track123's remark (an empty remark clears it)."""
    await client.update_parcel(parcel.track_no, parcel.courier_code, remark=label or "")
    return replace(parcel, remark=label)


def _ocean_ref(shipment: Shipment) -> OceanImport:
    """Return how Track123 addresses an ocean shipment shown: its number and type."""
    number_type = shipment.spec.number_type(shipment.detail)
    return ocean_key(shipment.number, number_type, shipment.carrier)


async def delete_ocean(client: Track123Client, shipment: Shipment) -> ImportResult:
    """Stop tracking an ocean shipment."""
    return await client.delete_ocean([_ocean_ref(shipment)])


async def change_ocean_carrier(
    client: Track123Client, shipment: Shipment, carrier: str
) -> None:
    """Move an ocean shipment to another carrier."""
    await client.update_ocean_carrier(_ocean_ref(shipment), carrier)


async def retrack_ocean(
    client: Track123Client, shipment: Shipment, _recipient: Recipient
) -> ImportResult:
    """Ask Track123 to track an ocean shipment again."""
    return await client.refresh_ocean([_ocean_ref(shipment)])


async def delete_air(client: Track123Client, shipment: Shipment) -> ImportResult:
    """Stop tracking an air waybill."""
    return await client.delete_air([shipment.number])


async def change_airline(
    client: Track123Client, shipment: Shipment, airline: str
) -> None:
    """Move an air waybill to another airline."""
    await client.update_air_carrier(shipment.number, airline)


async def retrack_air(
    client: Track123Client, shipment: Shipment, _recipient: Recipient
) -> ImportResult:
    """Ask Track123 to fetch an air waybill again from its airline."""
    return await client.retrack_air([shipment.number])
