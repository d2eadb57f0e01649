// @vitest-environment happy-dom
import { describe, expect, test, vi } from "vitest";

import "../src/index";
import type { HomeAssistant } from "../src/types";
import { sensor } from "./fixtures";

function fakeHass(states: HomeAssistant["states"], events: Record<string, unknown>[]): HomeAssistant {
  return {
    states,
    locale: { language: "en", time_zone: "server" },
    language: "en",
    config: { time_zone: "UTC" },
    callWS: vi.fn(async (message: Record<string, unknown>) =>
      message.type === "track123/shipment_history"
        ? {
            config_entry_id: "entry1",
            entity_id: message.entity_id,
            kind: "parcel",
            tracking_number: "1Z1",
            carrier: "UPS",
            tracking_link: null,
            origin_country: "CN",
            destination_country: "US",
            events,
          }
        : {},
    ) as HomeAssistant["callWS"],
    formatEntityState: (stateObj) => `translated ${stateObj.state}`,
  };
}

async function settle(element: Element & { updateComplete?: Promise<unknown> }) {
  for (let i = 0; i < 5; i += 1) {
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Put the card on the page with ``hass``; return it once rendered. */
async function mountCard(hass: HomeAssistant) {
  const card = document.createElement("track123-shipments-card") as HTMLElement & {
    hass: HomeAssistant;
    setConfig(config: object): void;
    updateComplete: Promise<unknown>;
  };
  card.setConfig({ type: "custom:track123-shipments-card" });
  card.hass = hass;
  document.body.append(card);
  await settle(card);
  return card;
}

describe("the card in a page", () => {
  test("a row per shipment under its group; a click opens the whole timeline", async () => {
    const box = sensor("in_transit", { label: "Box", last_event: "Sorted" }, "sensor.box");
    const plane = sensor("arrived", { kind: "air", label: "Plane" }, "sensor.plane");
    const events = Array.from({ length: 200 }, (_, n) => ({
      time: new Date(Date.UTC(2026, 10, 1) - n * 3_600_000).toISOString(),
      description: `Scan ${200 - n}`,
    }));
    const hass = fakeHass({ [box.entity_id]: box, [plane.entity_id]: plane }, events);
    const card = await mountCard(hass);

    const root = card.shadowRoot!;
    const headings = [...root.querySelectorAll("section h3")].map((h) => h.textContent?.replace(/\s+/g, " ").trim());
    expect(headings).toEqual(["At destination 1", "In transit 1"]);
    const rows = [...root.querySelectorAll<HTMLButtonElement>("button.row")];
    expect(rows.map((row) => row.dataset.entityId)).toEqual(["sensor.plane", "sensor.box"]);
    expect(rows[1].querySelector(".status")?.textContent).toBe("translated in_transit");
    expect(rows[1].querySelector("[role=img]")?.getAttribute("aria-label")).toBe("Stage 2 of 4: In transit");

    rows[1].click();
    await settle(card);
    const dialog = root.querySelector("track123-shipment-dialog") as HTMLElement & {
      updateComplete: Promise<unknown>;
    };
    await settle(dialog);
    expect(hass.callWS).toHaveBeenCalledWith({ type: "track123/shipment_history", entity_id: "sensor.box" });
    const entries = dialog.shadowRoot!.querySelectorAll("ol.timeline li.event");
    expect(entries).toHaveLength(200);
    expect(entries[0].querySelector(".what")?.textContent).toBe("Scan 200");
    expect(dialog.shadowRoot!.querySelector(".timeline-title")?.textContent).toContain("200 events");
    // The route is not on the state: it comes with the history.
    expect(dialog.shadowRoot!.querySelector(".facts")?.textContent).toContain("CN → US");
  });

  test("a parcel in trouble is placed by its fetched history; a stalled one counts its quiet days", async () => {
    const stuck = sensor("abnormal", { label: "Stuck", sub_status: "abnormal_02" }, "sensor.stuck");
    const quiet = sensor(
      "in_transit",
      {
        label: "Quiet",
        stalled: true,
        last_event_time: new Date(Date.now() - (9 * 24 + 1) * 3_600_000).toISOString(),
      },
      "sensor.quiet",
    );
    const history = [{ sub_status: "abnormal_02" }, { sub_status: "in_transit_03" }];
    const hass = fakeHass({ [stuck.entity_id]: stuck, [quiet.entity_id]: quiet }, history);
    const card = await mountCard(hass);

    const root = card.shadowRoot!;
    const row = (id: string) => root.querySelector<HTMLButtonElement>(`button.row[data-entity-id="${id}"]`)!;
    expect(hass.callWS).toHaveBeenCalledWith({ type: "track123/shipment_history", entity_id: "sensor.stuck" });
    // Only the shipment its state cannot place is asked for.
    expect(hass.callWS).toHaveBeenCalledTimes(1);
    expect(row("sensor.stuck").querySelector("[role=img]")?.getAttribute("aria-label")).toBe(
      "Stage 2 of 4: In transit (needs attention)",
    );
    expect(row("sensor.quiet").querySelector(".warning")?.textContent).toBe("No news for 9 days");
  });

  test("in the card picker, with a preview and a visual editor", () => {
    const picker = (window as Window).customCards ?? [];
    expect(picker).toContainEqual(
      expect.objectContaining({ type: "track123-shipments-card", name: "Track123 shipments", preview: true }),
    );
    const Card = customElements.get("track123-shipments-card") as unknown as {
      getConfigElement(): HTMLElement;
      getStubConfig(): object;
    };
    expect(Card.getConfigElement().tagName.toLowerCase()).toBe("track123-shipments-card-editor");
    expect(Card.getStubConfig()).toEqual({ group_by: "status", sort: "urgency", hide_delivered_after_days: 3 });
  });
});

describe("editing and adding", () => {
  test("the visual editor changes one option at a time", async () => {
    const editor = document.createElement("track123-shipments-card-editor") as HTMLElement & {
      hass: HomeAssistant;
      setConfig(config: object): void;
      updateComplete: Promise<unknown>;
    };
    editor.hass = fakeHass({}, []);
    editor.setConfig({ type: "custom:track123-shipments-card", group_by: "status" });
    document.body.append(editor);
    await settle(editor);
    const changes: unknown[] = [];
    editor.addEventListener("config-changed", (event) => changes.push((event as CustomEvent).detail.config));

    const root = editor.shadowRoot!;
    const ocean = root.querySelector<HTMLInputElement>('input[name="kinds"][value="ocean"]')!;
    ocean.checked = false;
    ocean.dispatchEvent(new Event("change"));
    const byKind = root.querySelector<HTMLInputElement>('input[name="group_by"][value="kind"]')!;
    byKind.checked = true;
    byKind.dispatchEvent(new Event("change"));
    const days = root.querySelector<HTMLInputElement>('input[name="hide_delivered_after_days"]')!;
    days.value = "5";
    days.dispatchEvent(new Event("change"));

    expect(changes).toEqual([
      { type: "custom:track123-shipments-card", group_by: "status", kinds: ["parcel", "air"] },
      { type: "custom:track123-shipments-card", group_by: "kind", kinds: ["parcel", "air"] },
      { type: "custom:track123-shipments-card", group_by: "kind", kinds: ["parcel", "air"], hide_delivered_after_days: 5 },
    ]);
  });

  test("adding a parcel: carriers suggested for the number, then the action called", async () => {
    const hass = fakeHass({}, []);
    hass.callWS = vi.fn(async (message: Record<string, unknown>) =>
      message.service === "detect_carrier"
        ? { response: { carriers: [{ code: "ups", name: "UPS" }] } }
        : { response: null },
    ) as HomeAssistant["callWS"];
    const dialog = document.createElement("track123-add-dialog") as HTMLElement & {
      hass: HomeAssistant;
      accounts: object[];
      updateComplete: Promise<unknown>;
    };
    dialog.hass = hass;
    dialog.accounts = [{ entryId: "entry1", name: "Track123" }];
    document.body.append(dialog);
    await settle(dialog);
    const root = dialog.shadowRoot!;
    const closed = vi.fn();
    dialog.addEventListener("closed", closed);

    const number = root.querySelector<HTMLInputElement>('input[name="tracking_number"]')!;
    number.value = "1Z999AA10123456784";
    number.dispatchEvent(new Event("change"));
    await settle(dialog);
    const chip = root.querySelector<HTMLButtonElement>("button.chip")!;
    expect(chip.textContent?.trim()).toBe("UPS (ups)");
    chip.click();
    root.querySelector<HTMLInputElement>('input[name="label"]')!.value = "New shoes";
    root.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle(dialog);

    expect(hass.callWS).toHaveBeenLastCalledWith({
      type: "call_service",
      domain: "track123",
      service: "add_shipment",
      service_data: {
        tracking_number: "1Z999AA10123456784",
        kind: "parcel",
        label: "New shoes",
        carrier: "ups",
        config_entry_id: "entry1",
      },
    });
    expect(closed).toHaveBeenCalled();
  });
});

describe("actions from the card", () => {
  test("refresh asks each account; remove names the shipment and its account", async () => {
    const box = sensor("in_transit", { label: "Box", tracking_number: "1Z1" }, "sensor.box");
    const hass = fakeHass({ [box.entity_id]: box }, []);
    hass.entities = { "sensor.box": { entity_id: "sensor.box", platform: "track123", device_id: "d1" } };
    hass.devices = { d1: { id: "d1", name: "Track123", config_entries: ["entry1"] } };
    const card = await mountCard(hass);
    const root = card.shadowRoot!;

    root.querySelector<HTMLButtonElement>('button[aria-label="Refresh"]')!.click();
    await settle(card);
    expect(hass.callWS).toHaveBeenCalledWith({
      type: "call_service",
      domain: "track123",
      service: "refresh",
      service_data: { config_entry_id: "entry1" },
    });

    root.querySelector<HTMLButtonElement>("button.row")!.click();
    await settle(card);
    const dialog = root.querySelector("track123-shipment-dialog") as HTMLElement & {
      updateComplete: Promise<unknown>;
    };
    await settle(dialog);
    const buttons = () => [...dialog.shadowRoot!.querySelectorAll<HTMLButtonElement>(".dialog-actions button")];
    buttons().find((b) => b.textContent?.includes("Remove"))!.click();
    await settle(dialog);
    expect(dialog.shadowRoot!.textContent).toContain("Stop tracking Box? Its sensor is removed.");
    buttons().find((b) => b.textContent?.includes("Remove"))!.click();
    await settle(dialog);

    expect(hass.callWS).toHaveBeenLastCalledWith({
      type: "call_service",
      domain: "track123",
      service: "remove_shipment",
      service_data: { tracking_number: "1Z1", config_entry_id: "entry1" },
    });
  });
});
