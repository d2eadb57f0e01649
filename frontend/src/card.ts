/** The shipments card: one row per shipment, grouped, with its stage and last event. */

import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";

import { accountsOf, callAction, fetchHistory, integrationEntityIds, shipmentsOf } from "./hass";
import { translator, type StringKey, type Translate } from "./i18n";
import {
  daysWithoutNews,
  groupShipments,
  historyStatuses,
  isDelivered,
  needsHistory,
  visibleShipments,
  type Shipment,
} from "./model";
import { problemClass, stageBar, statusIcon, statusText } from "./render";
import { sharedStyles } from "./styles";
import { formatDateTime, formatWindow, relativeTime, timeSettings } from "./time";
import { STUB_CONFIG, checkConfig } from "./config";
import type { CardConfig, HassEntity, HomeAssistant } from "./types";

export const CARD_TYPE = "track123-shipments-card";
// Relative times ("5 min ago") move on without a state change.
const TICK_MS = 60_000;

/** The statuses of a shipment's history, fetched for the state they were fetched at. */
interface FetchedHistory {
  state: HassEntity;
  statuses: readonly string[];
}

export class ShipmentsCard extends LitElement {
  static properties = {
    hass: { attribute: false },
    _config: { state: true },
    _selected: { state: true },
    _adding: { state: true },
    _refreshing: { state: true },
  };

  declare hass?: HomeAssistant;
  declare _config?: CardConfig;
  declare _selected?: string;
  declare _adding: boolean;
  declare _refreshing: boolean;

  private _entityIds: string[] | null = null;
  private _entitiesSeen?: HomeAssistant["entities"];
  private _timer?: ReturnType<typeof setInterval>;
  // The states keep no history: the few shipments that only their history places on
  // their stages (an exception, an expired number) have it fetched, once per state.
  private _histories = new Map<string, FetchedHistory>();

  constructor() {
    super();
    this._adding = false;
    this._refreshing = false;
  }

  static getConfigElement(): HTMLElement {
    return document.createElement(`${CARD_TYPE}-editor`);
  }

  static getStubConfig(): Omit<CardConfig, "type"> {
    return { ...STUB_CONFIG };
  }

  setConfig(config: CardConfig): void {
    this._config = checkConfig(config);
  }

  getCardSize(): number {
    return 2 + Math.min(this._shipments().length, 10) * 2;
  }

  getGridOptions() {
    return { columns: 12, min_columns: 6, min_rows: 3 };
  }

  connectedCallback(): void {
    super.connectedCallback();
    this._timer = setInterval(() => this.requestUpdate(), TICK_MS);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._timer);
  }

  /** Re-render only when a shipment, the language or the time settings changed. */
  protected shouldUpdate(changed: PropertyValues<this>): boolean {
    if (!changed.has("hass") || changed.size > 1) return true;
    const old = changed.get("hass") as HomeAssistant | undefined;
    const hass = this.hass;
    if (old === undefined || hass === undefined) return true;
    if (old.locale !== hass.locale || old.language !== hass.language) return true;
    if (old.entities !== hass.entities || old.devices !== hass.devices) return true;
    const ids = this._ids();
    if (ids === null) return old.states !== hass.states;
    return ids.some((id) => old.states[id] !== hass.states[id]);
  }

  protected updated(): void {
    if (this._config) this._fetchHistories(visibleShipments(this._shipments(), this._config, new Date()));
  }

  private _ids(): string[] | null {
    if (this.hass?.entities !== this._entitiesSeen) {
      this._entitiesSeen = this.hass?.entities;
      this._entityIds = integrationEntityIds(this.hass?.entities);
    }
    return this._entityIds;
  }

  private _shipments(): Shipment[] {
    return this.hass ? shipmentsOf(this.hass.states, this._ids()) : [];
  }

  private get _t(): Translate {
    return translator(this.hass?.language ?? this.hass?.locale?.language);
  }

  protected render(): TemplateResult | typeof nothing {
    if (!this.hass || !this._config) return nothing;
    const t = this._t;
    const config = this._config;
    const language = this.hass.language;
    const collator = new Intl.Collator(language, { numeric: true, sensitivity: "base" });
    const now = new Date();
    const groupBy = config.group_by ?? "status";
    const groups = groupShipments(
      visibleShipments(this._shipments(), config, now),
      groupBy,
      config.sort ?? "urgency",
      collator,
    );
    const title = config.title ?? t("title");
    return html`<ha-card>
      <div class="card-head">
        <h2 class="card-title" id="title">${title}</h2>
        <button
          class="icon-button"
          aria-label=${t("refresh")}
          title=${t("refresh")}
          ?disabled=${this._refreshing}
          @click=${this._refresh}
        >
          <ha-icon icon="mdi:refresh"></ha-icon>
        </button>
        <button class="pill add" @click=${this._openAdd}>
          <ha-icon icon="mdi:plus"></ha-icon><span>${t("add")}</span>
        </button>
      </div>
      ${groups.length === 0
        ? html`<p class="empty muted">${t("empty")}</p>`
        : groups.map(
            (group) => html`<section
              class="group"
              aria-labelledby=${groupBy === "none" ? "title" : `group-${group.id}`}
              data-group=${group.id}
            >
              ${groupBy === "none"
                ? nothing
                : html`<h3 id="group-${group.id}">
                    ${t(`group.${group.id}` as StringKey)}
                    <span class="count">${group.shipments.length}</span>
                  </h3>`}
              <ul>
                ${group.shipments.map((shipment) => this._row(shipment, t, now))}
              </ul>
            </section>`,
          )}
      ${this._selected
        ? html`<track123-shipment-dialog
            .hass=${this.hass}
            .entityId=${this._selected}
            @closed=${this._closeDetails}
          ></track123-shipment-dialog>`
        : nothing}
      ${this._adding
        ? html`<track123-add-dialog
            .hass=${this.hass}
            .accounts=${accountsOf(this.hass.entities, this.hass.devices)}
            @closed=${this._closeAdd}
          ></track123-add-dialog>`
        : nothing}
    </ha-card>`;
  }

  private _row(shipment: Shipment, t: Translate, now: Date): TemplateResult {
    const hass = this.hass!;
    const stateObj = hass.states[shipment.entityId];
    const { status, sub } = statusText(hass, stateObj, shipment);
    const settings = timeSettings(hass);
    const place = shipment.lastEventLocation;
    const when = shipment.lastEventTime;
    const window = shipment.expected;
    const quietDays = daysWithoutNews(shipment, now);
    const secondary = [shipment.carrier, shipment.name !== shipment.number ? shipment.number : null]
      .filter(Boolean)
      .join(" · ");
    return html`<li>
      <button
        class="row ${problemClass(shipment)} ${isDelivered(shipment) ? "done" : ""}"
        data-entity-id=${shipment.entityId}
        data-status=${shipment.status}
        @click=${() => this._openDetails(shipment.entityId)}
      >
        <span class="status-icon" aria-hidden="true"
          ><ha-icon icon=${statusIcon(shipment)}></ha-icon
        ></span>
        <span class="main">
          <span class="line head">
            <span class="name">${shipment.name}</span>
            <span class="status">${status}</span>
          </span>
          ${sub ? html`<span class="line sub-status">${sub}</span>` : nothing}
          ${secondary ? html`<span class="line muted carrier">${secondary}</span>` : nothing}
          <span class="line event">
            <span class="event-text">${shipment.lastEvent ?? t("no_event")}</span>
            ${place ? html`<span class="muted"> · ${place}</span>` : nothing}
            ${when
              ? html`<time
                  class="muted"
                  datetime=${when.toISOString()}
                  title=${formatDateTime(when, settings)}
                >
                  · ${relativeTime(when, now, settings.language)}</time
                >`
              : nothing}
          </span>
          ${quietDays !== null
            ? html`<span class="line warning">${t("stalled", { days: quietDays })}</span>`
            : nothing}
          ${window
            ? html`<span class="line expected"
                >${t("expected", {
                  window: formatWindow(window.from, window.until, settings, hass.config.time_zone),
                })}</span
              >`
            : nothing}
          ${stageBar(t, shipment, false, this._histories.get(shipment.entityId)?.statuses)}
        </span>
      </button>
    </li>`;
  }

  /** Fetch the history of each shown shipment that needs it and has none for its state. */
  private _fetchHistories(shipments: readonly Shipment[]): void {
    const hass = this.hass;
    if (!hass) return;
    for (const shipment of shipments) {
      const state = hass.states[shipment.entityId];
      if (!needsHistory(shipment) || this._histories.get(shipment.entityId)?.state === state) {
        continue;
      }
      const fetched: FetchedHistory = { state, statuses: [] };
      this._histories.set(shipment.entityId, fetched);
      fetchHistory(hass, shipment.entityId).then(
        (history) => {
          if (this._histories.get(shipment.entityId) !== fetched) return;
          this._histories.set(shipment.entityId, { state, statuses: historyStatuses(history.events) });
          this.requestUpdate();
        },
        // Without its history the bar shows no stage reached, as for a new number.
        () => undefined,
      );
    }
  }

  private _openDetails(entityId: string): void {
    this._selected = entityId;
  }

  private _closeDetails(): void {
    this._selected = undefined;
  }

  private _openAdd(): void {
    this._adding = true;
  }

  private _closeAdd(): void {
    this._adding = false;
  }

  private async _refresh(): Promise<void> {
    const hass = this.hass;
    if (!hass) return;
    this._refreshing = true;
    try {
      const accounts = accountsOf(hass.entities, hass.devices);
      const calls =
        accounts.length > 0
          ? accounts.map((account) =>
              callAction(hass, "refresh", { config_entry_id: account.entryId }),
            )
          : [callAction(hass, "refresh", {})];
      await Promise.all(calls);
    } finally {
      this._refreshing = false;
    }
  }

  static styles = [
    sharedStyles,
    css`
      ha-card {
        overflow: hidden;
        container-type: inline-size;
      }
      .card-head {
        display: flex;
        align-items: center;
        gap: 4px;
        padding: 12px 12px 4px 16px;
      }
      .card-title {
        flex: 1;
        margin: 0;
        font-size: var(--ha-card-header-font-size, 1.5em);
        font-weight: 400;
        line-height: 1.4;
      }
      .empty {
        padding: 8px 16px 16px;
        margin: 0;
      }
      section h3 {
        margin: 12px 16px 4px;
        font-size: 0.9em;
        font-weight: 500;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--t123-muted);
        display: flex;
        gap: 8px;
        align-items: center;
      }
      section[data-group="attention"] h3 {
        color: var(--t123-warning);
      }
      .count {
        font-weight: 400;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0 8px 8px;
      }
      .row {
        display: flex;
        gap: 12px;
        width: 100%;
        text-align: start;
        background: none;
        border: none;
        border-inline-start: 3px solid transparent;
        border-radius: 8px;
        padding: 10px 8px;
        align-items: flex-start;
      }
      .row:hover {
        background: var(--secondary-background-color, rgba(127, 127, 127, 0.08));
      }
      .row.problem {
        border-inline-start-color: var(--t123-warning);
      }
      .main {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      .line {
        display: block;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .head {
        display: flex;
        gap: 8px;
        justify-content: space-between;
        align-items: baseline;
      }
      .name {
        font-weight: 500;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .status {
        flex: none;
        font-size: 0.9em;
        color: var(--t123-accent);
      }
      .row.done .status {
        color: var(--t123-success);
      }
      .problem .status,
      .problem .sub-status {
        color: var(--t123-warning);
      }
      .sub-status,
      .event,
      .carrier,
      .expected {
        font-size: 0.9em;
      }
      .stage {
        margin-top: 6px;
      }
      @container (max-width: 420px) {
        .head {
          flex-direction: column;
          gap: 0;
        }
        .status-icon {
          width: 32px;
          height: 32px;
        }
      }
    `,
  ];
}

