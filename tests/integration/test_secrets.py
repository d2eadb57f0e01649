"""The API key appears nowhere: log, diagnostics, exceptions, entity attributes, events.

With debug logging on for the whole test, the integration is set up, polled through
faults whose messages echo the key back (as a careless server might), runs actions
that succeed and fail, hands out diagnostics, and has its key refused. Every text it
produced is then searched for the key.
"""

from datetime import UTC, datetime, timedelta
import json
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import CONF_API_KEY, MATCH_ALL
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.json import JSONEncoder
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.track123.const import CONF_BASE_URL, DOMAIN
from custom_components.track123.diagnostics import async_get_config_entry_diagnostics
from custom_components.track123.services import (
    SERVICE_ADD_SHIPMENT,
    SERVICE_DETECT_CARRIER,
)
from track123_simulator import Fault, SimulatorServer, SimulatorState

from .common import (
    PARCEL,
    account_entry,
    add_demo_shipments,
    advance,
    form_fields,
    setup_entry,
)

SECRET = "t123-Secr3t-9f8e7d6c5b4a3210"
SIM_START = datetime(2026, 11, 1, tzinfo=UTC)
INTERVAL = timedelta(minutes=30)
PARCEL_QUERY = "tk/v2.1/track/query"
PARCEL_IMPORT = "tk/v2.1/track/import"
DETECTION = "tk/v2.1/courier/detection"
ECHO = f"request with secret {SECRET} failed"  # a server echoing the key back

POLL_FAULTS = (
    Fault(kind="service_code", code="B0001", message=ECHO, times=1),
    Fault(kind="service_code", code="B0300", message=ECHO, times=1),
    Fault(kind="service_code", code="B0310", message=ECHO, times=1),
    Fault(
        kind="service_code",
        code="A0706",
        http_status=429,
        retry_after=60,
        message=ECHO,
        times=1,
    ),
    Fault(kind="service_code", code="A0400", http_status=400, message=ECHO, times=1),
    Fault(kind="http_error", http_status=502, times=1),
    Fault(kind="malformed_json", times=1),
    Fault(kind="truncated_json", times=1),
    Fault(kind="query_status", track_nos=(PARCEL,), query_status="004", times=1),
)


@pytest.fixture
def sim_state() -> SimulatorState:
    """Return a simulator that accepts only the secret key."""
    state = SimulatorState(
        api_keys={SECRET}, seed=1, start=SIM_START, rate_limit_per_second=None
    )
    add_demo_shipments(state)
    return state


@pytest.fixture
def secret_entry(simulator: SimulatorServer) -> MockConfigEntry:
    """Return a config entry holding the secret key."""
    return account_entry(simulator.base_url, api_key=SECRET)


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Log everything, from the start of the test to its end."""
    caplog.set_level(logging.DEBUG)
    return caplog


def _dump(value: Any) -> str:
    """Return a value as JSON the way Home Assistant would write it."""
    return json.dumps(value, cls=JSONEncoder, default=repr)


def _exception_texts(err: BaseException) -> list[str]:
    """Return the texts of an exception and of its causes and contexts."""
    texts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        texts += [str(current), repr(current), _dump(vars(current))]
        current = current.__cause__ or current.__context__
    return texts


def _form_texts(result: Any) -> list[str]:
    """Return what a flow result shows: schema (with defaults), errors, placeholders."""
    shown = dict(result)
    if (schema := shown.pop("data_schema", None)) is not None:
        shown["schema"] = form_fields(schema)
    return [_dump(shown)]


@pytest.mark.usefixtures("debug_log")
async def test_api_key_never_shown(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    *,
    secret_entry: MockConfigEntry,
    hass_client: ClientSessionGenerator,
    issue_registry: ir.IssueRegistry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Setup, faulty polls, actions, diagnostics and a refused key never show it."""
    events: list[Event] = []
    texts: list[str] = []
    redacted = 0

    @callback
    def capture(event: Event) -> None:
        events.append(event)

    hass.bus.async_listen(MATCH_ALL, capture)

    # Setup, and diagnostics over HTTP (before the clock moves the token's expiry).
    await setup_entry(hass, secret_entry)
    assert secret_entry.state is ConfigEntryState.LOADED
    texts.append(
        _dump(await get_diagnostics_for_config_entry(hass, hass_client, secret_entry))
    )
    client = secret_entry.runtime_data.client
    texts += [repr(client), str(client)]

    # Polls through faults; the error of each failed poll is kept.
    coordinator = secret_entry.runtime_data.coordinator
    for fault in POLL_FAULTS:
        sim_state.faults.inject(fault)
        await advance(hass, freezer, sim_state, INTERVAL)
        if (error := coordinator.last_exception) is not None:
            texts += _exception_texts(error)
            redacted += "***" in str(error)
        await advance(hass, freezer, sim_state, INTERVAL)
        assert coordinator.last_update_success

    # Actions: one succeeds, two fail with the key in the server's message.
    await hass.services.async_call(
        DOMAIN,
        SERVICE_ADD_SHIPMENT,
        {"tracking_number": "9400111899562537866361", "carrier": "usps"},
        blocking=True,
    )
    for endpoint, service, data in (
        (
            PARCEL_IMPORT,
            SERVICE_ADD_SHIPMENT,
            {"tracking_number": "9400111899562537866362", "label": "Gift"},
        ),
        (DETECTION, SERVICE_DETECT_CARRIER, {"tracking_number": PARCEL}),
    ):
        sim_state.faults.inject(
            Fault(
                kind="service_code",
                endpoint=endpoint,
                code="B0001",
                message=ECHO,
                times=1,
            )
        )
        with pytest.raises(HomeAssistantError) as caught:
            await hass.services.async_call(
                DOMAIN,
                service,
                data,
                blocking=True,
                return_response=service == SERVICE_DETECT_CARRIER or None,
            )
        texts += _exception_texts(caught.value)
        redacted += "***" in str(caught.value)

    # Diagnostics after all that.
    texts.append(_dump(await async_get_config_entry_diagnostics(hass, secret_entry)))

    # The key is refused with a message quoting it; then it is revoked, and the
    # re-authentication form refuses it too.
    sim_state.faults.inject(
        Fault(
            kind="service_code",
            code="A0230",
            http_status=401,
            message=ECHO,
            endpoint=PARCEL_QUERY,
            times=1,
        )
    )
    await advance(hass, freezer, sim_state, INTERVAL)
    assert not coordinator.last_update_success
    assert coordinator.last_exception is not None
    texts += _exception_texts(coordinator.last_exception)
    redacted += "***" in str(coordinator.last_exception)
    [flow] = [
        flow
        for flow in hass.config_entries.flow.async_progress_by_handler(DOMAIN)
        if flow["context"]["source"] == SOURCE_REAUTH
    ]
    texts.append(_dump(flow))
    sim_state.api_keys.clear()
    result = await hass.config_entries.flow.async_configure(flow["flow_id"])
    texts += _form_texts(result)
    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"],
        {
            CONF_API_KEY: SECRET,
            "advanced": {CONF_BASE_URL: sim_state_url(secret_entry)},
        },
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_API_KEY: "invalid_auth"}
    texts += _form_texts(result)

    # Everything the integration showed or wrote.
    texts += [_dump(state.as_dict()) for state in hass.states.async_all()]
    texts += [_dump(event.as_dict()) for event in events]
    texts += [_dump(issue.to_json()) for issue in issue_registry.issues.values()]
    texts.append(caplog.text)
    texts += [
        logging.Formatter().format(record) + repr(record.args)
        for record in caplog.records
    ]

    leaks = [text for text in texts if SECRET in text]
    assert leaks == []
    # Partial leaks too: the key's distinctive middle part.
    assert not any(SECRET[5:20] in text for text in texts)
    # The test saw what it was meant to: echoed keys redacted, debug logs, events.
    assert redacted >= 5
    assert any(record.levelno == logging.DEBUG for record in caplog.records)
    assert any(
        event.event_type == "track123_shipment_status_changed" for event in events
    )


def sim_state_url(entry: MockConfigEntry) -> str:
    """Return the base URL the entry uses (the simulator's)."""
    return str(entry.data[CONF_BASE_URL])
