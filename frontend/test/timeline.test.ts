import { describe, expect, test } from "vitest";

import { timelineSections } from "../src/timeline";

describe("timeline", () => {
  test("every one of 200 events, newest first as given", () => {
    const events = Array.from({ length: 200 }, (_, index) => ({
      time: new Date(Date.UTC(2026, 10, 1) + (199 - index) * 3_600_000).toISOString(),
      description: `Scan ${199 - index}`,
      location: "HUB",
      sub_status: "in_transit_02",
    }));
    const [section, ...more] = timelineSections(events);
    expect(more).toEqual([]);
    expect(section.container).toBeNull();
    expect(section.entries).toHaveLength(200);
    expect(section.entries[0]).toMatchObject({ description: "Scan 199", status: "in_transit_02", location: "HUB" });
    expect(section.entries[199].description).toBe("Scan 0");
  });

  test("an ocean shipment with several containers: a section each, in their order", () => {
    const events = [
      { container_number: "MSKU1", status: "depa", time: "2026-11-02T00:00:00Z" },
      { container_number: "MSKU1", status: "load", time: "2026-11-01T00:00:00Z" },
      { container_number: "MSKU2", status: "load", time: "2026-11-01T06:00:00Z" },
    ];
    const sections = timelineSections(events);
    expect(sections.map((s) => [s.container, s.entries.map((e) => e.status)])).toEqual([
      ["MSKU1", ["depa", "load"]],
      ["MSKU2", ["load"]],
    ]);
  });

  test("one container needs no heading; undated events keep their place", () => {
    const sections = timelineSections([
      { container_number: "MSKU1", status: "arri", time: "2026-11-03T00:00:00Z", flight_number: null },
      { container_number: "MSKU1", status: "depa" },
      { container_number: "MSKU1", status: "load", time: "not a time" },
    ]);
    expect(sections).toHaveLength(1);
    expect(sections[0].container).toBeNull();
    expect(sections[0].entries.map((e) => [e.status, e.time?.toISOString() ?? null])).toEqual([
      ["arri", "2026-11-03T00:00:00.000Z"],
      ["depa", null],
      ["load", null],
    ]);
  });

  test("air events name their flight", () => {
    const [section] = timelineSections([{ status: "in_transit", flight_number: "EK9", location: "DXB" }]);
    expect(section.entries[0]).toEqual({
      time: null,
      description: null,
      status: "in_transit",
      location: "DXB",
      flight: "EK9",
    });
  });
});
