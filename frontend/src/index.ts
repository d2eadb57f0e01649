/**
 * The Track123 shipments card, as Home Assistant loads it: the card, its editor and
 * its entry in the card picker. The integration serves this bundle and adds it to
 * every dashboard; nothing is installed by hand.
 */

import { CARD_TYPE, ShipmentsCard } from "./card";
import "./editor";
import { translator } from "./i18n";

declare global {
  interface Window {
    customCards?: { type: string; name: string; description: string; preview?: boolean; documentationURL?: string }[];
  }
}

if (!customElements.get(CARD_TYPE)) {
  customElements.define(CARD_TYPE, ShipmentsCard);
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
