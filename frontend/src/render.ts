/** Pieces of markup the card and its dialog share. */

import { html, nothing, type TemplateResult } from "lit";

import type { StringKey, Translate } from "./i18n";
import { isDelivered, isProblem, stageOf, statusGroup, type Shipment } from "./model";
import type { HassEntity, HomeAssistant, Kind } from "./types";

// An icon per status group; problems and the kind's own icon where that says more.
const GROUP_ICONS: Readonly<Record<string, string>> = {
  attention: "mdi:alert-circle-outline",
  out_for_delivery: "mdi:truck-delivery-outline",
  at_destination: "mdi:map-marker-check-outline",
  waiting: "mdi:clipboard-text-clock-outline",
  not_found: "mdi:help-circle-outline",
  delivered: "mdi:check-circle-outline",
};
const KIND_ICONS: Readonly<Record<Kind, string>> = {
  parcel: "mdi:truck-fast-outline",
  ocean: "mdi:ferry",
  air: "mdi:airplane",
};

/** Return the icon of a shipment's status. */
export function statusIcon(shipment: Shipment): string {
  return GROUP_ICONS[statusGroup(shipment)] ?? KIND_ICONS[shipment.kind];
}

/** Return the name of a stage in the user's language. */
export function stageName(t: Translate, kind: Kind, stage: string): string {
  return t(`stage.${kind}.${stage}` as StringKey);
}

/** Return the translated status, and the sub-status where there is one. */
export function statusText(hass: HomeAssistant, stateObj: HassEntity, shipment: Shipment) {
  const status = hass.formatEntityState?.(stateObj) ?? shipment.status;
  const sub =
    shipment.subStatus === null
      ? null
      : (hass.formatEntityAttributeValue?.(stateObj, "sub_status") ?? shipment.subStatus);
  return { status, sub };
}

/**
 * Return the stage bar: one segment per stage, the current one named for readers;
 * ``history`` (its events' statuses, newest first) places a shipment in trouble.
 */
export function stageBar(
  t: Translate,
  shipment: Shipment,
  withNames: boolean,
  history: readonly string[] = [],
): TemplateResult {
  const { stages, reached, problem } = stageOf(shipment, history);
  const current = reached >= 0 ? stageName(t, shipment.kind, stages[reached]) : t("stage_none");
  const label =
    t("stage_progress", { reached: reached + 1, total: stages.length, stage: current }) +
    (problem ? ` (${t("stage_problem")})` : "");
  const classes = ["stage", problem ? "problem" : "", isDelivered(shipment) ? "done" : ""]
    .filter(Boolean)
    .join(" ");
  return html`<div class=${classes} role="img" aria-label=${label} title=${label}>
      ${stages.map(
        (_stage, index) =>
          html`<span
            class="segment ${index <= reached ? "reached" : ""} ${problem && reached < 0 && index === 0
              ? "current"
              : ""}"
          ></span>`,
      )}
    </div>
    ${withNames
      ? html`<ol class="stage-names" aria-hidden="true">
          ${stages.map(
            (stage, index) =>
              html`<li class=${index === reached ? "current" : index < reached ? "past" : ""}>
                ${stageName(t, shipment.kind, stage)}
              </li>`,
          )}
        </ol>`
      : nothing}`;
}

/** Return whether a shipment's status should stand out. */
export function problemClass(shipment: Shipment): string {
  return isProblem(shipment) ? "problem" : "";
}
