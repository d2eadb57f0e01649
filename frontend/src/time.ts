/** Times as the user reads them: relative ("2 h ago"), and in their zone and locale. */

import type { HomeAssistant } from "./types";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// The largest unit whose count reads naturally, with the point to switch to it.
const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * DAY],
  ["month", 30 * DAY],
  ["week", 7 * DAY],
  ["day", DAY],
  ["hour", HOUR],
  ["minute", MINUTE],
];

/** Return how long ago (or how far ahead) ``time`` is, e.g. "2 hr. ago" or "yesterday". */
export function relativeTime(time: Date, now: Date, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: "auto", style: "short" });
  const seconds = (time.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, "second");
}

/** How the user wants times shown: their zone, and a 12 or 24 hour clock. */
export interface TimeSettings {
  language: string;
  /** An IANA zone, or undefined for the browser's own. */
  timeZone: string | undefined;
  hour12: boolean | undefined;
}

/** Return the user's time settings from their Home Assistant profile. */
export function timeSettings(hass: HomeAssistant): TimeSettings {
  const { locale } = hass;
  return {
    language: hass.language || locale.language,
    timeZone: locale.time_zone === "server" ? hass.config.time_zone : undefined,
    hour12: locale.time_format === "12" ? true : locale.time_format === "24" ? false : undefined,
  };
}

/** Return a moment with its date and time, in the user's zone and locale. */
export function formatDateTime(time: Date, settings: TimeSettings): string {
  return new Intl.DateTimeFormat(settings.language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: settings.timeZone,
    hour12: settings.hour12,
  }).format(time);
}

function isMidnight(value: string): boolean {
  return /T00:00(:00(\.0+)?)?([+-]\d\d:\d\d|Z)?$/.test(value);
}

/**
 * Return an expected delivery window for reading.
 *
 * Whole days (both ends at midnight, as the integration gives dates) are dates of
 * the home's zone, the end exclusive; anything else is a span of times in the
 * user's zone.
 */
export function formatWindow(
  from: string,
  until: string,
  settings: TimeSettings,
  homeTimeZone: string,
): string {
  const start = new Date(from);
  const end = new Date(until);
  if (isMidnight(from) && isMidnight(until) && end > start) {
    const last = new Date(end.getTime() - 1);
    const days = new Intl.DateTimeFormat(settings.language, {
      weekday: "short",
      day: "numeric",
      month: "short",
      timeZone: homeTimeZone,
    });
    return days.formatRange(start, last);
  }
  const times = new Intl.DateTimeFormat(settings.language, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
    timeZone: settings.timeZone,
    hour12: settings.hour12,
  });
  return end > start ? times.formatRange(start, end) : times.format(start);
}
