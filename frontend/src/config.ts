/** The card's configuration: checked when set, changed one option at a time by the editor. */

import { KINDS, type CardConfig, type Kind } from "./types";

const GROUP_BY: readonly string[] = ["status", "kind", "none"];
const SORTS: readonly string[] = ["urgency", "name"];

/** What the card picker starts with. */
export const STUB_CONFIG: Readonly<Omit<CardConfig, "type">> = {
  group_by: "status",
  sort: "urgency",
  hide_delivered_after_days: 3,
};

/** Return the configuration checked, or throw the error the dashboard shows. */
export function checkConfig(config: CardConfig): CardConfig {
  if (!config || typeof config !== "object") throw new Error("Invalid configuration");
  if (config.group_by !== undefined && !GROUP_BY.includes(config.group_by)) {
    throw new Error(`group_by must be one of ${GROUP_BY.join(", ")}`);
  }
  if (config.sort !== undefined && !SORTS.includes(config.sort)) {
    throw new Error(`sort must be one of ${SORTS.join(", ")}`);
  }
  const days = config.hide_delivered_after_days;
  if (days !== undefined && (typeof days !== "number" || !(days >= 0))) {
    throw new Error("hide_delivered_after_days must be a number of days, 0 or more");
  }
  if (
    config.kinds !== undefined &&
    (!Array.isArray(config.kinds) || config.kinds.some((kind) => !KINDS.includes(kind)))
  ) {
    throw new Error(`kinds must be a list of ${KINDS.join(", ")}`);
  }
  return config;
}

/** Return the configuration with ``key`` set, or left out when ``value`` is undefined. */
export function withOption<K extends keyof CardConfig>(
  config: CardConfig,
  key: K,
  value: CardConfig[K] | undefined,
): CardConfig {
  const next = { ...config };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** Return the kinds shown after one is switched on or off; all of them is left unset. */
export function toggledKinds(
  current: readonly Kind[] | undefined,
  kind: Kind,
  on: boolean,
): Kind[] | undefined {
  const shown = new Set(current ?? KINDS);
  if (on) shown.add(kind);
  else shown.delete(kind);
  const kinds = KINDS.filter((k) => shown.has(k));
  return kinds.length === KINDS.length ? undefined : kinds;
}
