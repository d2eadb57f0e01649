/** Styles shared by the card and its dialogs: Home Assistant's theme variables only. */

import { css } from "lit";

export const sharedStyles = css`
  :host {
    --t123-warning: var(--warning-color, #ffa600);
    --t123-success: var(--success-color, #43a047);
    --t123-accent: var(--primary-color, #03a9f4);
    --t123-muted: var(--secondary-text-color, #727272);
    --t123-divider: var(--divider-color, rgba(0, 0, 0, 0.12));
    --t123-track: var(--disabled-color, var(--disabled-text-color, #bdbdbd));
    color: var(--primary-text-color);
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--t123-accent);
    outline-offset: 2px;
  }
  .pill {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    border: 1px solid var(--t123-divider);
    border-radius: 18px;
    background: none;
    padding: 6px 12px;
    min-height: 36px;
  }
  .pill:hover {
    background: var(--secondary-background-color, rgba(127, 127, 127, 0.1));
  }
  .primary {
    background: var(--t123-accent);
    border-color: var(--t123-accent);
    color: var(--text-primary-color, #fff);
  }
  .primary:hover {
    background: var(--t123-accent);
    filter: brightness(1.1);
  }
  .danger {
    color: var(--error-color, #db4437);
  }
  .icon-button {
    border: none;
    background: none;
    border-radius: 50%;
    width: 40px;
    height: 40px;
    display: inline-flex;
    align-items: center;
    justify-content: center;
  }
  .icon-button:hover {
    background: var(--secondary-background-color, rgba(127, 127, 127, 0.1));
  }
  button[disabled] {
    cursor: default;
    opacity: 0.6;
  }
  .muted {
    color: var(--t123-muted);
  }
  .warning {
    color: var(--t123-warning);
  }
  .status-icon {
    flex: none;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    display: flex;
    align-items: center;
    justify-content: center;
    color: var(--t123-accent);
    background: color-mix(in srgb, var(--t123-accent) 15%, transparent);
  }
  .problem .status-icon,
  .status-icon.problem {
    color: var(--t123-warning);
    background: color-mix(in srgb, var(--t123-warning) 18%, transparent);
  }
  .stage {
    display: flex;
    gap: 3px;
    align-items: center;
  }
  .stage .segment {
    flex: 1;
    height: 6px;
    border-radius: 3px;
    background: var(--t123-track);
    opacity: 0.45;
  }
  .stage .segment.reached {
    background: var(--t123-accent);
    opacity: 1;
  }
  .stage.done .segment.reached {
    background: var(--t123-success);
  }
  .stage.problem .segment.reached,
  .stage.problem .segment.current {
    background: var(--t123-warning);
    opacity: 1;
  }
  dialog {
    border: none;
    border-radius: var(--ha-dialog-border-radius, 24px);
    background: var(--ha-card-background, var(--card-background-color, #fff));
    color: var(--primary-text-color);
    padding: 0;
    width: min(560px, calc(100vw - 16px));
    max-height: calc(100vh - 32px);
    box-shadow: var(--ha-card-box-shadow, 0 8px 24px rgba(0, 0, 0, 0.3));
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  dialog[open] > form {
    display: flex;
    flex-direction: column;
    min-height: 0;
    flex: 1;
  }
  dialog .dialog-body {
    overflow-y: auto;
    flex: 1;
    min-height: 0;
  }
  dialog::backdrop {
    background: var(--mdc-dialog-scrim-color, rgba(0, 0, 0, 0.32));
  }
  dialog .dialog-head {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 16px 16px 8px 24px;
  }
  dialog h2 {
    flex: 1;
    margin: 0;
    font-size: 1.3em;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  dialog .dialog-body {
    padding: 0 24px 8px;
  }
  dialog .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
    padding: 12px 24px 20px;
    border-top: 1px solid var(--t123-divider);
  }
  .error {
    color: var(--error-color, #db4437);
  }
  label.field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin: 12px 0;
  }
  label.field input,
  label.field select {
    padding: 10px 12px;
    border: 1px solid var(--t123-divider);
    border-radius: 8px;
    background: var(--mdc-text-field-fill-color, var(--secondary-background-color, transparent));
    min-height: 24px;
  }
  .hint {
    font-size: 0.85em;
    color: var(--t123-muted);
  }
  @media (max-width: 600px) {
    dialog {
      width: 100vw;
      max-width: 100vw;
      max-height: 100vh;
      height: 100vh;
      margin: 0;
      border-radius: 0;
    }
    dialog .dialog-head {
      padding-left: 16px;
    }
    dialog .dialog-body,
    dialog .dialog-actions {
      padding-left: 16px;
      padding-right: 16px;
    }
  }
`;
