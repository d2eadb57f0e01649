/** Talking to Home Assistant: the integration's actions and commands, and their errors. */

import type { Shipment } from "./model";
import { shipmentFromState } from "./model";
import type { DeviceRegistryEntry, EntityRegistryDisplayEntry, HassEntity, HomeAssistant } from "./types";
import type { ShipmentHistory } from "./timeline";

export const DOMAIN = "track123";

/** An account (config entry) of the integration, as its device names it. */
export interface Account {
  entryId: string;
  name: string;
}

/** An error Home Assistant sent back for a command or an action. */
interface HassError {
  code?: string;
  message?: string;
  translation_key?: string;
  translation_domain?: string;
  translation_placeholders?: Record<string, string>;
}

/** Return the entity ids of the integration's sensors, or null when the registry is unknown. */
export function integrationEntityIds(
  entities: Record<string, EntityRegistryDisplayEntry> | undefined,
): string[] | null {
  if (entities === undefined) return null;
  return Object.values(entities)
    .filter((entry) => entry.platform === DOMAIN && entry.entity_id.startsWith("sensor."))
    .map((entry) => entry.entity_id);
}

/** Return the shipments among ``entityIds`` (every state when null). */
export function shipmentsOf(
  states: Record<string, HassEntity>,
  entityIds: readonly string[] | null,
): Shipment[] {
  const candidates =
    entityIds === null
      ? Object.values(states)
      : entityIds.map((id) => states[id]).filter((state) => state !== undefined);
  return candidates
    .map((state) => shipmentFromState(state))
    .filter((shipment): shipment is Shipment => shipment !== null);
}

/** Return the integration's accounts: the config entries of its devices. */
export function accountsOf(
  entities: Record<string, EntityRegistryDisplayEntry> | undefined,
  devices: Record<string, DeviceRegistryEntry> | undefined,
): Account[] {
  const accounts = new Map<string, string>();
  for (const entry of Object.values(entities ?? {})) {
    if (entry.platform !== DOMAIN || entry.device_id === undefined) continue;
    const device = devices?.[entry.device_id];
    const entryId = device?.config_entries[0];
    if (device === undefined || entryId === undefined || accounts.has(entryId)) continue;
    accounts.set(entryId, device.name_by_user || device.name || entryId);
  }
  return [...accounts].map(([entryId, name]) => ({ entryId, name }));
}

/** Call one of the integration's actions; return its response where it has one. */
export async function callAction<T = unknown>(
  hass: HomeAssistant,
  service: string,
  data: Record<string, unknown>,
  returnResponse = false,
): Promise<T | undefined> {
  const result = await hass.callWS<{ response?: T }>({
    type: "call_service",
    domain: DOMAIN,
    service,
    service_data: data,
    ...(returnResponse ? { return_response: true } : {}),
  });
  return result?.response;
}

/** Return a shipment's whole history from the integration. */
export function fetchHistory(hass: HomeAssistant, entityId: string): Promise<ShipmentHistory> {
  return hass.callWS<ShipmentHistory>({ type: `${DOMAIN}/shipment_history`, entity_id: entityId });
}

/** Return True when the integration offers an action (a newer version may add some). */
export function hasAction(hass: HomeAssistant, service: string): boolean {
  return hass.services?.[DOMAIN]?.[service] !== undefined;
}

/** Load the integration's translated error messages, once per page. */
let exceptionsLoaded: Promise<unknown> | undefined;
export function loadErrorTranslations(hass: HomeAssistant): Promise<unknown> {
  exceptionsLoaded ??= hass.loadBackendTranslation?.("exceptions", DOMAIN) ?? Promise.resolve();
  return exceptionsLoaded.catch(() => undefined);
}

/** Return an error from Home Assistant as the user's language puts it. */
export function errorText(hass: HomeAssistant, error: unknown): string {
  const err = (error ?? {}) as HassError;
  if (err.translation_key && err.translation_domain && hass.localize) {
    const translated = hass.localize(
      `component.${err.translation_domain}.exceptions.${err.translation_key}.message`,
      err.translation_placeholders,
    );
    if (translated) return translated;
  }
  if (err.message) return err.message;
  return String(error);
}
