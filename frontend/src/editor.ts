/** The card's visual editor: grouping, hiding delivered shipments, kinds and order. */

import { LitElement, css, html, nothing, type TemplateResult } from "lit";

import { translator, type StringKey, type Translate } from "./i18n";
import { sharedStyles } from "./styles";
import { toggledKinds, withOption } from "./config";
import { KINDS, type CardConfig, type HomeAssistant } from "./types";

const GROUPINGS = [
  ["status", "editor.group_status"],
  ["kind", "editor.group_kind"],
  ["none", "editor.group_none"],
] as const;
const SORTS = [
  ["urgency", "editor.sort_urgency"],
  ["name", "editor.sort_name"],
] as const;

export class ShipmentsCardEditor extends LitElement {
  static properties = {
    hass: { attribute: false },
    _config: { state: true },
  };

  declare hass?: HomeAssistant;
  declare _config?: CardConfig;

  setConfig(config: CardConfig): void {
    this._config = config;
  }

  private _set<K extends keyof CardConfig>(key: K, value: CardConfig[K] | undefined): void {
    if (!this._config) return;
    this._config = withOption(this._config, key, value);
    this.dispatchEvent(
      new CustomEvent("config-changed", {
        detail: { config: this._config },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private _days(event: Event): void {
    const raw = (event.target as HTMLInputElement).value.trim();
    const days = raw === "" ? undefined : Math.max(0, Math.floor(Number(raw)));
    this._set("hide_delivered_after_days", Number.isNaN(days) ? undefined : days);
  }

  /** Return one choice of several as radio buttons. */
  private _choice<K extends "group_by" | "sort">(
    legend: string,
    name: K,
    options: readonly (readonly [NonNullable<CardConfig[K]>, StringKey])[],
    current: CardConfig[K],
    t: Translate,
  ): TemplateResult {
    return html`<fieldset>
      <legend>${legend}</legend>
      ${options.map(
        ([value, key]) => html`<label class="choice"
          ><input
            type="radio"
            name=${name}
            .value=${value}
            .checked=${current === value}
            @change=${() => this._set(name, value)}
          />${t(key)}</label
        >`,
      )}
    </fieldset>`;
  }

  protected render(): TemplateResult | typeof nothing {
    if (!this._config) return nothing;
    const t = translator(this.hass?.language);
    const config = this._config;
    const groupBy = config.group_by ?? "status";
    const sort = config.sort ?? "urgency";
    const kinds = new Set(config.kinds ?? KINDS);
    return html`<div class="editor">
      <label class="field"
        >${t("editor.title")}
        <input
          name="title"
          .value=${config.title ?? ""}
          placeholder=${t("title")}
          @change=${(e: Event) =>
            this._set("title", (e.target as HTMLInputElement).value.trim() || undefined)}
        />
      </label>
      ${this._choice(t("editor.group_by"), "group_by", GROUPINGS, groupBy, t)}
      <label class="field"
        >${t("editor.hide_delivered")}
        <input
          name="hide_delivered_after_days"
          type="number"
          min="0"
          max="365"
          step="1"
          inputmode="numeric"
          aria-describedby="days-help"
          .value=${config.hide_delivered_after_days?.toString() ?? ""}
          @change=${this._days}
        />
        <span class="hint" id="days-help">${t("editor.hide_delivered_help")}</span>
      </label>
      <fieldset>
        <legend>${t("editor.kinds")}</legend>
        ${KINDS.map(
          (kind) => html`<label class="choice"
            ><input
              type="checkbox"
              name="kinds"
              .value=${kind}
              .checked=${kinds.has(kind)}
              @change=${(e: Event) =>
                this._set("kinds", toggledKinds(config.kinds, kind, (e.target as HTMLInputElement).checked))}
            />${t(`group.${kind}` as StringKey)}</label
          >`,
        )}
      </fieldset>
      ${this._choice(t("editor.sort"), "sort", SORTS, sort, t)}
    </div>`;
  }

  static styles = [
    sharedStyles,
    css`
      .editor {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      fieldset {
        border: 1px solid var(--t123-divider);
        border-radius: 8px;
        padding: 8px 12px;
        margin: 0;
      }
      legend {
        padding: 0 4px;
      }
      .choice {
        display: flex;
        gap: 8px;
        align-items: center;
        min-height: 32px;
      }
    `,
  ];
}
