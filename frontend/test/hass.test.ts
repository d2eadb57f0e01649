import { describe, expect, test, vi } from "vitest";

import {
  accountsOf,
  callAction,
  errorText,
  fetchHistory,
  hasAction,
  integrationEntityIds,
  shipmentsOf,
} from "../src/hass";
import type { HomeAssistant } from "../src/types";
import { sensor } from "./fixtures";

function hass(overrides: Partial<HomeAssistant> = {}): HomeAssistant {
  return {
    states: {},
    locale: { language: "en" },
    language: "en",
    config: { time_zone: "UTC" },
    callWS: vi.fn(async () => ({ response: { carriers: [] } })) as HomeAssistant["callWS"],
    ...overrides,
  };
}

const entities = {
  "sensor.box": { entity_id: "sensor.box", platform: "track123", device_id: "d1" },
  "sensor.ship": { entity_id: "sensor.ship", platform: "track123", device_id: "d2" },
  "calendar.track123_deliveries": { entity_id: "calendar.track123_deliveries", platform: "track123", device_id: "d1" },
  "sensor.other": { entity_id: "sensor.other", platform: "demo", device_id: "d3" },
};
const devices = {
  d1: { id: "d1", name: "Track123", config_entries: ["entry1"] },
  d2: { id: "d2", name: "Track123", name_by_user: "Work account", config_entries: ["entry2"] },
  d3: { id: "d3", name: "Demo", config_entries: ["entry3"] },
};

describe("the integration's sensors and accounts", () => {
  test("its sensors from the entity registry", () => {
    expect(integrationEntityIds(entities)).toEqual(["sensor.box", "sensor.ship"]);
    expect(integrationEntityIds(undefined)).toBeNull();
  });

  test("shipments among its sensors, or among all states without a registry", () => {
    const states = {
      "sensor.box": sensor("in_transit", {}, "sensor.box"),
      "sensor.other": sensor("in_transit", {}, "sensor.other"),
    };
    expect(shipmentsOf(states, ["sensor.box", "sensor.gone"]).map((s) => s.entityId)).toEqual(["sensor.box"]);
    expect(shipmentsOf(states, null)).toHaveLength(2);
  });

  test("one account per config entry, named as the user named its device", () => {
    expect(accountsOf(entities, devices)).toEqual([
      { entryId: "entry1", name: "Track123" },
      { entryId: "entry2", name: "Work account" },
    ]);
    expect(accountsOf(entities, undefined)).toEqual([]);
  });
});

describe("calls", () => {
  test("an action through the websocket, its response when asked for", async () => {
    const h = hass();
    const response = await callAction(h, "detect_carrier", { tracking_number: "1Z99" }, true);
    expect(h.callWS).toHaveBeenCalledWith({
      type: "call_service",
      domain: "track123",
      service: "detect_carrier",
      service_data: { tracking_number: "1Z99" },
      return_response: true,
    });
    expect(response).toEqual({ carriers: [] });
    await callAction(h, "refresh", {});
    expect(h.callWS).toHaveBeenLastCalledWith({
      type: "call_service",
      domain: "track123",
      service: "refresh",
      service_data: {},
    });
  });

  test("a shipment's history by its sensor", async () => {
    const h = hass();
    await fetchHistory(h, "sensor.box");
    expect(h.callWS).toHaveBeenCalledWith({ type: "track123/shipment_history", entity_id: "sensor.box" });
  });

  test("an action offered only where the integration has it", () => {
    expect(hasAction(hass({ services: { track123: { set_label: {} } } }), "set_label")).toBe(true);
    expect(hasAction(hass({ services: { track123: {} } }), "set_label")).toBe(false);
  });

  test("errors in the user's language where Home Assistant has the translation", () => {
    const localize = vi.fn((key: string) =>
      key === "component.track123.exceptions.already_tracked.message" ? "Wird schon verfolgt" : "",
    );
    const h = hass({ localize });
    const known = {
      code: "service_validation_error",
      message: "Already tracked",
      translation_domain: "track123",
      translation_key: "already_tracked",
      translation_placeholders: { number: "1Z99" },
    };
    expect(errorText(h, known)).toBe("Wird schon verfolgt");
    expect(localize).toHaveBeenCalledWith(
      "component.track123.exceptions.already_tracked.message",
      { number: "1Z99" },
    );
    expect(errorText(h, { ...known, translation_key: "new_one" })).toBe("Already tracked");
    expect(errorText(h, new Error("Connection lost"))).toBe("Connection lost");
    expect(errorText(h, "timeout")).toBe("timeout");
  });
});
