"""Device triggers on the account device: delivered, out for delivery, and more.

Each trigger may be limited to one kind of shipment and to one shipment, chosen
by its sensor.
"""

from typing import Any, Final

from homeassistant.components.device_automation import DEVICE_TRIGGER_BASE_SCHEMA
from homeassistant.components.homeassistant.triggers import event as event_trigger
from homeassistant.const import (
    CONF_DEVICE_ID,
    CONF_DOMAIN,
    CONF_ENTITY_ID,
    CONF_EVENT_DATA,
    CONF_PLATFORM,
    CONF_TYPE,
    Platform,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant
from homeassistant.helpers import config_validation as cv, entity_registry as er
from homeassistant.helpers.selector import (
    EntitySelector,
    EntitySelectorConfig,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)
from homeassistant.helpers.translation import async_get_translations
from homeassistant.helpers.trigger import TriggerActionType, TriggerInfo
from homeassistant.helpers.typing import ConfigType

from .const import DOMAIN, ShipmentKind
from .events import EVENT_STATUS_CHANGED
from .kinds import (
    CATEGORY_DELIVERED,
    CATEGORY_DELIVERY_FAILED,
    CATEGORY_EXCEPTION,
    CATEGORY_OUT_FOR_DELIVERY,
)
from .shipment import shipment_unique_prefix
from .validation import vol

TRIGGER_STATUS_CHANGED: Final = "status_changed"
TRIGGER_TYPES: Final = (
    CATEGORY_DELIVERED,
    TRIGGER_STATUS_CHANGED,
    CATEGORY_OUT_FOR_DELIVERY,
    CATEGORY_DELIVERY_FAILED,
    CATEGORY_EXCEPTION,
)
CONF_KIND: Final = "kind"
KIND_OPTIONS: Final = [kind.value for kind in ShipmentKind]

TRIGGER_SCHEMA = DEVICE_TRIGGER_BASE_SCHEMA.extend(
    {
        vol.Required(CONF_TYPE): vol.In(TRIGGER_TYPES),
        vol.Optional(CONF_KIND): vol.In(KIND_OPTIONS),
        vol.Optional(CONF_ENTITY_ID): cv.entity_id_or_uuid,
    }
)


async def async_get_triggers(
    hass: HomeAssistant, device_id: str
) -> list[dict[str, str]]:
    """List the triggers of an account device."""
    return [
        {
            CONF_PLATFORM: "device",
            CONF_DOMAIN: DOMAIN,
            CONF_DEVICE_ID: device_id,
            CONF_TYPE: trigger_type,
        }
        for trigger_type in TRIGGER_TYPES
    ]


def _shipment_sensors(hass: HomeAssistant, device_id: str) -> list[str]:
    """Return the entity ids of the device's shipment sensors, sorted."""
    return sorted(
        entry.entity_id
        for entry in er.async_entries_for_device(er.async_get(hass), device_id)
        if entry.domain == Platform.SENSOR
        and entry.platform == DOMAIN
        and entry.config_entry_id is not None
        and entry.unique_id.startswith(shipment_unique_prefix(entry.config_entry_id))
    )


async def _kind_options(hass: HomeAssistant) -> list[SelectOptionDict]:
    """Return the kinds with their names in the home's language.

    The device automation editor shows an extra field's options as given: it
    does not translate them by the selector's translation key.
    """
    names = await async_get_translations(
        hass, hass.config.language, "selector", {DOMAIN}
    )
    return [
        SelectOptionDict(
            value=kind,
            label=names.get(
                f"component.{DOMAIN}.selector.{CONF_KIND}.options.{kind}", kind
            ),
        )
        for kind in KIND_OPTIONS
    ]


async def async_get_trigger_capabilities(
    hass: HomeAssistant, config: ConfigType
) -> dict[str, vol.Schema]:
    """Offer the optional filters: a kind, and a shipment by its sensor."""
    return {
        "extra_fields": vol.Schema(
            {
                vol.Optional(CONF_KIND): SelectSelector(
                    SelectSelectorConfig(
                        options=await _kind_options(hass),
                        mode=SelectSelectorMode.DROPDOWN,
                    )
                ),
                vol.Optional(CONF_ENTITY_ID): EntitySelector(
                    EntitySelectorConfig(
                        include_entities=_shipment_sensors(hass, config[CONF_DEVICE_ID])
                    )
                ),
            }
        )
    }


async def async_attach_trigger(
    hass: HomeAssistant,
    config: ConfigType,
    action: TriggerActionType,
    trigger_info: TriggerInfo,
) -> CALLBACK_TYPE:
    """Listen for the status-change events that match the trigger and its filters."""
    event_data: dict[str, Any] = {CONF_DEVICE_ID: config[CONF_DEVICE_ID]}
    if config[CONF_TYPE] != TRIGGER_STATUS_CHANGED:
        event_data["category"] = config[CONF_TYPE]
    if CONF_KIND in config:
        event_data[CONF_KIND] = config[CONF_KIND]
    if CONF_ENTITY_ID in config:
        # A registry id stands for the sensor's current entity id; one no longer
        # known matches nothing (events of shipments without a sensor carry None).
        chosen = config[CONF_ENTITY_ID]
        event_data[CONF_ENTITY_ID] = (
            er.async_resolve_entity_id(er.async_get(hass), chosen) or chosen
        )
    event_config = event_trigger.TRIGGER_SCHEMA(
        {
            CONF_PLATFORM: "event",
            event_trigger.CONF_EVENT_TYPE: EVENT_STATUS_CHANGED,
            CONF_EVENT_DATA: event_data,
        }
    )
    return await event_trigger.async_attach_trigger(
        hass, event_config, action, trigger_info, platform_type="device"
    )
