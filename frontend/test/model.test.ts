import { describe, expect, test } from "vitest";

import {
  daysWithoutNews,
  groupShipments,
  historyStatuses,
  needsHistory,
  shipmentFromState,
  stageOf,
  statusGroup,
  visibleShipments,
  type Shipment,
} from "../src/model";
import type { Kind } from "../src/types";
import { sensor } from "./fixtures";

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
const NOW = new Date("2026-11-10T12:00:00Z");

function shipment(
  status: string,
  attributes: Record<string, unknown> = {},
  entityId?: string,
): Shipment {
  const read = shipmentFromState(sensor(status, attributes, entityId));
  if (read === null) throw new Error("not a shipment");
  return read;
}

function reached(
  kind: Kind,
  status: string,
  attributes: Record<string, unknown> = {},
  history: Record<string, unknown>[] = [],
) {
  const stage = stageOf(shipment(status, { kind, ...attributes }), historyStatuses(history));
  return stage.reached >= 0 ? stage.stages[stage.reached] : null;
}

describe("reading a sensor", () => {
  test("a shipment's row: label, carrier, last event, window", () => {
    const read = shipment("in_transit", {
      label: "New shoes",
      tracking_number: "1Z999AA10123456784",
      carrier_name: "UPS",
      carrier_code: "ups",
      sub_status: "in_transit_02",
      last_event: "Arrived at sort facility",
      last_event_time: "2026-11-09T08:00:00+00:00",
      last_event_location: "MEMPHIS, TN, US",
      expected_from: "2026-11-12T00:00:00+00:00",
      expected_until: "2026-11-13T00:00:00+00:00",
    });
    expect(read).toMatchObject({
      kind: "parcel",
      name: "New shoes",
      number: "1Z999AA10123456784",
      carrier: "UPS",
      subStatus: "in_transit_02",
      lastEvent: "Arrived at sort facility",
      lastEventLocation: "MEMPHIS, TN, US",
      expected: { from: "2026-11-12T00:00:00+00:00", until: "2026-11-13T00:00:00+00:00" },
      deliveredAt: null,
    });
    expect(read.lastEventTime?.toISOString()).toBe("2026-11-09T08:00:00.000Z");
  });

  test("without a label the number names it; an airline is its carrier", () => {
    const read = shipment("booked", { kind: "air", tracking_number: "176-12345675", airline_code: "EK" });
    expect(read.name).toBe("176-12345675");
    expect(read.carrier).toBe("EK");
  });

  test("other sensors are not shipments: the next-delivery summary names one but is a time", () => {
    const summary = sensor("2026-11-12T00:00:00+00:00", { device_class: "timestamp" });
    const unrelated = sensor("21.5", { kind: undefined });
    expect(shipmentFromState(summary)).toBeNull();
    expect(shipmentFromState(unrelated)).toBeNull();
    expect(shipmentFromState(sensor("in_transit", { kind: "truck" }))).toBeNull();
  });

  test("a delivered shipment's delivery time: Track123's, else its last event's", () => {
    expect(
      shipment("delivered", {
        delivered_time: "2026-11-08T10:00:00+00:00",
        last_event_time: "2026-11-08T11:00:00+00:00",
      }).deliveredAt?.toISOString(),
    ).toBe("2026-11-08T10:00:00.000Z");
    expect(
      shipment("final", { kind: "ocean", last_event_time: "2026-11-07T09:00:00+00:00" })
        .deliveredAt?.toISOString(),
    ).toBe("2026-11-07T09:00:00.000Z");
  });
});

describe("stage bar", () => {
  test("parcel: info received, in transit, out for delivery, delivered", () => {
    expect(reached("parcel", "init")).toBeNull();
    expect(reached("parcel", "info_received")).toBe("info_received");
    expect(reached("parcel", "in_transit")).toBe("in_transit");
    expect(reached("parcel", "waiting_delivery")).toBe("out_for_delivery");
    expect(reached("parcel", "delivery_failed")).toBe("out_for_delivery");
    expect(reached("parcel", "delivered")).toBe("delivered");
  });

  test("a parcel's exception stays at the stage its history reached", () => {
    const history = [{ sub_status: "abnormal_02" }, { sub_status: "in_transit_03" }];
    const parcel = shipment("abnormal", { sub_status: "abnormal_02" });
    expect(needsHistory(parcel)).toBe(true);
    expect(reached("parcel", "abnormal", { sub_status: "abnormal_02" }, history)).toBe("in_transit");
    expect(reached("parcel", "expired", {}, [])).toBeNull();
    // A status with a stage of its own needs no history.
    expect(needsHistory(shipment("in_transit"))).toBe(false);
    expect(needsHistory(shipment("delivery_failed"))).toBe(false);
  });

  test("ocean: gate in, loaded, departed, arrived, discharged, delivered", () => {
    const at = (code: string, type: string | null = null) =>
      reached("ocean", "in_transit", { kind: "ocean", last_event_status: code, last_event_location_type: type });
    expect(at("stuf")).toBeNull();
    expect(at("gtin", "pol")).toBe("gate_in");
    expect(at("load", "pol")).toBe("loaded");
    expect(at("depa", "pol")).toBe("departed");
    expect(at("arri", "pod")).toBe("arrived");
    expect(at("disc", "pod")).toBe("discharged");
    expect(at("gtot", "pod")).toBe("discharged");
    expect(reached("ocean", "final", { kind: "ocean", last_event_status: "disc" })).toBe("delivered");
  });

  test("ocean: a transshipment port keeps the container departed; an empty out to the shipper is no stage", () => {
    const at = (code: string, type: string) =>
      reached("ocean", "in_transit", { kind: "ocean", last_event_status: code, last_event_location_type: type });
    expect(at("arri", "pot")).toBe("departed");
    expect(at("disc", "pot")).toBe("departed");
    expect(at("load", "pot")).toBe("loaded");
    expect(at("gtot", "pol")).toBeNull();
    // Only the delivered status fills the bar.
    expect(at("strp", "pde")).toBe("discharged");
  });

  test("air: booked, received, departed, arrived, notified, delivered", () => {
    const air = (status: string, history: Record<string, unknown>[] = []) =>
      reached("air", status, { kind: "air" }, history);
    expect(air("init")).toBeNull();
    expect(air("booked")).toBe("booked");
    expect(air("received")).toBe("received");
    expect(air("in_transit")).toBe("departed");
    expect(air("arrived")).toBe("arrived");
    expect(air("notified")).toBe("notified");
    expect(air("delivered")).toBe("delivered");
    expect(air("exception", [{ status: "exception" }, { status: "arrived" }])).toBe("arrived");
  });

  test("an air waybill in trouble: its last event's status places it, else its history", () => {
    const waybill = shipment("exception", { kind: "air", last_event_status: "received" });
    expect(needsHistory(waybill)).toBe(false);
    expect(stageOf(waybill).stages[stageOf(waybill).reached]).toBe("received");
    expect(needsHistory(shipment("exception", { kind: "air", last_event_status: "exception" }))).toBe(true);
    expect(needsHistory(shipment("exception", { kind: "ocean" }))).toBe(false);
  });

  test("a stalled shipment's days without news count from its last event", () => {
    const quiet = (attributes: Record<string, unknown>) => daysWithoutNews(shipment("in_transit", attributes), NOW);
    expect(quiet({ stalled: true, last_event_time: "2026-11-01T08:00:00+00:00" })).toBe(9);
    // Stalled means a week at least, whatever the clocks say.
    expect(quiet({ stalled: true, last_event_time: "2026-11-04T08:00:00+00:00" })).toBe(7);
    expect(quiet({ stalled: false, last_event_time: "2026-11-01T08:00:00+00:00" })).toBeNull();
    expect(quiet({ stalled: true })).toBeNull();
  });

  test("problems stand out: exception, delivery failed, stalled, expired", () => {
    expect(stageOf(shipment("abnormal")).problem).toBe(true);
    expect(stageOf(shipment("delivery_failed")).problem).toBe(true);
    expect(stageOf(shipment("expired", { kind: "ocean" })).problem).toBe(true);
    expect(stageOf(shipment("exception", { kind: "air" })).problem).toBe(true);
    expect(stageOf(shipment("in_transit", { stalled: true })).problem).toBe(true);
    expect(stageOf(shipment("in_transit", { stalled: false })).problem).toBe(false);
    expect(stageOf(shipment("delivered")).problem).toBe(false);
  });
});

describe("status groups", () => {
  test("landed or notified air cargo is at its destination, not out for delivery", () => {
    expect(statusGroup(shipment("arrived", { kind: "air" }))).toBe("at_destination");
    expect(statusGroup(shipment("notified", { kind: "air" }))).toBe("at_destination");
    expect(statusGroup(shipment("waiting_delivery"))).toBe("out_for_delivery");
  });

  test("each status in the group of what it means", () => {
    const groups = {
      attention: [shipment("abnormal"), shipment("delivery_failed"), shipment("expired"), shipment("in_transit", { stalled: true })],
      in_transit: [shipment("in_transit"), shipment("received", { kind: "air" }), shipment("in_transit", { kind: "ocean" })],
      waiting: [shipment("init"), shipment("info_received"), shipment("booked", { kind: "air" })],
      not_found: [shipment("no_record"), shipment("no_record", { kind: "ocean" })],
      delivered: [shipment("delivered"), shipment("final", { kind: "ocean" })],
    };
    for (const [group, members] of Object.entries(groups)) {
      for (const member of members) expect(statusGroup(member), member.status).toBe(group);
    }
  });
});

describe("grouping and sorting", () => {
  const soon = shipment("in_transit", { label: "Soon", expected_from: "2026-11-11T00:00:00Z", expected_until: "2026-11-12T00:00:00Z" });
  const later = shipment("in_transit", { label: "Later", expected_from: "2026-11-20T00:00:00Z", expected_until: "2026-11-21T00:00:00Z" });
  const unknown = shipment("in_transit", { label: "Alpha, no date" });
  const van = shipment("waiting_delivery", { label: "Van" });
  const failed = shipment("delivery_failed", { label: "Failed" });
  const done = shipment("delivered", { label: "Done", delivered_time: "2026-11-09T00:00:00Z" });
  const ship = shipment("in_transit", { kind: "ocean", label: "Ship" });
  const plane = shipment("arrived", { kind: "air", label: "Plane" });
  const all = [done, unknown, later, plane, ship, failed, soon, van];

  test("by status: the groups in order of urgency, none empty", () => {
    const groups = groupShipments(all, "status", "urgency", collator);
    expect(groups.map((group) => group.id)).toEqual([
      "attention",
      "out_for_delivery",
      "at_destination",
      "in_transit",
      "delivered",
    ]);
  });

  test("by urgency: out for delivery and problems first, then expected soonest", () => {
    const [group] = groupShipments(all, "none", "urgency", collator);
    expect(group.id).toBe("all");
    expect(group.shipments.map((s) => s.name)).toEqual([
      "Failed",
      "Van",
      "Soon",
      "Later",
      "Alpha, no date",
      "Plane",
      "Ship",
      "Done",
    ]);
  });

  test("by name, numbers in numeric order", () => {
    const numbered = [shipment("in_transit", { label: "Box 10" }), shipment("delivered", { label: "Box 2" })];
    const [group] = groupShipments(numbered, "none", "name", collator);
    expect(group.shipments.map((s) => s.name)).toEqual(["Box 2", "Box 10"]);
  });

  test("by kind: parcels, ocean, air", () => {
    const groups = groupShipments(all, "kind", "name", collator);
    expect(groups.map((group) => [group.id, group.shipments.length])).toEqual([
      ["parcel", 6],
      ["ocean", 1],
      ["air", 1],
    ]);
  });
});

describe("filters", () => {
  const recent = shipment("delivered", { label: "Recent", delivered_time: "2026-11-08T12:00:00Z" });
  const old = shipment("delivered", { label: "Old", delivered_time: "2026-11-05T12:00:00Z" });
  const moving = shipment("in_transit", { label: "Moving" });
  const ship = shipment("final", { kind: "ocean", label: "Ship", last_event_time: "2026-11-09T12:00:00Z" });
  const names = (shipments: Shipment[]) => shipments.map((s) => s.name);

  test("delivered shipments hide after the days set; unset keeps them", () => {
    const all = [recent, old, moving, ship];
    expect(names(visibleShipments(all, { type: "t" }, NOW))).toEqual(["Recent", "Old", "Moving", "Ship"]);
    expect(names(visibleShipments(all, { type: "t", hide_delivered_after_days: 3 }, NOW))).toEqual([
      "Recent",
      "Moving",
      "Ship",
    ]);
    expect(names(visibleShipments(all, { type: "t", hide_delivered_after_days: 0 }, NOW))).toEqual(["Moving"]);
  });

  test("only the kinds chosen", () => {
    expect(names(visibleShipments([recent, moving, ship], { type: "t", kinds: ["ocean"] }, NOW))).toEqual(["Ship"]);
  });
});
