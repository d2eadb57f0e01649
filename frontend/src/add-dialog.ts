/**
 * Adding a shipment: number, optional label and carrier, kind (and for ocean the
 * kind of number). For parcels, Track123's carrier suggestions for the number are
 * offered as the user leaves the number field.
 */

import { LitElement, css, html, nothing, type TemplateResult } from "lit";

import { callAction, errorText, loadErrorTranslations, type Account } from "./hass";
import { translator, type StringKey } from "./i18n";
import { sharedStyles } from "./styles";
import { KINDS, type HomeAssistant, type Kind } from "./types";

const NUMBER_TYPES = ["container", "bill_of_lading", "booking"] as const;
// The integration checks numbers the same way; shorter ones are not worth asking about.
const MIN_NUMBER_LENGTH = 4;

interface Carrier {
  code: string;
  name: string | null;
}

export class AddDialog extends LitElement {
  static properties = {
    hass: { attribute: false },
    accounts: { attribute: false },
    _kind: { state: true },
    _suggestions: { state: true },
    _detecting: { state: true },
    _busy: { state: true },
    _error: { state: true },
  };

  declare hass: HomeAssistant;
  declare accounts: Account[];
  declare _kind: Kind;
  declare _suggestions: Carrier[];
  declare _detecting: boolean;
  declare _busy: boolean;
  declare _error?: string;

  private _detectedFor = "";

  constructor() {
    super();
    this.accounts = [];
    this._kind = "parcel";
    this._suggestions = [];
    this._detecting = false;
    this._busy = false;
  }

  private get _dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector("dialog");
  }

  private _field<T extends HTMLInputElement | HTMLSelectElement>(name: string): T | null {
    return this.renderRoot.querySelector<T>(`[name="${name}"]`);
  }

  protected firstUpdated(): void {
    this._dialog?.showModal();
  }

  private _close(): void {
    this._dialog?.close();
  }

  private _onClosed(): void {
    this.dispatchEvent(new CustomEvent("closed"));
  }

  private _account(): string | undefined {
    return this._field<HTMLSelectElement>("account")?.value || this.accounts[0]?.entryId;
  }

  private async _detect(): Promise<void> {
    const number = this._field<HTMLInputElement>("tracking_number")?.value.replace(/\s+/g, "") ?? "";
    if (this._kind !== "parcel" || number.length < MIN_NUMBER_LENGTH || number === this._detectedFor) {
      return;
    }
    this._detectedFor = number;
    this._detecting = true;
    try {
      const account = this._account();
      const response = await callAction<{ carriers: Carrier[] }>(
        this.hass,
        "detect_carrier",
        { tracking_number: number, ...(account ? { config_entry_id: account } : {}) },
        true,
      );
      this._suggestions = response?.carriers ?? [];
    } catch {
      // Suggestions are a help only: the carrier field stays free to fill in.
      this._suggestions = [];
    } finally {
      this._detecting = false;
    }
  }

  private _pick(carrier: Carrier): void {
    const field = this._field<HTMLInputElement>("carrier");
    if (field) field.value = carrier.code;
  }

  private _kindChanged(event: Event): void {
    this._kind = (event.target as HTMLSelectElement).value as Kind;
    this._suggestions = [];
    this._detectedFor = "";
  }

  private async _submit(event: Event): Promise<void> {
    event.preventDefault();
    const value = (name: string) => this._field(name)?.value.trim() ?? "";
    const account = this._account();
    const data: Record<string, unknown> = {
      tracking_number: value("tracking_number"),
      kind: this._kind,
      ...(value("label") ? { label: value("label") } : {}),
      ...(value("carrier") ? { carrier: value("carrier") } : {}),
      ...(this._kind === "ocean" ? { number_type: value("number_type") } : {}),
      ...(account ? { config_entry_id: account } : {}),
    };
    this._busy = true;
    this._error = undefined;
    try {
      await callAction(this.hass, "add_shipment", data);
      this._close();
    } catch (err) {
      await loadErrorTranslations(this.hass);
      this._error = errorText(this.hass, err);
    } finally {
      this._busy = false;
    }
  }

  protected render(): TemplateResult {
    const t = translator(this.hass.language);
    return html`<dialog aria-labelledby="add-title" @close=${this._onClosed}>
      <form @submit=${this._submit}>
        <div class="dialog-head">
          <h2 id="add-title">${t("add")}</h2>
          <button
            type="button"
            class="icon-button"
            aria-label=${t("close")}
            title=${t("close")}
            @click=${this._close}
          >
            <ha-icon icon="mdi:close"></ha-icon>
          </button>
        </div>
        <div class="dialog-body">
          <label class="field"
            >${t("field.number")}
            <input
              name="tracking_number"
              required
              autocomplete="off"
              autocapitalize="characters"
              spellcheck="false"
              @change=${this._detect}
            />
          </label>
          <label class="field"
            >${t("field.label")}<input name="label" maxlength="100" autocomplete="off"
          /></label>
          <label class="field"
            >${t("field.kind")}
            <select name="kind" @change=${this._kindChanged}>
              ${KINDS.map(
                (kind) =>
                  html`<option value=${kind} ?selected=${kind === this._kind}>
                    ${t(`kind.${kind}` as StringKey)}
                  </option>`,
              )}
            </select>
          </label>
          ${this._kind === "ocean"
            ? html`<label class="field"
                >${t("field.number_type")}
                <select name="number_type">
                  ${NUMBER_TYPES.map(
                    (type) =>
                      html`<option value=${type}>${t(`number_type.${type}` as StringKey)}</option>`,
                  )}
                </select>
              </label>`
            : nothing}
          <label class="field"
            >${t("field.carrier")}
            <input name="carrier" autocomplete="off" spellcheck="false" aria-describedby="carrier-hint" />
            <span class="hint" id="carrier-hint">${t("carrier_hint")}</span>
          </label>
          <div class="suggestions" role="status" aria-live="polite">
            ${this._detecting
              ? html`<span class="muted">${t("detecting")}</span>`
              : this._suggestions.length
                ? html`<span class="muted">${t("suggestions")}</span>
                    <div class="chips">
                      ${this._suggestions.map(
                        (carrier) =>
                          html`<button type="button" class="pill chip" @click=${() => this._pick(carrier)}>
                            ${carrier.name ? `${carrier.name} (${carrier.code})` : carrier.code}
                          </button>`,
                      )}
                    </div>`
                : nothing}
          </div>
          ${this.accounts.length > 1
            ? html`<label class="field"
                >${t("field.account")}
                <select name="account">
                  ${this.accounts.map(
                    (account) => html`<option value=${account.entryId}>${account.name}</option>`,
                  )}
                </select>
              </label>`
            : nothing}
          ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
        </div>
        <div class="dialog-actions">
          <button type="button" class="pill" @click=${this._close}>${t("cancel")}</button>
          <button type="submit" class="pill primary" ?disabled=${this._busy}>
            ${this._busy ? t("adding") : t("add")}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  static styles = [
    sharedStyles,
    css`
      .suggestions {
        min-height: 1.5em;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-top: 4px;
      }
    `,
  ];
}
