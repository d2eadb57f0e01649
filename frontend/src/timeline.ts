/**
 * A shipment's whole history, as the websocket command ``track123/shipment_history``
 * returns it, in the sections the dialog shows: one per container of an ocean
 * shipment with several, else one. Events stay in the order the integration gives
 * (newest first; undated events keep their place).
 */

/** What ``track123/shipment_history`` answers. */
export interface ShipmentHistory {
  config_entry_id: string;
  entity_id: string;
  kind: string;
  tracking_number: string;
  carrier: string | null;
  tracking_link: string | null;
  /** A parcel's route and pieces, which its state does not carry. */
  origin_country?: string | null;
  destination_country?: string | null;
  pieces?: number | null;
  events: Record<string, unknown>[];
}

export interface TimelineEntry {
  time: Date | null;
  description: string | null;
  /** The event's own status or sub-status code, to translate. */
  status: string | null;
  location: string | null;
  flight: string | null;
}

export interface TimelineSection {
  /** The container the events are of, when the shipment has several. */
  container: string | null;
  entries: TimelineEntry[];
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function entryOf(event: Record<string, unknown>): TimelineEntry {
  const time = text(event.time);
  const parsed = time === null ? null : new Date(time);
  return {
    time: parsed !== null && !Number.isNaN(parsed.getTime()) ? parsed : null,
    description: text(event.description),
    status: text(event.sub_status) ?? text(event.status),
    location: text(event.location),
    flight: text(event.flight_number),
  };
}

/** Return the history's events in sections, every event once. */
export function timelineSections(events: readonly Record<string, unknown>[]): TimelineSection[] {
  const sections = new Map<string | null, TimelineEntry[]>();
  for (const event of events) {
    const container = text(event.container_number);
    let entries = sections.get(container);
    if (entries === undefined) {
      entries = [];
      sections.set(container, entries);
    }
    entries.push(entryOf(event));
  }
  const several = sections.size > 1;
  return [...sections].map(([container, entries]) => ({
    container: several ? container : null,
    entries,
  }));
}
