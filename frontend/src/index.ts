/**
 * The Track123 shipments card, as Home Assistant loads it: the card, its editor, its
 * dialogs and its entry in the card picker. The integration serves this bundle and adds
 * it to every dashboard; nothing is installed by hand.
 */

import { AddDialog } from "./add-dialog";
import { CARD_TYPE, ShipmentsCard } from "./card";
import { ShipmentDialog } from "./details-dialog";
import { ShipmentsCardEditor } from "./editor";
import { translator } from "./i18n";

declare global {
  interface Window {
    customCards?: {
      type: string;
      name: string;
      description: string;
      preview?: boolean;
      documentationURL?: string;
    }[];
  }
}

const ELEMENTS: readonly [string, CustomElementConstructor][] = [
  [CARD_TYPE, ShipmentsCard],
  [`${CARD_TYPE}-editor`, ShipmentsCardEditor],
  ["track123-shipment-dialog", ShipmentDialog],
  ["track123-add-dialog", AddDialog],
];

function defineElements(): void {
  if (customElements.get(CARD_TYPE)) return; // loaded twice
  for (const [name, element] of ELEMENTS) customElements.define(name, element);
  // The picker lists cards before any Home Assistant object exists: the page's language.
  const t = translator(document.documentElement.lang || navigator.language);
  window.customCards = window.customCards ?? [];
  window.customCards.push({
    type: CARD_TYPE,
    name: t("card_name"),
    description: t("card_description"),
    preview: true,
    documentationURL: "https://github.com/track123-homeassistant/track123#shipments-card",
  });
}

// Home Assistant's frontend puts a registry of its own in place of the browser's as it
// starts (a scoped custom element registry polyfill), and looks cards up in that one.
// This bundle is loaded alongside and may run first: it waits for the frontend's main
// element, defined after the swap, so that the card lands in the registry that is asked.
if (document.querySelector("home-assistant") === null || customElements.get("home-assistant")) {
  defineElements();
} else {
  void customElements.whenDefined("home-assistant").then(defineElements);
}
