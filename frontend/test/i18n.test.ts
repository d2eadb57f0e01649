import { describe, expect, test } from "vitest";

import { LANGUAGES, pickLanguage, translator } from "../src/i18n";

const english = LANGUAGES.en;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the card's words", () => {
  test("in the integration's six languages", () => {
    expect(Object.keys(LANGUAGES).sort()).toEqual(["de", "en", "es", "fr", "nl", "zh-Hans"]);
  });

  test.each(Object.keys(LANGUAGES).filter((l) => l !== "en"))(
    "%s: every word translated, with the same placeholders",
    (language) => {
      const strings = LANGUAGES[language];
      expect(Object.keys(strings).sort()).toEqual(Object.keys(english).sort());
      const copied = Object.entries(strings).filter(
        ([key, text]) => text === english[key as keyof typeof english],
      );
      for (const [key, text] of Object.entries(strings)) {
        expect(text.trim(), key).not.toBe("");
        expect(placeholders(text), key).toEqual(placeholders(english[key as keyof typeof english]));
      }
      // Words that are the same in both (Status, Container, Route) may stay; not more.
      expect(copied.length, copied.map(([key]) => key).join(", ")).toBeLessThanOrEqual(6);
    },
  );

  test("picked by Home Assistant's language: itself, its base, else English", () => {
    expect(pickLanguage("de")).toBe("de");
    expect(pickLanguage("en-GB")).toBe("en");
    expect(pickLanguage("es-419")).toBe("es");
    expect(pickLanguage("zh-Hans")).toBe("zh-Hans");
    expect(pickLanguage("zh-CN")).toBe("zh-Hans");
    expect(pickLanguage("zh-Hant")).toBe("en");
    expect(pickLanguage("pt-BR")).toBe("en");
    expect(pickLanguage(undefined)).toBe("en");
  });

  test("placeholders filled in", () => {
    const t = translator("fr");
    expect(t("stage_progress", { reached: 2, total: 4, stage: "En transit" })).toBe(
      "Étape 2 sur 4 : En transit",
    );
    expect(translator("nl")("stalled", { days: 9 })).toBe("Al 9 dagen geen nieuws");
    expect(translator("en")("add")).toBe("Add shipment");
  });
});
