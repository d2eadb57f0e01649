"""Device triggers on the account device: delivered, out for delivery, and more."""

from typing import Final

from homeassistant.components.device_automation import DEVICE_TRIGGER_BASE_SCHEMA
from homeassistant.components.homeassistant.triggers import event as event_trigger
from homeassistant.const import (
    CONF_DEVICE_ID,
    CONF_DOMAIN,
    CONF_EVENT_DATA,
    CONF_PLATFORM,
    CONF_TYPE,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant
from homeassistant.helpers.trigger import TriggerActionType, TriggerInfo
from homeassistant.helpers.typing import ConfigType
import probatio as vol

from .const import DOMAIN
from .events import EVENT_STATUS_CHANGED
from .kinds import (
    CATEGORY_DELIVERED,
    CATEGORY_DELIVERY_FAILED,
    CATEGORY_EXCEPTION,
    CATEGORY_OUT_FOR_DELIVERY,
)

TRIGGER_STATUS_CHANGED: Final = "status_changed"
TRIGGER_TYPES: Final = (
    CATEGORY_DELIVERED,
    TRIGGER_STATUS_CHANGED,
    CATEGORY_OUT_FOR_DELIVERY,
    CATEGORY_DELIVERY_FAILED,
    CATEGORY_EXCEPTION,
)

TRIGGER_SCHEMA = DEVICE_TRIGGER_BASE_SCHEMA.extend(
    {vol.Required(CONF_TYPE): vol.In(TRIGGER_TYPES)}
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


async def async_attach_trigger(
    hass: HomeAssistant,
    config: ConfigType,
    action: TriggerActionType,
    trigger_info: TriggerInfo,
) -> CALLBACK_TYPE:
    """Listen for the status-change events that match the trigger."""
    event_data = {CONF_DEVICE_ID: config[CONF_DEVICE_ID]}
    if config[CONF_TYPE] != TRIGGER_STATUS_CHANGED:
        event_data["category"] = config[CONF_TYPE]
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
