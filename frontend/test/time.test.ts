import { describe, expect, test } from "vitest";

import { formatDateTime, formatWindow, relativeTime, timeSettings } from "../src/time";
import type { HomeAssistant } from "../src/types";

const NOW = new Date("2026-11-03T12:00:00Z");
// ICU puts thin and narrow no-break spaces in some formats; which, varies by version.
const plain = (text: string) => text.replace(/[\u2009\u202f\u00a0]/g, " ");
const UTC = { language: "en", timeZone: "UTC", hour12: undefined };

function hass(locale: HomeAssistant["locale"]): HomeAssistant {
  return {
    states: {},
    locale,
    language: locale.language,
    config: { time_zone: "Europe/Amsterdam" },
    callWS: async () => undefined as never,
  };
}

describe("relative time", () => {
  test("the largest unit that reads naturally", () => {
    const ago = (seconds: number) => relativeTime(new Date(NOW.getTime() - seconds * 1000), NOW, "en");
    expect(ago(20)).toBe("now");
    expect(ago(5 * 60)).toBe("5 min. ago");
    expect(ago(2 * 3600)).toBe("2 hr. ago");
    expect(ago(26 * 3600)).toBe("yesterday");
    expect(ago(3 * 86400)).toBe("3 days ago");
    expect(ago(9 * 86400)).toBe("last wk.");
    expect(ago(65 * 86400)).toBe("2 mo. ago");
  });

  test("ahead too, and in the user's language", () => {
    expect(relativeTime(new Date("2026-11-06T12:00:00Z"), NOW, "en")).toBe("in 3 days");
    expect(relativeTime(new Date("2026-11-03T10:00:00Z"), NOW, "de")).toBe("vor 2 Std.");
    expect(relativeTime(new Date("2026-11-03T10:00:00Z"), NOW, "zh-Hans")).toBe("2小时前");
  });
});

describe("the user's zone and clock", () => {
  test("the profile's zone: the server's or the browser's", () => {
    expect(timeSettings(hass({ language: "en", time_zone: "server" })).timeZone).toBe("Europe/Amsterdam");
    expect(timeSettings(hass({ language: "en", time_zone: "local" })).timeZone).toBeUndefined();
  });

  test("the profile's clock: 12 or 24 hours, else the language's", () => {
    expect(timeSettings(hass({ language: "en", time_format: "24" })).hour12).toBe(false);
    expect(timeSettings(hass({ language: "de", time_format: "12" })).hour12).toBe(true);
    expect(timeSettings(hass({ language: "de", time_format: "language" })).hour12).toBeUndefined();
  });

  test("a moment in the zone and the language", () => {
    const moment = new Date("2026-11-03T14:30:00Z");
    expect(plain(formatDateTime(moment, UTC))).toBe("Nov 3, 2026, 2:30 PM");
    expect(plain(formatDateTime(moment, { language: "en", timeZone: "America/New_York", hour12: false }))).toBe(
      "Nov 3, 2026, 09:30",
    );
    expect(plain(formatDateTime(moment, { language: "de", timeZone: "Europe/Berlin", hour12: undefined }))).toBe(
      "03.11.2026, 15:30",
    );
  });
});

describe("expected delivery window", () => {
  test("whole days are dates of the home's zone, the end exclusive", () => {
    expect(plain(formatWindow("2026-11-03T00:00:00+01:00", "2026-11-04T00:00:00+01:00", UTC, "Europe/Amsterdam"))).toBe(
      "Tue, Nov 3",
    );
    expect(plain(formatWindow("2026-11-03T00:00:00+01:00", "2026-11-06T00:00:00+01:00", UTC, "Europe/Amsterdam"))).toBe(
      "Tue, Nov 3 – Thu, Nov 5",
    );
  });

  test("a span of times in the user's zone; a single moment alone", () => {
    expect(plain(formatWindow("2026-11-03T09:00:00+00:00", "2026-11-03T13:00:00+00:00", UTC, "UTC"))).toBe(
      "Tue, Nov 3, 9:00 AM – 1:00 PM",
    );
    expect(plain(formatWindow("2026-11-03T09:00:00+00:00", "2026-11-03T09:00:00+00:00", UTC, "UTC"))).toBe(
      "Tue, Nov 3, 9:00 AM",
    );
  });
});
