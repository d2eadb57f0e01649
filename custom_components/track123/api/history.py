"""Models that keep only their newest events: the rest is fetched when asked for.

A poll of a large account returns every tracking with its whole history, but what
a status, a stale-answer check or an attribute needs is the newest event (each
container's, for ocean cargo). A client asked to keep no history trims what it
parses and marks the model ``history_complete=False``; a query through
``Track123Client.full_history()`` returns the whole history again.
"""

from dataclasses import replace

from .models import AirShipment, OceanShipment, Parcel


def newest_parcel_event(parcel: Parcel) -> Parcel:
    """Return a parcel with its newest event only."""
    if len(parcel.events) <= 1:
        return parcel
    return replace(parcel, events=parcel.events[:1], history_complete=False)


def newest_air_event(air: AirShipment) -> AirShipment:
    """Return an air waybill with its newest event only."""
    if len(air.events) <= 1:
        return air
    return replace(air, events=air.events[:1], history_complete=False)


def newest_ocean_events(ocean: OceanShipment) -> OceanShipment:
    """Return an ocean shipment whose containers keep their newest event only."""
    if all(len(container.events) <= 1 for container in ocean.containers):
        return ocean
    return replace(
        ocean,
        containers=tuple(
            replace(container, events=container.events[:1])
            for container in ocean.containers
        ),
        history_complete=False,
    )
