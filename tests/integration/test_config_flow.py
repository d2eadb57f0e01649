"""Tests of the config flow: setup, errors, re-authentication, reconfiguration, options."""

from collections.abc import Callable, Iterator
from datetime import timedelta
import json
import logging
from pathlib import Path
import re
import socket
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.const import CONF_API_KEY
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResult, FlowResultType, section
from homeassistant.helpers.network import NoURLAvailableError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.track123 import config_flow
from custom_components.track123.api import DEFAULT_BASE_URL
from custom_components.track123.config_flow import account_id
from custom_components.track123.const import (
    CONF_BASE_URL,
    CONF_DELIVERED_RETENTION_DAYS,
    CONF_KINDS,
    CONF_SCAN_INTERVAL,
    CONF_SCOPE,
    CONF_TODO_COMPLETE,
    CONF_WEBHOOK,
    CONF_WEBHOOK_ID,
    DOMAIN,
    Scope,
    ShipmentKind,
)
from custom_components.track123.options_flow import NUMBER_FIELDS
from custom_components.track123.validation import vol
from track123_simulator import Fault, SimulatorServer, SimulatorState

from .common import API_KEY, form_fields

PARCEL_QUERY = "tk/v2.1/track/query"
NEW_KEY = "new-key"
WRONG_KEY = "wrong-key"
ADVANCED = "advanced"
COMPONENT = Path(__file__).parents[2] / "custom_components" / "track123"
EN_TRANSLATIONS = COMPONENT / "translations" / "en.json"
OPTION_DEFAULTS = {
    CONF_SCAN_INTERVAL: 30,
    CONF_KINDS: ["parcel", "ocean", "air"],
    CONF_DELIVERED_RETENTION_DAYS: 7,
    CONF_SCOPE: "account",
    CONF_TODO_COMPLETE: "archive",
    CONF_WEBHOOK: False,
}


# Helpers ---------------------------------------------------------------------------


def closed_port_url() -> str:
    """Return a base URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/gateway/open-api/"


def schema_fields(result: FlowResult) -> list[str]:
    """Return the field names of a form, in order; a section's as "section.field"."""
    fields: list[str] = []
    for key, value in result["data_schema"].schema.items():
        if isinstance(value, section):
            fields.extend(f"{key}.{inner}" for inner in value.schema.schema)
        else:
            fields.append(str(key))
    return fields


def _defaults(schema: vol.Schema) -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    for key, value in schema.schema.items():
        if isinstance(value, section):
            if inner := _defaults(value.schema):
                defaults[str(key)] = inner
        elif key.default is not vol.UNDEFINED:
            defaults[str(key)] = key.default()
    return defaults


def schema_defaults(result: FlowResult) -> dict[str, Any]:
    """Return the default shown for every field that has one (sections nested)."""
    return _defaults(result["data_schema"])


def _suggested(schema: vol.Schema) -> dict[str, Any]:
    suggested: dict[str, Any] = {}
    for key, value in schema.schema.items():
        if isinstance(value, section):
            if inner := _suggested(value.schema):
                suggested[str(key)] = inner
        elif "suggested_value" in (key.description or {}):
            suggested[str(key)] = key.description["suggested_value"]
    return suggested


def schema_suggested(result: FlowResult) -> dict[str, Any]:
    """Return what the form shows again in its fields (sections nested)."""
    return _suggested(result["data_schema"])


def advanced_expanded(result: FlowResult) -> bool:
    """Return True when the form shows its advanced section open."""
    [advanced] = [
        field for field in serialized_form(result) if field["name"] == ADVANCED
    ]
    return advanced["expanded"] is not False


def serialized_form(result: FlowResult) -> list[dict[str, Any]]:
    """Return the form as the frontend receives it."""
    return form_fields(result["data_schema"])


def _initial(fields: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in fields:
        suggested = (field.get("description") or {}).get("suggested_value")
        if suggested is not None:
            data[field["name"]] = suggested
        elif "default" in field:
            data[field["name"]] = field["default"]
        elif field.get("type") == "expandable" and (inner := _initial(field["schema"])):
            data[field["name"]] = inner
    return data


def shown_values(result: FlowResult) -> dict[str, Any]:
    """Return what the frontend fills the form's fields with, by its own rule.

    A suggested value, else the default; a section without either is filled
    from its own fields (one with a default keeps that default instead).
    """
    return _initial(serialized_form(result))


def key_input(api_key: str, base_url: str | None = None) -> dict[str, Any]:
    """Return form input: the key, and the advanced section (empty: untouched)."""
    advanced = {} if base_url is None else {CONF_BASE_URL: base_url}
    return {CONF_API_KEY: api_key, ADVANCED: advanced}


async def submit(
    hass: HomeAssistant, result: FlowResult, api_key: str, base_url: str | None = None
) -> FlowResult:
    """Submit a key form as the frontend does: the shown base URL unless changed."""
    if base_url is None:
        base_url = schema_defaults(result)[ADVANCED][CONF_BASE_URL]
    return await hass.config_entries.flow.async_configure(
        result["flow_id"], key_input(api_key, base_url)
    )


def sim_base_url() -> str:
    """Return the (patched) default base URL the flow offers."""
    return config_flow.DEFAULT_BASE_URL


def entries(hass: HomeAssistant) -> list[MockConfigEntry]:
    """Return the Track123 config entries."""
    return hass.config_entries.async_entries(DOMAIN)


async def start_user_flow(hass: HomeAssistant) -> FlowResult:
    """Open the user step, as from the integrations page."""
    return await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )


@pytest.fixture
def default_is_simulator(simulator: SimulatorServer) -> Iterator[None]:
    """Make the simulator the default base URL, for the flow and the set-up entry."""
    with (
        patch(
            "custom_components.track123.config_flow.DEFAULT_BASE_URL",
            simulator.base_url,
        ),
        patch("custom_components.track123.DEFAULT_BASE_URL", simulator.base_url),
    ):
        yield


# User step -------------------------------------------------------------------------


@pytest.mark.usefixtures("default_is_simulator")
async def test_user_step_creates_entry(
    hass: HomeAssistant, sim_state: SimulatorState
) -> None:
    """A valid key creates an entry with only the key; the entry is set up.

    The base URL sits in a collapsed "advanced" section, with the default prefilled.
    """
    result = await start_user_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {}
    assert schema_fields(result) == [CONF_API_KEY, f"{ADVANCED}.{CONF_BASE_URL}"]
    assert schema_defaults(result) == {ADVANCED: {CONF_BASE_URL: sim_base_url()}}
    [key_field, advanced] = serialized_form(result)
    assert key_field["name"] == CONF_API_KEY
    assert key_field["required"] is True
    assert key_field["selector"]["text"]["type"] == "password"
    assert advanced["name"] == ADVANCED
    assert advanced["type"] == "expandable"
    assert advanced["expanded"] is False
    [url_field] = advanced["schema"]
    assert url_field["name"] == CONF_BASE_URL
    assert url_field["selector"]["text"]["type"] == "url"
    assert url_field["default"] == sim_base_url()
    assert result["description_placeholders"] == {
        "console_url": "https://www.track123.com"
    }

    result = await submit(hass, result, f"  {API_KEY}\n")
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Track123"
    assert result["data"] == {CONF_API_KEY: API_KEY}
    [entry] = entries(hass)
    assert entry.unique_id == account_id(API_KEY)
    assert entry.data == {CONF_API_KEY: API_KEY}
    assert entry.state is ConfigEntryState.LOADED


async def test_user_step_base_url(
    hass: HomeAssistant, simulator: SimulatorServer
) -> None:
    """The base URL offered is Track123's; another one typed is stored and used."""
    result = await start_user_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert schema_defaults(result) == {ADVANCED: {CONF_BASE_URL: DEFAULT_BASE_URL}}

    result = await submit(hass, result, API_KEY, f" {simulator.base_url} ")
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {
        CONF_API_KEY: API_KEY,
        CONF_BASE_URL: simulator.base_url,
    }
    [entry] = entries(hass)
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.client.base_url == simulator.base_url


async def test_key_check_asks_a_real_window(
    hass: HomeAssistant, simulator: SimulatorServer, sim_state: SimulatorState
) -> None:
    """The key is checked with a query of a real creation window, as the docs show.

    An empty window (start = end) is documented nowhere: the real service may
    refuse it, and a good key would then look wrong.
    """
    result = await start_user_flow(hass)
    await submit(hass, result, API_KEY, simulator.base_url)
    await hass.async_block_till_done()

    check = sim_state.requests[0]
    assert check.endpoint.endswith("track/query")
    assert check.body["createTimeStart"] < check.body["createTimeEnd"]


@pytest.mark.usefixtures("default_is_simulator")
@pytest.mark.parametrize(
    "advanced",
    [
        pytest.param(None, id="shown_default"),
        pytest.param({}, id="section_untouched"),
        pytest.param({CONF_BASE_URL: "  "}, id="blank"),
    ],
)
async def test_user_step_default_base_url_not_stored(
    hass: HomeAssistant, sim_state: SimulatorState, advanced: dict[str, Any] | None
) -> None:
    """The default base URL (kept, not given or cleared) is not stored."""
    result = await start_user_flow(hass)
    if advanced is None:
        result = await submit(hass, result, API_KEY)
    else:
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_API_KEY: API_KEY, ADVANCED: advanced}
        )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {CONF_API_KEY: API_KEY}
    [entry] = entries(hass)
    assert entry.state is ConfigEntryState.LOADED


@pytest.mark.usefixtures("default_is_simulator")
async def test_user_step_error_keeps_what_was_typed(
    hass: HomeAssistant, sim_state: SimulatorState
) -> None:
    """After an error the form holds the key and URL typed, its section open.

    The URL refused is only suggested: the default stays Track123's, so the field
    cleared falls back to it, not to the URL refused.
    """
    result = await start_user_flow(hass)
    assert not advanced_expanded(result)
    assert shown_values(result) == {ADVANCED: {CONF_BASE_URL: sim_base_url()}}
    unreachable = closed_port_url()
    result = await submit(hass, result, API_KEY, unreachable)
    assert result["errors"] == {"base": "cannot_connect"}
    # What the browser shows: the key and the URL typed.
    assert shown_values(result) == {
        CONF_API_KEY: API_KEY,
        ADVANCED: {CONF_BASE_URL: unreachable},
    }
    assert schema_suggested(result) == {
        CONF_API_KEY: API_KEY,
        ADVANCED: {CONF_BASE_URL: unreachable},
    }
    assert schema_defaults(result) == {ADVANCED: {CONF_BASE_URL: sim_base_url()}}
    assert advanced_expanded(result)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_API_KEY: API_KEY, ADVANCED: {}}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {CONF_API_KEY: API_KEY}


@pytest.mark.usefixtures("default_is_simulator")
async def test_refused_key_not_shown_again(
    hass: HomeAssistant, sim_state: SimulatorState
) -> None:
    """A key Track123 refused is not sent back; the section stays as it was."""
    result = await start_user_flow(hass)
    result = await submit(hass, result, WRONG_KEY)
    assert result["errors"] == {CONF_API_KEY: "invalid_auth"}
    assert schema_suggested(result) == {ADVANCED: {CONF_BASE_URL: sim_base_url()}}
    assert not advanced_expanded(result)


async def test_all_input_errors_at_once(
    hass: HomeAssistant, sim_state: SimulatorState
) -> None:
    """A malformed key and a malformed URL are both named, before any request."""
    result = await start_user_flow(hass)
    result = await submit(hass, result, "two words", "ftp://example.com")
    assert result["errors"] == {
        CONF_API_KEY: "invalid_key_format",
        "base": "invalid_base_url",
    }
    assert schema_suggested(result) == {
        CONF_API_KEY: "two words",
        ADVANCED: {CONF_BASE_URL: "ftp://example.com"},
    }
    assert advanced_expanded(result)
    assert sim_state.requests == []


def _wrong_key(state: SimulatorState) -> str:
    return WRONG_KEY


def _fault(**kwargs: Any) -> Callable[[SimulatorState], str]:
    def inject(state: SimulatorState) -> str:
        state.faults.inject(Fault(endpoint=PARCEL_QUERY, times=1, **kwargs))
        return API_KEY

    return inject


@pytest.mark.usefixtures("default_is_simulator")
@pytest.mark.parametrize(
    ("prepare", "errors"),
    [
        pytest.param(_wrong_key, {CONF_API_KEY: "invalid_auth"}, id="invalid_auth"),
        pytest.param(
            _fault(kind="http_error", http_status=502),
            {"base": "cannot_connect"},
            id="http_502",
        ),
        pytest.param(
            _fault(kind="service_code", code="A0706", http_status=429),
            {"base": "rate_limited"},
            id="rate_limited",
        ),
        pytest.param(
            _fault(kind="service_code", code="A0601"),
            {"base": "quota_exhausted"},
            id="quota_exhausted",
        ),
    ],
)
async def test_user_step_error_then_recovery(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    prepare: Callable[[SimulatorState], str],
    errors: dict[str, str],
) -> None:
    """An error shows the form again, stores nothing; a good key then succeeds."""
    result = await start_user_flow(hass)
    key = prepare(sim_state)

    result = await submit(hass, result, key)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == errors
    assert schema_fields(result) == [CONF_API_KEY, f"{ADVANCED}.{CONF_BASE_URL}"]
    assert schema_defaults(result) == {ADVANCED: {CONF_BASE_URL: sim_base_url()}}
    assert entries(hass) == []
    assert [r.endpoint for r in sim_state.requests] == [PARCEL_QUERY]

    result = await submit(hass, result, API_KEY)
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {CONF_API_KEY: API_KEY}
    [entry] = entries(hass)
    assert entry.state is ConfigEntryState.LOADED


async def test_user_step_closed_port(
    hass: HomeAssistant, simulator: SimulatorServer
) -> None:
    """An unreachable base URL is cannot_connect; fixing the URL recovers."""
    result = await start_user_flow(hass)
    unreachable = closed_port_url()

    result = await submit(hass, result, API_KEY, unreachable)

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}
    assert schema_fields(result) == [CONF_API_KEY, f"{ADVANCED}.{CONF_BASE_URL}"]
    assert entries(hass) == []

    result = await submit(hass, result, API_KEY, simulator.base_url)
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {CONF_API_KEY: API_KEY, CONF_BASE_URL: simulator.base_url}


@pytest.mark.usefixtures("default_is_simulator")
async def test_user_step_unknown_error(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    """An unexpected exception is "unknown" and logged; a retry then succeeds."""
    result = await start_user_flow(hass)
    with patch(
        "custom_components.track123.config_flow.Track123Client.verify_key",
        side_effect=RuntimeError("boom"),
    ):
        result = await submit(hass, result, API_KEY)

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "unknown"}
    assert entries(hass) == []
    assert "Unexpected error while checking the Track123 API key" in caplog.text

    result = await submit(hass, result, API_KEY)
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert len(entries(hass)) == 1


@pytest.mark.usefixtures("default_is_simulator")
async def test_user_step_already_configured(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, sim_state: SimulatorState
) -> None:
    """The same key again aborts without asking Track123; one entry remains."""
    mock_config_entry.add_to_hass(hass)
    result = await start_user_flow(hass)

    result = await submit(hass, result, f" {API_KEY} ")

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entries(hass) == [mock_config_entry]
    assert sim_state.requests == []


# One request, no leak ----------------------------------------------------------------


@pytest.mark.usefixtures("default_is_simulator")
async def test_key_check_is_one_request(
    hass: HomeAssistant, sim_state: SimulatorState
) -> None:
    """Each key check is exactly one request, even when rate limited (no retry)."""
    result = await start_user_flow(hass)
    assert sim_state.requests == []

    sim_state.faults.inject(
        Fault(kind="service_code", code="A0706", http_status=429, retry_after=1)
    )
    result = await submit(hass, result, API_KEY)
    assert result["errors"] == {"base": "rate_limited"}
    assert [r.endpoint for r in sim_state.requests] == [PARCEL_QUERY]
    sim_state.faults.clear()
    sim_state.requests.clear()

    result = await submit(hass, result, WRONG_KEY)
    assert result["errors"] == {CONF_API_KEY: "invalid_auth"}
    assert [(r.endpoint, r.key_ok) for r in sim_state.requests] == [
        (PARCEL_QUERY, False)
    ]
    sim_state.requests.clear()

    with patch(
        "custom_components.track123.async_setup_entry", return_value=True
    ) as setup:
        result = await submit(hass, result, API_KEY)
        await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert len(setup.mock_calls) == 1
    assert [(r.endpoint, r.method, r.key_ok) for r in sim_state.requests] == [
        (PARCEL_QUERY, "POST", True)
    ]


@pytest.mark.usefixtures("default_is_simulator")
async def test_api_key_never_shown_or_logged(
    hass: HomeAssistant, sim_state: SimulatorState, caplog: pytest.LogCaptureFixture
) -> None:
    """Neither a refused nor an accepted key appears in a flow result or the log."""
    caplog.set_level(logging.DEBUG)
    good = "s3cret-good-key-0123456789"
    bad = "s3cret-bad-key-9876543210"
    sim_state.api_keys.add(good)

    form = await start_user_flow(hass)
    refused = await submit(hass, form, bad)
    assert refused["errors"] == {CONF_API_KEY: "invalid_auth"}
    created = await submit(hass, form, good)
    await hass.async_block_till_done()

    assert created["type"] is FlowResultType.CREATE_ENTRY
    # The key is stored in the entry data, and nowhere else in what is shown.
    assert created["data"] == {CONF_API_KEY: good}
    shown = {k: v for k, v in created.items() if k not in ("data", "result")}
    for secret in (good, bad):
        assert secret not in repr(form)
        assert secret not in repr(refused)
        assert secret not in repr(shown)
        assert secret not in repr(created["result"])
        assert secret not in caplog.text
    # DEBUG logging of the client was really captured.
    assert f"POST {PARCEL_QUERY} -> 200" in caplog.text


# Re-authentication -----------------------------------------------------------------


async def test_reauth(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_state: SimulatorState
) -> None:
    """A wrong key is refused; a good key replaces the old one and reloads."""
    entry = init_integration
    sim_state.api_keys = {NEW_KEY}  # the old key was revoked

    result = await entry.start_reauth_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reauth_confirm"
    assert schema_fields(result) == [CONF_API_KEY, f"{ADVANCED}.{CONF_BASE_URL}"]
    # The stored base URL is offered.
    assert schema_defaults(result) == {
        ADVANCED: {CONF_BASE_URL: entry.data[CONF_BASE_URL]}
    }

    result = await submit(hass, result, WRONG_KEY)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reauth_confirm"
    assert result["errors"] == {CONF_API_KEY: "invalid_auth"}
    assert entry.data[CONF_API_KEY] == API_KEY

    result = await submit(hass, result, f"{NEW_KEY} ")
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert entry.data == {
        CONF_API_KEY: NEW_KEY,
        CONF_BASE_URL: init_integration.data[CONF_BASE_URL],
    }
    assert entry.unique_id == account_id(NEW_KEY)
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.coordinator.last_update_success


async def test_reauth_key_of_other_entry(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    sim_state: SimulatorState,
) -> None:
    """The key of another configured account aborts; nothing changes."""
    mock_config_entry.add_to_hass(hass)
    other = MockConfigEntry(
        domain=DOMAIN,
        title="Track123",
        unique_id=account_id(NEW_KEY),
        data={CONF_API_KEY: NEW_KEY},
    )
    other.add_to_hass(hass)

    result = await mock_config_entry.start_reauth_flow(hass)
    result = await submit(hass, result, NEW_KEY)

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert mock_config_entry.data[CONF_API_KEY] == API_KEY
    assert mock_config_entry.unique_id == account_id(API_KEY)
    assert sim_state.requests == []


# Reconfiguration -------------------------------------------------------------------


async def test_reconfigure_error_then_success(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_state: SimulatorState
) -> None:
    """An error keeps the old key; a good new key is stored and the entry reloads."""
    entry = init_integration
    sim_state.api_keys.add(NEW_KEY)

    result = await entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    assert schema_fields(result) == [CONF_API_KEY, f"{ADVANCED}.{CONF_BASE_URL}"]

    sim_state.faults.inject(
        Fault(kind="http_error", http_status=502, endpoint=PARCEL_QUERY, times=1)
    )
    result = await submit(hass, result, NEW_KEY)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    assert result["errors"] == {"base": "cannot_connect"}
    assert entry.data[CONF_API_KEY] == API_KEY

    result = await submit(hass, result, NEW_KEY)
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.data == {
        CONF_API_KEY: NEW_KEY,
        CONF_BASE_URL: init_integration.data[CONF_BASE_URL],
    }
    assert entry.unique_id == account_id(NEW_KEY)
    assert entry.state is ConfigEntryState.LOADED


async def test_reconfigure_same_key_keeps_entry(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Re-entering the entry's own key is not "already configured"."""
    result = await init_integration.start_reconfigure_flow(hass)
    result = await submit(hass, result, API_KEY)
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert init_integration.unique_id == account_id(API_KEY)
    assert init_integration.state is ConfigEntryState.LOADED


async def test_reconfigure_base_url(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    simulator: SimulatorServer,
) -> None:
    """The stored base URL is shown; an unreachable one is refused and kept shown."""
    entry = init_integration
    result = await entry.start_reconfigure_flow(hass)
    assert schema_defaults(result) == {ADVANCED: {CONF_BASE_URL: simulator.base_url}}

    unreachable = closed_port_url()
    result = await submit(hass, result, API_KEY, unreachable)
    assert result["errors"] == {"base": "cannot_connect"}
    # The form keeps what the user typed, so it can be corrected; the stored URL
    # stays the default.
    assert schema_suggested(result)[ADVANCED] == {CONF_BASE_URL: unreachable}
    assert schema_defaults(result) == {ADVANCED: {CONF_BASE_URL: simulator.base_url}}
    assert entry.data[CONF_BASE_URL] == simulator.base_url

    result = await submit(hass, result, API_KEY, simulator.base_url)
    await hass.async_block_till_done()
    assert result["reason"] == "reconfigure_successful"
    assert entry.data == {CONF_API_KEY: API_KEY, CONF_BASE_URL: simulator.base_url}
    assert entry.state is ConfigEntryState.LOADED


@pytest.mark.usefixtures("default_is_simulator")
async def test_reconfigure_default_base_url_dropped(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A stored base URL equal to the default is dropped from the entry data."""
    result = await init_integration.start_reconfigure_flow(hass)
    result = await submit(hass, result, API_KEY)
    await hass.async_block_till_done()

    assert result["reason"] == "reconfigure_successful"
    assert init_integration.data == {CONF_API_KEY: API_KEY}
    assert init_integration.state is ConfigEntryState.LOADED

    # Without a stored base URL, the default is offered.
    result = await init_integration.start_reconfigure_flow(hass)
    assert schema_defaults(result) == {ADVANCED: {CONF_BASE_URL: sim_base_url()}}


# Options ---------------------------------------------------------------------------


async def test_options_flow(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Defaults are shown; no kinds is refused; valid options are stored and applied."""
    entry = init_integration
    coordinator = entry.runtime_data.coordinator
    assert coordinator.update_interval == timedelta(minutes=30)

    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    assert schema_defaults(result) == OPTION_DEFAULTS

    typed = {
        CONF_SCAN_INTERVAL: 15.0,
        CONF_KINDS: [],
        CONF_DELIVERED_RETENTION_DAYS: 3.0,
        CONF_SCOPE: "added",
        CONF_TODO_COMPLETE: "delete",
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], typed)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_KINDS: "no_kinds"}
    # What the user entered is kept in the form; the stored values stay defaults.
    assert schema_suggested(result) == {**typed, CONF_WEBHOOK: False}
    assert schema_defaults(result) == OPTION_DEFAULTS
    assert entry.options == {}
    assert entry.runtime_data.coordinator is coordinator

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**typed, CONF_KINDS: ["parcel", "air"]}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {
        CONF_SCAN_INTERVAL: 15,
        CONF_KINDS: ["parcel", "air"],
        CONF_DELIVERED_RETENTION_DAYS: 3,
        CONF_SCOPE: "added",
        CONF_TODO_COMPLETE: "delete",
        CONF_WEBHOOK: False,
    }
    assert type(entry.options[CONF_SCAN_INTERVAL]) is int
    assert type(entry.options[CONF_DELIVERED_RETENTION_DAYS]) is int
    assert entry.state is ConfigEntryState.LOADED
    reloaded = entry.runtime_data.coordinator
    assert reloaded is not coordinator
    assert reloaded.update_interval == timedelta(minutes=15)
    assert reloaded.kinds == {ShipmentKind.PARCEL, ShipmentKind.AIR}
    assert reloaded.scope is Scope.ADDED
    assert reloaded.retention == timedelta(days=3)

    # Opening the options again shows the stored values.
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert schema_defaults(result) == entry.options


async def test_options_every_error_at_once_translated(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Out-of-range numbers and no kinds: all named at once, each translated.

    The number boxes still give the frontend their range; the refusal is the
    step's, with a message in the user's language, not "Value 2.0 is too small".
    """
    entry = init_integration
    result = await hass.config_entries.options.async_init(entry.entry_id)
    fields = {field["name"]: field for field in serialized_form(result)}
    assert fields[CONF_SCAN_INTERVAL]["selector"]["number"]["min"] == 5
    assert fields[CONF_SCAN_INTERVAL]["selector"]["number"]["max"] == 1440
    assert fields[CONF_DELIVERED_RETENTION_DAYS]["selector"]["number"]["max"] == 365

    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            CONF_SCAN_INTERVAL: 2.0,
            CONF_KINDS: [],
            CONF_DELIVERED_RETENTION_DAYS: 400,
            CONF_SCOPE: "account",
        },
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {
        CONF_SCAN_INTERVAL: "scan_interval_range",
        CONF_DELIVERED_RETENTION_DAYS: "delivered_retention_days_range",
        CONF_KINDS: "no_kinds",
    }
    placeholders = result["description_placeholders"]
    english = json.loads(EN_TRANSLATIONS.read_text(encoding="utf-8"))["options"]
    messages = {
        key: english["error"][error].format(**placeholders)
        for key, error in result["errors"].items()
    }
    assert messages == {
        CONF_SCAN_INTERVAL: "Enter a whole number of minutes from 5 to 1440.",
        CONF_DELIVERED_RETENTION_DAYS: "Enter a whole number of days from 0 to 365.",
        CONF_KINDS: "Choose at least one kind of shipment.",
    }
    assert schema_suggested(result)[CONF_SCAN_INTERVAL] == 2.0
    assert entry.options == {}


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        pytest.param(4.0, "scan_interval_range", id="below"),
        pytest.param(1441.0, "scan_interval_range", id="above"),
        pytest.param(7.5, "scan_interval_range", id="fraction"),
        pytest.param(5.0, None, id="minimum"),
        pytest.param(1440.0, None, id="maximum"),
    ],
)
async def test_options_interval_bounds(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    typed: float,
    error: str | None,
) -> None:
    """The interval's bounds are allowed; a step outside or between is not."""
    result = await hass.config_entries.options.async_init(init_integration.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**OPTION_DEFAULTS, CONF_SCAN_INTERVAL: typed}
    )
    await hass.async_block_till_done()
    if error is None:
        assert result["type"] is FlowResultType.CREATE_ENTRY
        assert init_integration.options[CONF_SCAN_INTERVAL] == int(typed)
    else:
        assert result["errors"] == {CONF_SCAN_INTERVAL: error}


# The webhook step --------------------------------------------------------------------


async def _webhook_step(hass: HomeAssistant, entry: MockConfigEntry) -> FlowResult:
    """Turn the webhook on in the options and return the step that follows."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {**OPTION_DEFAULTS, CONF_WEBHOOK: True}
    )


@pytest.mark.parametrize(
    ("external_url", "internal_url", "step_id"),
    [
        pytest.param(None, "http://192.0.2.10:8123", "webhook_local", id="lan_ip"),
        pytest.param(
            None, "http://homeassistant.local:8123", "webhook_local", id="mdns"
        ),
        pytest.param(
            None, "http://homeassistant:8123", "webhook_local", id="bare_name"
        ),
        pytest.param(None, "http://[fd00::1]:8123", "webhook_local", id="ula_ipv6"),
        pytest.param("http://ha.example.com", None, "webhook_http", id="plain_http"),
        pytest.param("https://ha.example.com", None, "webhook", id="public_https"),
        pytest.param("https://203.0.113.7", None, "webhook_local", id="doc_ip"),
        pytest.param("https://8.8.8.8", None, "webhook", id="global_ip"),
    ],
)
async def test_webhook_step_names_the_url_and_warns(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    external_url: str | None,
    internal_url: str | None,
    step_id: str,
) -> None:
    """The step names the one URL Track123 must reach; a warning when it cannot.

    A local address or a bare host name is unreachable from the internet; plain
    http is reachable but unencrypted. There is no line for an absent Cloud URL.
    """
    await hass.config.async_update(external_url=external_url, internal_url=internal_url)
    result = await _webhook_step(hass, init_integration)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == step_id
    webhook_id = init_integration.data[CONF_WEBHOOK_ID]
    url = (external_url or internal_url) + f"/api/webhook/{webhook_id}"
    assert result["description_placeholders"] == {
        "webhook_url": url,
        "console_url": "https://www.track123.com",
    }
    english = json.loads(EN_TRANSLATIONS.read_text(encoding="utf-8"))["options"]
    text = english["step"][step_id]["description"]
    assert "{webhook_url}" in text
    assert "instead" not in text

    # Submitting any variant stores the options.
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert init_integration.options[CONF_WEBHOOK] is True


async def test_webhook_step_without_any_address(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Without any address of its own, the path is shown, with the warning."""
    with patch(
        "homeassistant.components.webhook.get_url", side_effect=NoURLAvailableError
    ):
        result = await _webhook_step(hass, init_integration)
    assert result["step_id"] == "webhook_path"
    assert result["description_placeholders"]["webhook_url"].startswith("/api/webhook/")
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_webhook_step_prefers_cloud(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """With Home Assistant Cloud, its URL is the one named, without a warning."""
    await hass.config.async_update(internal_url="http://192.0.2.10:8123")
    hass.config.components.add("cloud")
    with (
        patch(
            "homeassistant.components.cloud.async_active_subscription",
            return_value=True,
        ),
        patch(
            "homeassistant.components.cloud.async_get_or_create_cloudhook",
            return_value="https://hooks.nabu.casa/abc",
        ),
    ):
        result = await _webhook_step(hass, init_integration)
    assert result["step_id"] == "webhook"
    assert result["description_placeholders"]["webhook_url"] == (
        "https://hooks.nabu.casa/abc"
    )


def test_every_form_error_is_translated() -> None:
    """Each error key the flows can give has an English message."""
    english = json.loads(EN_TRANSLATIONS.read_text(encoding="utf-8"))
    flow_source = "".join(
        (COMPONENT / name).read_text(encoding="utf-8")
        for name in ("config_flow.py", "options_flow.py")
    )
    keys = set(re.findall(r'"([a-z_]+)"', flow_source))
    config_errors = set(english["config"]["error"])
    option_errors = set(english["options"]["error"])
    assert {
        "invalid_auth",
        "cannot_connect",
        "rate_limited",
        "quota_exhausted",
        "unknown",
        "invalid_key_format",
        "invalid_base_url",
    } <= keys & config_errors
    assert {f"{field.key}_range" for field in NUMBER_FIELDS} | {"no_kinds"} <= (
        option_errors
    )
    for step in ("webhook", "webhook_path", "webhook_local", "webhook_http"):
        assert english["options"]["step"][step]["description"]
