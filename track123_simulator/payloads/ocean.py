"""Ocean tracking objects (one ``content`` item of an ocean query)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from track123_simulator.couriers import OCEAN_CARRIERS
from track123_simulator.places import Place
from track123_simulator.shipments import OceanShipment
from track123_simulator.timefmt import fmt
from track123_simulator.timestyle import PLAIN, TimeStyle


def _place(place: Place) -> dict[str, str]:
    return {"name": place.name, "unlocode": place.unlocode, "country": place.country}


def ocean_payload(
    shipment: OceanShipment, now: datetime, style: TimeStyle = PLAIN
) -> dict[str, Any]:
    """Build the ocean tracking object as of ``now`` (times in UTC unless ``style`` says)."""
    search_status = shipment.search_status(now)
    plan = shipment.plan
    containers = []
    for number, events in shipment.container_events(now):
        if not events and shipment.number_type != 3:
            continue
        if not events:
            transit = "EXPIRED" if search_status == "EXPIRED" else "NO_RECORD"
        else:
            transit = (
                "DELIVERED" if any(s.delivers for _, s in events) else "IN_TRANSIT"
            )
        containers.append(
            {
                "containerNo": number,
                "transitStatus": transit,
                "events": [
                    {
                        "eventStatus": s.event_status,
                        **style.cargo_event(
                            t,
                            s.place.utc_offset,
                            (shipment.tracking_no, number, index),
                            "eventTimeUTC",
                        ),
                        "locationType": s.location_type,
                        "location": _place(s.place),
                        "vessel": s.vessel,
                        "voyage": s.voyage,
                        "description": s.description,
                    }
                    for index, (t, s) in reversed(list(enumerate(events)))
                ],
            }
        )
    has_data = search_status in {"IN_TRANSIT", "FINAL"}
    carrier = OCEAN_CARRIERS.get(shipment.carrier_code)
    return {
        "id": shipment.id,
        "trackingNo": shipment.tracking_no,
        "type": shipment.number_type,
        "carrierCode": shipment.carrier_code,
        "carrierName": carrier.name_en if carrier else shipment.carrier_code,
        "orderNo": shipment.order_no,
        "createTime": fmt(shipment.added_at),
        "searchStatus": search_status,
        "pol": _place(plan.pol) if has_data else None,
        "pod": _place(plan.pod) if has_data else None,
        "eta": style.shipment_time(
            shipment.added_at + plan.eta_offset, plan.pod.utc_offset
        )
        if has_data
        else None,
        **_etd(shipment, style, has_data),
        "containers": containers,
    }


def _etd(shipment: OceanShipment, style: TimeStyle, has_data: bool) -> dict[str, Any]:
    """``etd`` (departure from the port of loading), written only with local times."""
    if not style.local:
        return {}
    departure = next(
        (
            step.offset
            for step in shipment.plan.containers[0][1]
            if step.event_status == "DEPA"
        ),
        None,
    )
    if departure is None or not has_data:
        return {"etd": None}
    return {
        "etd": style.shipment_time(
            shipment.added_at + departure, shipment.plan.pol.utc_offset
        )
    }
