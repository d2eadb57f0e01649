/**
 * One shipment in a dialog: its stage, facts, the carrier's tracking link, the whole
 * timeline (fetched when opened and again when the shipment changes) and its actions.
 */

import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";

import { callAction, errorText, fetchHistory, hasAction, loadErrorTranslations } from "./hass";
import { translator, type Translate } from "./i18n";
import { daysWithoutNews, historyStatuses, shipmentFromState, type Shipment } from "./model";
import { problemClass, stageBar, statusIcon, statusText } from "./render";
import { sharedStyles } from "./styles";
import { timelineSections, type ShipmentHistory, type TimelineEntry } from "./timeline";
import { formatDateTime, formatWindow, timeSettings, type TimeSettings } from "./time";
import type { HassEntity, HomeAssistant, Kind } from "./types";

// The attribute whose translations name an event's status, per kind.
const EVENT_STATUS_ATTRIBUTE: Readonly<Record<Kind, string>> = {
  parcel: "sub_status",
  ocean: "last_event_status",
  air: "last_event_status",
};

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : null;
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

export class ShipmentDialog extends LitElement {
  static properties = {
    hass: { attribute: false },
    entityId: { attribute: false },
    _history: { state: true },
    _error: { state: true },
    _busy: { state: true },
    _confirming: { state: true },
    _editingLabel: { state: true },
  };

  declare hass: HomeAssistant;
  declare entityId: string;
  declare _history?: ShipmentHistory;
  declare _error?: string;
  declare _busy: boolean;
  declare _confirming: boolean;
  declare _editingLabel: boolean;

  private _loadedFor?: HassEntity;

  constructor() {
    super();
    this._busy = false;
    this._confirming = false;
    this._editingLabel = false;
  }

  private get _dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector("dialog");
  }

  protected firstUpdated(): void {
    this._dialog?.showModal();
  }

  protected updated(changed: PropertyValues<this>): void {
    const stateObj = this.hass?.states[this.entityId];
    // A changed shipment may have new events: fetch them again.
    if (stateObj !== undefined && stateObj !== this._loadedFor && changed.has("hass")) {
      this._loadedFor = stateObj;
      void this._load();
    }
  }

  private async _load(): Promise<void> {
    try {
      this._history = await fetchHistory(this.hass, this.entityId);
      this._error = undefined;
    } catch (err) {
      await loadErrorTranslations(this.hass);
      this._error = translator(this.hass.language)("load_failed", {
        error: errorText(this.hass, err),
      });
    }
  }

  private _close(): void {
    this._dialog?.close();
  }

  private _onClosed(): void {
    this.dispatchEvent(new CustomEvent("closed"));
  }

  private async _act(service: string, data: Record<string, unknown>, close: boolean) {
    this._busy = true;
    this._error = undefined;
    try {
      await callAction(this.hass, service, {
        ...data,
        ...(this._history ? { config_entry_id: this._history.config_entry_id } : {}),
      });
      if (close) this._close();
    } catch (err) {
      await loadErrorTranslations(this.hass);
      this._error = errorText(this.hass, err);
    } finally {
      this._busy = false;
      this._confirming = false;
    }
  }

  private _refresh(): void {
    void this._act("refresh", {}, false);
  }

  private _remove(shipment: Shipment): void {
    void this._act("remove_shipment", { tracking_number: shipment.number }, true);
  }

  private _saveLabel(shipment: Shipment, event: Event): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>("#label-input");
    this._editingLabel = false;
    void this._act(
      "set_label",
      { tracking_number: shipment.number, label: input?.value.trim() ?? "" },
      false,
    );
  }

  protected render(): TemplateResult {
    const t = translator(this.hass.language);
    const stateObj = this.hass.states[this.entityId];
    const shipment = stateObj ? shipmentFromState(stateObj) : null;
    return html`<dialog aria-labelledby="dialog-title" @close=${this._onClosed}>
      <div class="dialog-head">
        ${shipment
          ? html`<span class="status-icon ${problemClass(shipment)}" aria-hidden="true"
              ><ha-icon icon=${statusIcon(shipment)}></ha-icon
            ></span>`
          : nothing}
        <h2 id="dialog-title">${shipment?.name ?? this.entityId}</h2>
        <button class="icon-button" aria-label=${t("close")} title=${t("close")} @click=${this._close}>
          <ha-icon icon="mdi:close"></ha-icon>
        </button>
      </div>
      <div class="dialog-body">
        ${shipment && stateObj ? this._summary(t, stateObj, shipment) : nothing}
        ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
        ${shipment ? this._timeline(t, stateObj, shipment) : nothing}
      </div>
      ${shipment ? this._actions(t, shipment) : nothing}
    </dialog>`;
  }

  private _summary(t: Translate, stateObj: HassEntity, shipment: Shipment): TemplateResult {
    const { status, sub } = statusText(this.hass, stateObj, shipment);
    const settings = timeSettings(this.hass);
    const a = stateObj.attributes;
    const more = this._history;
    const link = more?.tracking_link ?? null;
    const origin = text(more?.origin_country) ?? text(a.port_of_loading) ?? text(a.origin);
    const destination =
      text(more?.destination_country) ?? text(a.port_of_discharge) ?? text(a.destination);
    const containers = list(a.containers)
      .map((container) => text(container.container_number))
      .filter(Boolean);
    const flights = list(a.flights).map((flight) => this._flight(flight, settings));
    const facts: [string, string | TemplateResult | null][] = [
      [t("number"), shipment.number],
      [t("carrier"), shipment.carrier],
      [t("route"), origin || destination ? `${origin ?? "?"} → ${destination ?? "?"}` : null],
      [
        t("expected", { window: "" }).trim(),
        shipment.expected
          ? formatWindow(
              shipment.expected.from,
              shipment.expected.until,
              settings,
              this.hass.config.time_zone,
            )
          : null,
      ],
      [t("containers"), containers.length ? containers.join(", ") : null],
      [t("vessel"), text(a.vessel)],
      [t("voyage"), text(a.voyage)],
      [t("flights"), flights.length ? html`${flights.map((f) => html`<div>${f}</div>`)}` : null],
      [t("pieces"), text(a.pieces) ?? text(more?.pieces)],
      [t("weight"), text(a.weight)],
    ];
    const quietDays = daysWithoutNews(shipment, new Date());
    const history = this._history ? historyStatuses(this._history.events) : [];
    return html`<p class="status-line ${problemClass(shipment)}">
        <span class="status">${status}</span>${sub ? html` · <span>${sub}</span>` : nothing}
      </p>
      ${quietDays !== null ? html`<p class="warning">${t("stalled", { days: quietDays })}</p>` : nothing}
      <div class="stage-wrap">${stageBar(t, shipment, true, history)}</div>
      <dl class="facts">
        ${facts
          .filter(([, value]) => value !== null && value !== "")
          .map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}
      </dl>
      ${link
        ? html`<p>
            <a href=${link} target="_blank" rel="noopener noreferrer"
              >${t("tracking_link")}<ha-icon icon="mdi:open-in-new"></ha-icon
            ></a>
          </p>`
        : nothing}`;
  }

  private _flight(flight: Record<string, unknown>, settings: TimeSettings): string {
    const departure = text(flight.departure_time);
    return [
      text(flight.flight_number),
      [text(flight.origin), text(flight.destination)].filter(Boolean).join(" → "),
      departure ? formatDateTime(new Date(departure), settings) : null,
    ]
      .filter(Boolean)
      .join(" · ");
  }

  private _timeline(t: Translate, stateObj: HassEntity, shipment: Shipment): TemplateResult {
    const history = this._history;
    const count = history?.events.length ?? 0;
    return html`<h3 class="timeline-title">
        ${t("timeline")}
        ${history ? html`<span class="muted count">${t("events_count", { count })}</span>` : nothing}
      </h3>
      ${history === undefined
        ? this._error
          ? nothing
          : html`<p class="muted" role="status">${t("loading")}</p>`
        : count === 0
          ? html`<p class="muted">${t("no_event")}</p>`
          : timelineSections(history.events).map(
              (section) => html`${section.container
                  ? html`<h4>${t("container", { number: section.container })}</h4>`
                  : nothing}
                <ol class="timeline">
                  ${section.entries.map((entry) => this._entry(entry, stateObj, shipment))}
                </ol>`,
            )}`;
  }

  private _entry(entry: TimelineEntry, stateObj: HassEntity, shipment: Shipment): TemplateResult {
    const settings = timeSettings(this.hass);
    const status =
      entry.status === null
        ? null
        : (this.hass.formatEntityAttributeValue?.(
            stateObj,
            EVENT_STATUS_ATTRIBUTE[shipment.kind],
            entry.status,
          ) ?? entry.status);
    const headline = entry.description ?? status ?? "";
    const details = [entry.description ? status : null, entry.location, entry.flight]
      .filter(Boolean)
      .join(" · ");
    return html`<li class="event">
      ${entry.time
        ? html`<time datetime=${entry.time.toISOString()}>${formatDateTime(entry.time, settings)}</time>`
        : nothing}
      <span class="what">${headline}</span>
      ${details ? html`<span class="muted where">${details}</span>` : nothing}
    </li>`;
  }

  private _actions(t: Translate, shipment: Shipment): TemplateResult {
    if (this._confirming) {
      return html`<div class="dialog-actions confirm" role="group" aria-label=${t("actions")}>
        <p class="confirm-text">${t("confirm_remove", { name: shipment.name })}</p>
        <button class="pill" @click=${() => (this._confirming = false)}>${t("cancel")}</button>
        <button class="pill danger" ?disabled=${this._busy} @click=${() => this._remove(shipment)}>
          ${t("remove")}
        </button>
      </div>`;
    }
    if (this._editingLabel) {
      return html`<form class="dialog-actions" @submit=${(e: Event) => this._saveLabel(shipment, e)}>
        <label class="field label-field"
          >${t("field.label")}<input id="label-input" maxlength="100" .value=${shipment.name !== shipment.number ? shipment.name : ""}
        /></label>
        <button type="button" class="pill" @click=${() => (this._editingLabel = false)}>${t("cancel")}</button>
        <button type="submit" class="pill primary">${t("save")}</button>
      </form>`;
    }
    return html`<div class="dialog-actions" role="group" aria-label=${t("actions")}>
      <button class="pill" ?disabled=${this._busy} @click=${this._refresh}>
        <ha-icon icon="mdi:refresh"></ha-icon>${t("refresh")}
      </button>
      ${hasAction(this.hass, "set_label")
        ? html`<button class="pill" ?disabled=${this._busy} @click=${() => (this._editingLabel = true)}>
            <ha-icon icon="mdi:tag-outline"></ha-icon>${t("change_label")}
          </button>`
        : nothing}
      <button class="pill danger" ?disabled=${this._busy} @click=${() => (this._confirming = true)}>
        <ha-icon icon="mdi:delete-outline"></ha-icon>${t("remove")}
      </button>
    </div>`;
  }

  static styles = [
    sharedStyles,
    css`
      .status-line {
        margin: 0 0 8px;
      }
      .status-line .status {
        color: var(--t123-accent);
        font-weight: 500;
      }
      .status-line.problem {
        color: var(--t123-warning);
      }
      .status-line.problem .status {
        color: var(--t123-warning);
      }
      .stage-wrap {
        margin: 8px 0 12px;
      }
      .stage-names {
        display: flex;
        list-style: none;
        padding: 0;
        margin: 4px 0 0;
        gap: 3px;
        font-size: 0.75em;
        color: var(--t123-muted);
      }
      .stage-names li {
        flex: 1;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .stage-names li.current {
        color: var(--primary-text-color);
        font-weight: 500;
      }
      .facts {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 4px 16px;
        margin: 8px 0;
      }
      .facts dt {
        color: var(--t123-muted);
      }
      .facts dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      a {
        color: var(--t123-accent);
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      a ha-icon {
        --mdc-icon-size: 16px;
      }
      .timeline-title {
        display: flex;
        gap: 8px;
        align-items: baseline;
        margin: 16px 0 4px;
        font-size: 1.05em;
        font-weight: 500;
      }
      .timeline-title .count {
        font-size: 0.85em;
        font-weight: 400;
      }
      h4 {
        margin: 12px 0 4px;
        font-weight: 500;
      }
      .timeline {
        list-style: none;
        margin: 0;
        padding: 0 0 0 16px;
        border-inline-start: 2px solid var(--t123-divider);
      }
      .timeline .event {
        position: relative;
        display: flex;
        flex-direction: column;
        padding: 6px 0 8px;
      }
      .timeline .event::before {
        content: "";
        position: absolute;
        inset-inline-start: -22px;
        top: 11px;
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: var(--t123-track);
      }
      .timeline .event:first-child::before {
        background: var(--t123-accent);
      }
      .timeline time {
        font-size: 0.85em;
        color: var(--t123-muted);
      }
      .where {
        font-size: 0.9em;
      }
      .confirm-text {
        flex-basis: 100%;
        margin: 0 0 4px;
      }
      .label-field {
        flex-basis: 100%;
      }
      .dialog-actions ha-icon {
        --mdc-icon-size: 18px;
      }
    `,
  ];
}
