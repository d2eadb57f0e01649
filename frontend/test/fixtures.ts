/** Sensor states as the integration writes them, for the card's tests. */

import type { HassEntity } from "../src/types";

let counter = 0;

/** Return a shipment sensor's state; ``attributes`` override the defaults. */
export function sensor(
  state: string,
  attributes: Record<string, unknown> = {},
  entityId?: string,
): HassEntity {
  counter += 1;
  return {
    entity_id: entityId ?? `sensor.track123_shipment_${counter}`,
    state,
    attributes: {
      device_class: "enum",
      kind: "parcel",
      tracking_number: `1Z${String(counter).padStart(8, "0")}`,
      label: null,
      ...attributes,
    },
    last_changed: "2026-11-01T12:00:00+00:00",
    last_updated: "2026-11-01T12:00:00+00:00",
  };
}
