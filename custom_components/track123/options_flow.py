"""Options: polling, kinds, retention, scope, the to-do list, and the webhook."""

from collections.abc import Mapping
from ipaddress import ip_address
from typing import Any, Final, NamedTuple

from homeassistant.config_entries import ConfigFlowResult, OptionsFlowWithReload
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)
from yarl import URL

from .const import (
    CONF_DELIVERED_RETENTION_DAYS,
    CONF_KINDS,
    CONF_SCAN_INTERVAL,
    CONF_SCOPE,
    CONF_TODO_COMPLETE,
    CONF_WEBHOOK,
    CONF_WEBHOOK_ID,
    DEFAULT_DELIVERED_RETENTION_DAYS,
    DEFAULT_KINDS,
    DEFAULT_SCAN_INTERVAL_MINUTES,
    DEFAULT_SCOPE,
    DEFAULT_TODO_COMPLETE,
    MAX_DELIVERED_RETENTION_DAYS,
    MAX_SCAN_INTERVAL_MINUTES,
    MIN_SCAN_INTERVAL_MINUTES,
    Scope,
    ShipmentKind,
    TodoComplete,
)
from .validation import vol
from .webhook import async_cloud_url, local_url, new_webhook_id

CONSOLE_URL: Final = "https://www.track123.com"
# Host names that only a local network resolves.
_LOCAL_SUFFIXES: Final = (
    ".local",
    ".lan",
    ".home",
    ".internal",
    ".localdomain",
    ".home.arpa",
)
_LOCAL_NAMES: Final = frozenset({"localhost", "home.arpa"})


class NumberBox(NumberSelector):
    """A number box whose range the step checks, so that its error is translated.

    NumberSelector itself refuses a number out of range with an English "Value
    2.0 is too small" before the step runs; this one only reads the number, and
    still gives the frontend its minimum and maximum.
    """

    def __call__(self, data: Any) -> float:
        """Return the number typed, whatever its range."""
        value: float = vol.Coerce(float)(data)
        return value


class NumberField(NamedTuple):
    """An option typed as a whole number within a range."""

    key: str
    minimum: int
    maximum: int
    unit: str

    def box(self) -> NumberBox:
        """Return the field's number box."""
        return NumberBox(
            NumberSelectorConfig(
                min=self.minimum,
                max=self.maximum,
                step=1,
                mode=NumberSelectorMode.BOX,
                unit_of_measurement=self.unit,
            )
        )

    def error(self, value: float) -> str | None:
        """Return the field's error key for ``value``; None when it is valid."""
        if self.minimum <= value <= self.maximum and value == int(value):
            return None
        return f"{self.key}_range"


NUMBER_FIELDS: Final = (
    NumberField(
        CONF_SCAN_INTERVAL, MIN_SCAN_INTERVAL_MINUTES, MAX_SCAN_INTERVAL_MINUTES, "min"
    ),
    NumberField(CONF_DELIVERED_RETENTION_DAYS, 0, MAX_DELIVERED_RETENTION_DAYS, "d"),
)
# The ranges, named in the error messages.
RANGE_PLACEHOLDERS: Final = {
    f"{field.key}_{end}": str(value)
    for field in NUMBER_FIELDS
    for end, value in (("min", field.minimum), ("max", field.maximum))
}


def option_errors(user_input: Mapping[str, Any]) -> dict[str, str]:
    """Return every error of the options form at once."""
    errors = {
        field.key: error
        for field in NUMBER_FIELDS
        if (error := field.error(user_input[field.key])) is not None
    }
    if not user_input.get(CONF_KINDS):
        errors[CONF_KINDS] = "no_kinds"
    return errors


def _is_local_host(host: str) -> bool:
    """Return True for a host the internet cannot reach: a private or local one."""
    try:
        return not ip_address(host).is_global
    except ValueError:
        name = host.lower().rstrip(".")
        return "." not in name or name in _LOCAL_NAMES or name.endswith(_LOCAL_SUFFIXES)


def webhook_step(url: str) -> str:
    """Return the webhook step that fits a URL: with a warning when it needs one.

    "webhook_path": only a path (Home Assistant knows no address of its own);
    "webhook_local": a host on the local network; "webhook_http": a public host
    over plain http; else "webhook".
    """
    parsed = URL(url)
    if not parsed.absolute or not parsed.host:
        return "webhook_path"
    if _is_local_host(parsed.host):
        return "webhook_local"
    if parsed.scheme != "https":
        return "webhook_http"
    return "webhook"


class Track123OptionsFlow(OptionsFlowWithReload):
    """Polling interval, kinds, retention, scope, to-do list, webhook."""

    _options: dict[str, Any]

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show and store the options; every error of the form at once."""
        errors: dict[str, str] = {}
        if user_input is not None:
            if not (errors := option_errors(user_input)):
                self._options = {
                    **user_input,
                    **{
                        field.key: int(user_input[field.key]) for field in NUMBER_FIELDS
                    },
                }
                if self._options.get(CONF_WEBHOOK):
                    return await self.async_step_webhook()
                return self.async_create_entry(data=self._options)
        # The stored options stay the defaults; what was typed is suggested.
        schema = self._schema(self.config_entry.options)
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(schema, user_input),
            errors=errors,
            description_placeholders=RANGE_PLACEHOLDERS,
        )

    @staticmethod
    def _schema(options: Mapping[str, Any]) -> vol.Schema:
        """Return the options form, filled with ``options``."""
        scan, retention = NUMBER_FIELDS
        return vol.Schema(
            {
                vol.Required(
                    scan.key,
                    default=options.get(scan.key, DEFAULT_SCAN_INTERVAL_MINUTES),
                ): scan.box(),
                vol.Required(
                    CONF_KINDS, default=options.get(CONF_KINDS, DEFAULT_KINDS)
                ): SelectSelector(
                    SelectSelectorConfig(
                        options=[kind.value for kind in ShipmentKind],
                        multiple=True,
                        mode=SelectSelectorMode.LIST,
                        translation_key=CONF_KINDS,
                    )
                ),
                vol.Required(
                    retention.key,
                    default=options.get(
                        retention.key, DEFAULT_DELIVERED_RETENTION_DAYS
                    ),
                ): retention.box(),
                vol.Required(
                    CONF_SCOPE, default=options.get(CONF_SCOPE, DEFAULT_SCOPE)
                ): _list([scope.value for scope in Scope], CONF_SCOPE),
                vol.Required(
                    CONF_TODO_COMPLETE,
                    default=options.get(CONF_TODO_COMPLETE, DEFAULT_TODO_COMPLETE),
                ): _list([choice.value for choice in TodoComplete], CONF_TODO_COMPLETE),
                vol.Required(
                    CONF_WEBHOOK, default=options.get(CONF_WEBHOOK, False)
                ): BooleanSelector(),
            }
        )

    async def async_step_webhook(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the URL Track123 must reach, warned about when it cannot; then store."""
        if user_input is not None:
            return self.async_create_entry(data=self._options)
        entry = self.config_entry
        if not (webhook_id := entry.data.get(CONF_WEBHOOK_ID)):
            # Kept in the entry's data: the URL stays the same when turned on again.
            webhook_id = new_webhook_id()
            self.hass.config_entries.async_update_entry(
                entry, data={**entry.data, CONF_WEBHOOK_ID: webhook_id}
            )
        url = await async_cloud_url(self.hass, webhook_id) or local_url(
            self.hass, webhook_id
        )
        return self.async_show_form(
            step_id=webhook_step(url),
            description_placeholders={"webhook_url": url, "console_url": CONSOLE_URL},
        )

    # The variants of the webhook step (see ``webhook_step``) are submitted alike.
    async_step_webhook_path = async_step_webhook
    async_step_webhook_local = async_step_webhook
    async_step_webhook_http = async_step_webhook


def _list(options: list[str], translation_key: str) -> SelectSelector:
    """Return a single choice shown as a list of radio buttons."""
    return SelectSelector(
        SelectSelectorConfig(
            options=options,
            mode=SelectSelectorMode.LIST,
            translation_key=translation_key,
        )
    )
