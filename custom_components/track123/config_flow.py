"""Config flow: the API key, re-authentication and reconfiguration."""

from collections.abc import Mapping
import hashlib
import re
from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_API_KEY
from homeassistant.core import callback
from homeassistant.data_entry_flow import section
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.selector import (
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
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
from .const import CONF_BASE_URL, DOMAIN, ENTRY_VERSION, LOGGER
from .coordinator import Track123ConfigEntry
from .options_flow import CONSOLE_URL, Track123OptionsFlow
from .validation import vol

TITLE = "Track123"
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
    """Return every form error of a malformed key and base URL, before any request.

    A key is printable ASCII without spaces: anything else cannot even be sent in
    a header. The base URL is an http(s) URL with a host.
    """
    errors: dict[str, str] = {}
    if not API_KEY_PATTERN.fullmatch(api_key) or len(api_key) > API_KEY_MAX_LENGTH:
        errors[CONF_API_KEY] = "invalid_key_format"
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
    if not valid:
        errors["base"] = "invalid_base_url"
    return errors


def _kept_input(
    user_input: Mapping[str, Any] | None, errors: Mapping[str, str]
) -> dict[str, Any] | None:
    """Return what the form shows again after an error: what was typed.

    A key Track123 refused is not sent back to the browser: it is of no use, and
    it may be a revoked key that was once valid.
    """
    if user_input is None:
        return None
    if errors.get(CONF_API_KEY) == "invalid_auth":
        return {key: value for key, value in user_input.items() if key != CONF_API_KEY}
    return dict(user_input)


def _advanced_open(
    user_input: Mapping[str, Any] | None, errors: Mapping[str, str], offered: str
) -> bool:
    """Return True when the advanced section should be open after an error.

    Open when the user changed the base URL there, or the error may be the URL's.
    """
    if user_input is None or not errors:
        return False
    return _base_url(user_input, offered) != offered or errors.get("base") in (
        "invalid_base_url",
        "cannot_connect",
    )


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

    VERSION = ENTRY_VERSION

    @staticmethod
    @callback
    def async_get_options_flow(
        config_entry: Track123ConfigEntry,
    ) -> Track123OptionsFlow:
        """Return the options flow."""
        return Track123OptionsFlow()

    def _key_form(
        self,
        step_id: str,
        offered: str,
        user_input: dict[str, Any] | None,
        errors: dict[str, str],
    ) -> ConfigFlowResult:
        """Show the key form: what was typed kept, the base URL in its section.

        ``offered`` (Track123's URL, or the one stored) stays the base URL's default;
        what the user typed is only suggested, so a URL refused is never the
        default a cleared field falls back to.
        """
        schema = vol.Schema(
            {
                vol.Required(CONF_API_KEY): PASSWORD,
                # No default of its own: the frontend would fill the section with
                # it, and show neither the URL typed nor the default inside.
                vol.Optional(SECTION_ADVANCED): section(
                    vol.Schema(
                        {vol.Optional(CONF_BASE_URL, default=offered): URL_SELECTOR}
                    ),
                    {"collapsed": not _advanced_open(user_input, errors, offered)},
                ),
            }
        )
        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(
                schema, _kept_input(user_input, errors)
            ),
            errors=errors,
            description_placeholders={"console_url": CONSOLE_URL},
        )

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the API key and check it."""
        errors: dict[str, str] = {}
        if user_input is not None:
            api_key = user_input[CONF_API_KEY].strip()
            base_url = _base_url(user_input, DEFAULT_BASE_URL)
            if not (errors := _input_errors(api_key, base_url)):
                await self.async_set_unique_id(account_id(api_key))
                self._abort_if_unique_id_configured()
                errors = await async_check_key(self, api_key, base_url)
            if not errors:
                return self.async_create_entry(
                    title=TITLE, data=_entry_data({}, api_key, base_url)
                )
        return self._key_form("user", DEFAULT_BASE_URL, user_input, errors)

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
        """Change the API key (and the base URL in the advanced section)."""
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
        offered = entry.data.get(CONF_BASE_URL, DEFAULT_BASE_URL)
        if user_input is not None:
            api_key = user_input[CONF_API_KEY].strip()
            base_url = _base_url(user_input, offered)
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
        return self._key_form(step_id, offered, user_input, errors)
