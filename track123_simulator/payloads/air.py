"""Air waybill tracking objects (one ``content`` item of an air query)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from track123_simulator.shipments import AirShipment
from track123_simulator.timefmt import fmt


def air_payload(shipment: AirShipment, now: datetime) -> dict[str, Any]:
    """Build the air tracking object as of ``now`` (times in UTC)."""
    events = shipment.events(now)
    plan = shipment.plan
    start = shipment.added_at
    return {
        "id": shipment.id,
        "trackingNo": shipment.tracking_no,
        "airlineCode": shipment.airline_code,
        "createTime": fmt(start),
        "aviationStatus": shipment.status(now),
        "origin": plan.origin,
        "destination": plan.destination,
        "pieces": plan.pieces,
        "weight": plan.weight,
        "flights": [
            {
                "flightNo": f.flight_no,
                "from": f.origin,
                "to": f.destination,
                "departureTime": fmt(start + f.departure),
                "arrivalTime": fmt(start + f.arrival),
            }
            for f in plan.flights
        ]
        if events
        else [],
        "events": [
            {
                "status": e.status,
                "eventTime": fmt(t),
                "location": e.place.name,
                "flightNo": e.flight_no,
                "pieces": plan.pieces,
                "description": e.description,
            }
            for t, e in reversed(events)
        ],
    }
