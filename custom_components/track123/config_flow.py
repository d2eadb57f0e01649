"""Config flow: the API key, re-authentication, reconfiguration and options."""

from collections.abc import Mapping
import hashlib
import re
from typing import Any

from homeassistant.config_entries import (
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlowWithReload,
)
from homeassistant.const import CONF_API_KEY
from homeassistant.core import callback
from homeassistant.data_entry_flow import section
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import probatio as vol
from yarl import URL

from .api import (
    DEFAULT_BASE_URL,
    Track123AuthenticationError,
    Track123Client,
    Track123ConnectionError,
    Track123Error,
    Track123QuotaExhaustedError,
    Track123RateLimitError,
)
from .const import (
    CONF_BASE_URL,
    CONF_DELIVERED_RETENTION_DAYS,
    CONF_KINDS,
    CONF_SCAN_INTERVAL,
    CONF_SCOPE,
    CONF_WEBHOOK,
    CONF_WEBHOOK_ID,
    DEFAULT_DELIVERED_RETENTION_DAYS,
    DEFAULT_KINDS,
    DEFAULT_SCAN_INTERVAL_MINUTES,
    DEFAULT_SCOPE,
    DOMAIN,
    LOGGER,
    MAX_DELIVERED_RETENTION_DAYS,
    MAX_SCAN_INTERVAL_MINUTES,
    MIN_SCAN_INTERVAL_MINUTES,
    Scope,
    ShipmentKind,
)
from .coordinator import Track123ConfigEntry
from .webhook import async_webhook_urls, new_webhook_id

TITLE = "Track123"
CONSOLE_URL = "https://www.track123.com"
SECTION_ADVANCED = "advanced"
PASSWORD = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
URL_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))
API_KEY_PATTERN = re.compile(r"[\x21-\x7e]+")
API_KEY_MAX_LENGTH = 256
BASE_URL_MAX_LENGTH = 2048


def _base_url(user_input: Mapping[str, Any], default: str) -> str:
    """Return the base URL from the form's advanced section."""
    url = str(user_input.get(SECTION_ADVANCED, {}).get(CONF_BASE_URL) or "").strip()
    return url or default


def _input_errors(api_key: str, base_url: str) -> dict[str, str]:
    """Return the form errors of a malformed key or base URL, before any request.

    A key is printable ASCII without spaces: anything else cannot even be sent in
    a header. The base URL is an http(s) URL with a host.
    """
    if not API_KEY_PATTERN.fullmatch(api_key) or len(api_key) > API_KEY_MAX_LENGTH:
        return {CONF_API_KEY: "invalid_key_format"}
    try:
        url = URL(base_url)
        valid = (
            len(base_url) <= BASE_URL_MAX_LENGTH
            and url.scheme in ("http", "https")
            and bool(url.host)
            and base_url.isprintable()
            and not any(char.isspace() for char in base_url)
        )
    except ValueError:
        valid = False
    return {} if valid else {"base": "invalid_base_url"}


def _entry_data(data: Mapping[str, Any], api_key: str, base_url: str) -> dict[str, Any]:
    """Return entry data with a new key; the base URL only when not the default."""
    new = {**data, CONF_API_KEY: api_key}
    new.pop(CONF_BASE_URL, None)
    if base_url != DEFAULT_BASE_URL:
        new[CONF_BASE_URL] = base_url
    return new


def account_id(api_key: str) -> str:
    """Return a stable identity of the account behind a key, without the key."""
    return hashlib.sha256(api_key.encode()).hexdigest()[:16]


async def async_check_key(
    flow: ConfigFlow, api_key: str, base_url: str
) -> dict[str, str]:
    """Make one live call with the key; return the form errors (empty when valid)."""
    client = Track123Client(
        api_key, async_get_clientsession(flow.hass), base_url=base_url, max_retries=0
    )
    try:
        await client.verify_key()
    except Track123AuthenticationError:
        return {CONF_API_KEY: "invalid_auth"}
    except Track123RateLimitError:
        return {"base": "rate_limited"}
    except Track123QuotaExhaustedError:
        return {"base": "quota_exhausted"}
    except Track123ConnectionError:
        return {"base": "cannot_connect"}
    except Track123Error as err:
        LOGGER.debug("Track123 could not check the key: %s", err)
        return {"base": "cannot_connect"}
    except Exception:  # noqa: BLE001
        LOGGER.exception("Unexpected error while checking the Track123 API key")
        return {"base": "unknown"}
    return {}


class Track123ConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up a Track123 account."""

    # 2: shipment sensors' unique ids no longer name the carrier.
    VERSION = 2

    @staticmethod
    @callback
    def async_get_options_flow(
        config_entry: Track123ConfigEntry,
    ) -> Track123OptionsFlow:
        """Return the options flow."""
        return Track123OptionsFlow()

    @staticmethod
    def _key_schema(base_url: str | None) -> vol.Schema:
        """Return the form: the key, and the base URL in a collapsed section."""
        return vol.Schema(
            {
                vol.Required(CONF_API_KEY): PASSWORD,
                vol.Optional(SECTION_ADVANCED, default={}): section(
                    vol.Schema(
                        {
                            vol.Optional(
                                CONF_BASE_URL, default=base_url or DEFAULT_BASE_URL
                            ): URL_SELECTOR
                        }
                    ),
                    {"collapsed": True},
                ),
            }
        )

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the API key and check it."""
        errors: dict[str, str] = {}
        base_url = DEFAULT_BASE_URL
        if user_input is not None:
            api_key = user_input[CONF_API_KEY].strip()
            base_url = _base_url(user_input, base_url)
            if not (errors := _input_errors(api_key, base_url)):
                await self.async_set_unique_id(account_id(api_key))
                self._abort_if_unique_id_configured()
                errors = await async_check_key(self, api_key, base_url)
            if not errors:
                return self.async_create_entry(
                    title=TITLE, data=_entry_data({}, api_key, base_url)
                )
        return self.async_show_form(
            step_id="user",
            data_schema=self._key_schema(base_url),
            errors=errors,
            description_placeholders={"console_url": CONSOLE_URL},
        )

    async def async_step_reauth(
        self, entry_data: Mapping[str, Any]
    ) -> ConfigFlowResult:
        """Start re-authentication after Track123 refused the key."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new API key."""
        entry = self._get_reauth_entry()
        return await self._async_replace_key("reauth_confirm", entry, user_input)

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the API key (and the base URL in advanced mode)."""
        entry = self._get_reconfigure_entry()
        return await self._async_replace_key("reconfigure", entry, user_input)

    async def _async_replace_key(
        self,
        step_id: str,
        entry: Track123ConfigEntry,
        user_input: dict[str, Any] | None,
    ) -> ConfigFlowResult:
        """Check a new key for an existing entry, then store it and reload."""
        errors: dict[str, str] = {}
        base_url = entry.data.get(CONF_BASE_URL, DEFAULT_BASE_URL)
        if user_input is not None:
            api_key = user_input[CONF_API_KEY].strip()
            base_url = _base_url(user_input, base_url)
            unique_id = account_id(api_key)
            if not (errors := _input_errors(api_key, base_url)):
                if any(
                    other.unique_id == unique_id and other.entry_id != entry.entry_id
                    for other in self._async_current_entries(include_ignore=False)
                ):
                    return self.async_abort(reason="already_configured")
                errors = await async_check_key(self, api_key, base_url)
            if not errors:
                return self.async_update_reload_and_abort(
                    entry,
                    unique_id=unique_id,
                    data=_entry_data(entry.data, api_key, base_url),
                )
        return self.async_show_form(
            step_id=step_id,
            data_schema=self._key_schema(base_url),
            errors=errors,
            description_placeholders={"console_url": CONSOLE_URL},
        )


class Track123OptionsFlow(OptionsFlowWithReload):
    """Polling interval, kinds, retention of delivered shipments, scope, webhook."""

    _options: dict[str, Any]

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show and store the options."""
        errors: dict[str, str] = {}
        if user_input is not None:
            if not user_input.get(CONF_KINDS):
                errors[CONF_KINDS] = "no_kinds"
            else:
                self._options = {
                    **user_input,
                    CONF_SCAN_INTERVAL: int(user_input[CONF_SCAN_INTERVAL]),
                    CONF_DELIVERED_RETENTION_DAYS: int(
                        user_input[CONF_DELIVERED_RETENTION_DAYS]
                    ),
                }
                if self._options.get(CONF_WEBHOOK):
                    return await self.async_step_webhook()
                return self.async_create_entry(data=self._options)
        options = {**self.config_entry.options, **(user_input or {})}
        schema = vol.Schema(
            {
                vol.Required(
                    CONF_SCAN_INTERVAL,
                    default=options.get(
                        CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL_MINUTES
                    ),
                ): NumberSelector(
                    NumberSelectorConfig(
                        min=MIN_SCAN_INTERVAL_MINUTES,
                        max=MAX_SCAN_INTERVAL_MINUTES,
                        step=1,
                        mode=NumberSelectorMode.BOX,
                        unit_of_measurement="min",
                    )
                ),
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
                    CONF_DELIVERED_RETENTION_DAYS,
                    default=options.get(
                        CONF_DELIVERED_RETENTION_DAYS, DEFAULT_DELIVERED_RETENTION_DAYS
                    ),
                ): NumberSelector(
                    NumberSelectorConfig(
                        min=0,
                        max=MAX_DELIVERED_RETENTION_DAYS,
                        step=1,
                        mode=NumberSelectorMode.BOX,
                        unit_of_measurement="d",
                    )
                ),
                vol.Required(
                    CONF_SCOPE, default=options.get(CONF_SCOPE, DEFAULT_SCOPE)
                ): SelectSelector(
                    SelectSelectorConfig(
                        options=[scope.value for scope in Scope],
                        mode=SelectSelectorMode.LIST,
                        translation_key=CONF_SCOPE,
                    )
                ),
                vol.Required(
                    CONF_WEBHOOK, default=options.get(CONF_WEBHOOK, False)
                ): BooleanSelector(),
            }
        )
        return self.async_show_form(step_id="init", data_schema=schema, errors=errors)

    async def async_step_webhook(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the URL to paste into the Track123 console, then store the options."""
        if user_input is not None:
            return self.async_create_entry(data=self._options)
        entry = self.config_entry
        if not (webhook_id := entry.data.get(CONF_WEBHOOK_ID)):
            # Kept in the entry's data: the URL stays the same when turned on again.
            webhook_id = new_webhook_id()
            self.hass.config_entries.async_update_entry(
                entry, data={**entry.data, CONF_WEBHOOK_ID: webhook_id}
            )
        return self.async_show_form(
            step_id="webhook",
            description_placeholders={
                **await async_webhook_urls(self.hass, webhook_id),
                "console_url": CONSOLE_URL,
            },
        )
