"""Air waybill tracking objects (one ``content`` item of an air query)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from track123_simulator.places import AIRPORTS
from track123_simulator.shipments import AirShipment
from track123_simulator.timefmt import fmt
from track123_simulator.timestyle import PLAIN, TimeStyle


def air_payload(
    shipment: AirShipment, now: datetime, style: TimeStyle = PLAIN
) -> dict[str, Any]:
    """Build the air tracking object as of ``now`` (times in UTC unless ``style`` says)."""
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
                "departureTime": style.shipment_time(
                    start + f.departure, AIRPORTS[f.origin].utc_offset
                ),
                "arrivalTime": style.shipment_time(
                    start + f.arrival, AIRPORTS[f.destination].utc_offset
                ),
            }
            for f in plan.flights
        ]
        if events
        else [],
        "events": [
            {
                "status": e.status,
                **style.cargo_event(
                    t, e.place.utc_offset, (shipment.tracking_no, index), None
                ),
                "location": e.place.name,
                "flightNo": e.flight_no,
                "pieces": plan.pieces,
                "description": e.description,
            }
            for index, (t, e) in reversed(list(enumerate(events)))
        ],
    }
