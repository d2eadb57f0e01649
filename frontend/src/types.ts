/** The parts of Home Assistant's frontend objects that the card uses. */

export interface HassEntity {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
  last_changed: string;
  last_updated: string;
}

export interface HassLocale {
  language: string;
  /** "local" (the browser's zone) or "server" (Home Assistant's). */
  time_zone?: string;
  /** "12", "24", "language" or "system". */
  time_format?: string;
}

export interface EntityRegistryDisplayEntry {
  entity_id: string;
  platform?: string;
  device_id?: string;
}

export interface DeviceRegistryEntry {
  id: string;
  name?: string | null;
  name_by_user?: string | null;
  config_entries: string[];
}

export interface HomeAssistant {
  states: Record<string, HassEntity>;
  entities?: Record<string, EntityRegistryDisplayEntry>;
  devices?: Record<string, DeviceRegistryEntry>;
  locale: HassLocale;
  language: string;
  config: { time_zone: string };
  themes?: { darkMode?: boolean };
  services?: Record<string, Record<string, unknown>>;
  callWS<T>(message: Record<string, unknown>): Promise<T>;
  formatEntityState?(stateObj: HassEntity, state?: string): string;
  formatEntityAttributeValue?(
    stateObj: HassEntity,
    attribute: string,
    value?: unknown,
  ): string;
  localize?(key: string, values?: Record<string, unknown>): string;
  loadBackendTranslation?(category: string, integration?: string): Promise<unknown>;
}

/** The kinds of shipment Track123 tracks. */
export type Kind = "parcel" | "ocean" | "air";
export const KINDS: readonly Kind[] = ["parcel", "ocean", "air"];

export type GroupBy = "status" | "kind" | "none";
export type SortOrder = "urgency" | "name";

/** The card's configuration, as the dashboard stores it. */
export interface CardConfig {
  type: string;
  title?: string;
  group_by?: GroupBy;
  /** Delivered shipments older than this many days are hidden; unset keeps them. */
  hide_delivered_after_days?: number;
  kinds?: Kind[];
  sort?: SortOrder;
}
