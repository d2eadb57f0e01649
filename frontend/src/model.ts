/**
 * What the card shows, worked out from the shipment sensors' states: rows, their
 * stage on the kind's journey, the group each belongs to and the order they come in.
 * Pure functions, so that they are tested without a browser.
 */

import {
  KINDS,
  type CardConfig,
  type GroupBy,
  type HassEntity,
  type Kind,
  type SortOrder,
} from "./types";

/** One shipment, read from its sensor's state. */
export interface Shipment {
  entityId: string;
  kind: Kind;
  status: string;
  subStatus: string | null;
  name: string;
  number: string;
  carrier: string | null;
  lastEvent: string | null;
  lastEventTime: Date | null;
  lastEventLocation: string | null;
  /** The newest event's own status (ocean and air cargo). */
  lastEventStatus: string | null;
  lastEventLocationType: string | null;
  expectedFrom: Date | null;
  /** The expected delivery window as the sensor gives it, for formatting. */
  expected: { from: string; until: string } | null;
  stalled: boolean;
  /** When it was delivered, for delivered shipments. */
  deliveredAt: Date | null;
}

/** The stages each kind of shipment passes, in order. */
export const STAGES: Readonly<Record<Kind, readonly string[]>> = {
  parcel: ["info_received", "in_transit", "out_for_delivery", "delivered"],
  ocean: ["gate_in", "loaded", "departed", "arrived", "discharged", "delivered"],
  air: ["booked", "received", "departed", "arrived", "notified", "delivered"],
};

/** Where a shipment is on its kind's stages; ``reached`` is -1 before the first. */
export interface Stage {
  stages: readonly string[];
  reached: number;
  problem: boolean;
}

/** What a shipment's status means to the user, in the order the groups are shown. */
export const STATUS_GROUPS = [
  "attention",
  "out_for_delivery",
  "at_destination",
  "in_transit",
  "waiting",
  "not_found",
  "delivered",
] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

const DELIVERED_STATUSES = new Set(["delivered", "final"]);
// Statuses that are a problem whatever the kind; a stalled parcel is one too.
const PROBLEM_STATUSES = new Set(["delivery_failed", "abnormal", "exception", "expired"]);

const STATUS_GROUP_OF: Readonly<Record<string, StatusGroup>> = {
  delivery_failed: "attention",
  abnormal: "attention",
  exception: "attention",
  expired: "attention",
  waiting_delivery: "out_for_delivery",
  // An air waybill at the destination airport, or waiting to be collected, is not
  // on a van to the door: it has a group of its own.
  arrived: "at_destination",
  notified: "at_destination",
  in_transit: "in_transit",
  received: "in_transit",
  init: "waiting",
  info_received: "waiting",
  booked: "waiting",
  no_record: "not_found",
  delivered: "delivered",
  final: "delivered",
};

// Parcel statuses, and the families of parcel sub-statuses, on the parcel stages.
const PARCEL_STAGE: Readonly<Record<string, number>> = {
  info_received: 0,
  in_transit: 1,
  waiting_delivery: 2,
  delivery_failed: 2,
  delivered: 3,
};

// Air statuses (of the waybill and of its events) on the air stages.
const AIR_STAGE: Readonly<Record<string, number>> = {
  booked: 0,
  received: 1,
  in_transit: 2,
  arrived: 3,
  notified: 4,
  delivered: 5,
};

// Ocean event codes on the ocean stages; a transshipment port keeps the
// container "departed" until it reaches its port of discharge.
const OCEAN_STAGE: Readonly<Record<string, number>> = {
  gtin: 0,
  load: 1,
  depa: 2,
  arri: 3,
  bert: 3,
  hold: 3,
  disc: 4,
  cust: 4,
  rels: 4,
  gtot: 4,
  strp: 5,
};
const OCEAN_ORIGIN_TYPES = new Set(["pre", "pol"]);

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function date(value: unknown): Date | null {
  if (typeof value !== "string" || value === "") return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function isKind(value: unknown): value is Kind {
  return typeof value === "string" && (KINDS as readonly string[]).includes(value);
}

/** Return the shipment a sensor shows, or null for any other entity. */
export function shipmentFromState(stateObj: HassEntity): Shipment | null {
  const a = stateObj.attributes;
  const number = text(a.tracking_number);
  // A shipment's sensor is an enum of statuses; the next-delivery summary also names
  // a shipment, but its state is a time.
  if (!isKind(a.kind) || number === null || a.device_class !== "enum") return null;
  const delivered = DELIVERED_STATUSES.has(stateObj.state);
  const lastEventTime = date(a.last_event_time);
  return {
    entityId: stateObj.entity_id,
    kind: a.kind,
    status: stateObj.state,
    subStatus: text(a.sub_status),
    name: text(a.label) ?? number,
    number,
    carrier: text(a.carrier_name) ?? text(a.carrier_code) ?? text(a.airline_code),
    lastEvent: text(a.last_event),
    lastEventTime,
    lastEventLocation: text(a.last_event_location),
    lastEventStatus: text(a.last_event_status),
    lastEventLocationType: text(a.last_event_location_type),
    expectedFrom: date(a.expected_from),
    expected:
      text(a.expected_from) !== null && text(a.expected_until) !== null
        ? { from: a.expected_from as string, until: a.expected_until as string }
        : null,
    stalled: a.stalled === true,
    deliveredAt: delivered
      ? (date(a.delivered_time) ?? lastEventTime ?? date(stateObj.last_changed))
      : null,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
// The integration calls a parcel stalled after this many days without news.
const STALLED_DAYS = 7;

/**
 * Return how many whole days a stalled shipment has been without news, counted from
 * its last event (the state keeps no day counter: it would be written every day);
 * null when it is not stalled or has no dated event.
 */
export function daysWithoutNews(shipment: Shipment, now: Date): number | null {
  if (!shipment.stalled || shipment.lastEventTime === null) return null;
  const days = Math.floor((now.getTime() - shipment.lastEventTime.getTime()) / DAY_MS);
  // Stalled means a week at least, whatever the clocks of Track123 and the browser.
  return Math.max(days, STALLED_DAYS);
}

/** Return the statuses of a history's events (newest first), to place a shipment. */
export function historyStatuses(events: readonly Record<string, unknown>[]): string[] {
  return events
    .map((event) => text(event.sub_status) ?? text(event.status))
    .filter((status): status is string => status !== null);
}

/** Return True when a shipment needs the user's attention. */
export function isProblem(shipment: Shipment): boolean {
  return PROBLEM_STATUSES.has(shipment.status) || shipment.stalled;
}

/** Return True when a shipment has arrived for good. */
export function isDelivered(shipment: Shipment): boolean {
  return DELIVERED_STATUSES.has(shipment.status);
}

/** Return the parcel stage of a status or sub-status ("in_transit_02" is in transit). */
function parcelStage(status: string): number | undefined {
  return PARCEL_STAGE[status] ?? PARCEL_STAGE[status.replace(/_\d+$/, "")];
}

function oceanStage(code: string | null, locationType: string | null): number {
  if (code === null) return -1;
  if (code === "gtot" && locationType !== null && OCEAN_ORIGIN_TYPES.has(locationType)) {
    return -1; // the empty container on its way to the shipper
  }
  const stage = OCEAN_STAGE[code] ?? -1;
  return locationType === "pot" && stage > 2 ? 2 : stage;
}

/**
 * Return the stage of the newest status that has one (for a status that is no stage,
 * such as an exception): the last event's own status on the state, then the history's.
 */
function stageFromEvents(
  shipment: Shipment,
  history: readonly string[],
  stageOf: (status: string) => number | undefined,
): number {
  for (const status of [shipment.lastEventStatus, ...history]) {
    const stage = status === null ? undefined : stageOf(status);
    if (stage !== undefined) return stage;
  }
  return -1;
}

function ownStage(shipment: Shipment): number | undefined {
  return shipment.kind === "parcel" ? parcelStage(shipment.status) : AIR_STAGE[shipment.status];
}

/**
 * Return True when only the history can place a shipment on its stages: a parcel or
 * air waybill in trouble (exception, expired) whose state does not say where it was.
 */
export function needsHistory(shipment: Shipment): boolean {
  return (
    shipment.kind !== "ocean" &&
    PROBLEM_STATUSES.has(shipment.status) &&
    ownStage(shipment) === undefined &&
    stageOf(shipment).reached < 0
  );
}

/**
 * Return where a shipment is on its kind's stages, and whether it is in trouble;
 * ``history`` (the statuses of its events, newest first) places one whose status is
 * no stage.
 */
export function stageOf(shipment: Shipment, history: readonly string[] = []): Stage {
  const stages = STAGES[shipment.kind];
  const problem = isProblem(shipment);
  const last = stages.length - 1;
  if (isDelivered(shipment)) return { stages, reached: last, problem };
  let reached: number;
  switch (shipment.kind) {
    case "parcel":
      reached = parcelStage(shipment.status) ?? stageFromEvents(shipment, history, parcelStage);
      break;
    case "air":
      reached =
        AIR_STAGE[shipment.status] ?? stageFromEvents(shipment, history, (s) => AIR_STAGE[s]);
      break;
    case "ocean":
      reached = oceanStage(shipment.lastEventStatus, shipment.lastEventLocationType);
      break;
  }
  // Only a delivered shipment fills the bar.
  return { stages, reached: Math.min(reached, last - 1), problem };
}

/** Return the group a shipment is listed under when grouped by status. */
export function statusGroup(shipment: Shipment): StatusGroup {
  if (shipment.stalled) return "attention";
  return STATUS_GROUP_OF[shipment.status] ?? "in_transit";
}

/** Return how urgent a shipment is: 0 out for delivery or in trouble, 2 delivered. */
export function urgencyTier(shipment: Shipment): number {
  if (shipment.status === "waiting_delivery" || isProblem(shipment)) return 0;
  return isDelivered(shipment) ? 2 : 1;
}

function byTime(a: Date | null, b: Date | null, newestFirst: boolean): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return newestFirst ? b.getTime() - a.getTime() : a.getTime() - b.getTime();
}

/** Return a comparison of two shipments in the order ``sort`` asks for. */
export function compareShipments(
  a: Shipment,
  b: Shipment,
  sort: SortOrder,
  collator: Intl.Collator,
): number {
  if (sort === "urgency") {
    const order =
      urgencyTier(a) - urgencyTier(b) ||
      byTime(a.expectedFrom, b.expectedFrom, false) ||
      byTime(a.lastEventTime, b.lastEventTime, true);
    if (order !== 0) return order;
  }
  return collator.compare(a.name, b.name) || collator.compare(a.number, b.number);
}

/** Return the shipments the card's configuration shows. */
export function visibleShipments(
  shipments: readonly Shipment[],
  config: CardConfig,
  now: Date,
): Shipment[] {
  const kinds = new Set<Kind>(config.kinds ?? KINDS);
  const days = config.hide_delivered_after_days;
  const cutoff = days === undefined ? null : now.getTime() - days * DAY_MS;
  return shipments.filter(
    (shipment) =>
      kinds.has(shipment.kind) &&
      !(
        cutoff !== null &&
        isDelivered(shipment) &&
        (shipment.deliveredAt === null || shipment.deliveredAt.getTime() <= cutoff)
      ),
  );
}

export interface Group {
  /** A status group, a kind, or "all" when not grouped. */
  id: string;
  shipments: Shipment[];
}

/** Return the shipments in their groups, each sorted; empty groups are left out. */
export function groupShipments(
  shipments: readonly Shipment[],
  groupBy: GroupBy,
  sort: SortOrder,
  collator: Intl.Collator,
): Group[] {
  const order: readonly string[] =
    groupBy === "status" ? STATUS_GROUPS : groupBy === "kind" ? KINDS : ["all"];
  const keyOf = (shipment: Shipment): string =>
    groupBy === "status" ? statusGroup(shipment) : groupBy === "kind" ? shipment.kind : "all";
  return order
    .map((id) => ({
      id,
      shipments: shipments
        .filter((shipment) => keyOf(shipment) === id)
        .sort((a, b) => compareShipments(a, b, sort, collator)),
    }))
    .filter((group) => group.shipments.length > 0);
}
