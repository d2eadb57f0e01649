// @vitest-environment happy-dom
import { expect, test } from "vitest";

test("defined once Home Assistant's frontend is, in the registry it then uses", async () => {
  document.body.innerHTML = "<home-assistant></home-assistant>";
  await import("../src/index");
  expect(customElements.get("track123-shipments-card")).toBeUndefined();
  expect(window.customCards ?? []).toEqual([]);

  // The frontend defines its main element after swapping in its own registry.
  customElements.define("home-assistant", class extends HTMLElement {});
  await customElements.whenDefined("track123-shipments-card");

  for (const name of [
    "track123-shipments-card",
    "track123-shipments-card-editor",
    "track123-shipment-dialog",
    "track123-add-dialog",
  ]) {
    expect(customElements.get(name), name).toBeDefined();
  }
  expect(window.customCards?.map((card) => card.type)).toEqual(["track123-shipments-card"]);
});
