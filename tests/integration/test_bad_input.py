"""Bad input on every action field and every form field.

Empty, too long, wrong characters, unknown carrier, unknown kind, wrong types: each is
refused with a translated error, nothing is stored and nothing is sent to Track123
(only the carrier list is fetched, to learn whether a carrier exists).

An error of our own carries a translation key of ``translations/en.json``. A value of
the wrong type is refused by the schema (``vol.Invalid`` for an action,
``InvalidData`` for a form), which Home Assistant translates itself.
"""

from collections.abc import Iterator
import json
from pathlib import Path
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_API_KEY
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.track123 import config_flow
from custom_components.track123.const import (
    CONF_BASE_URL,
    CONF_DELIVERED_RETENTION_DAYS,
    CONF_KINDS,
    CONF_SCAN_INTERVAL,
    CONF_SCOPE,
    DOMAIN,
)
from custom_components.track123.services import (
    SERVICE_ADD_SHIPMENT,
    SERVICE_CHANGE_CARRIER,
    SERVICE_DETECT_CARRIER,
    SERVICE_GET_SHIPMENTS,
    SERVICE_REFRESH,
    SERVICE_REMOVE_SHIPMENT,
    SERVICE_RETRACK,
    SERVICE_SET_LABEL,
)
from custom_components.track123.validation import vol
from track123_simulator import SimulatorServer, SimulatorState

from .common import AIR, OCEAN, PARCEL

ENGLISH = json.loads(
    (
        Path(__file__).parents[2]
        / "custom_components"
        / "track123"
        / "translations"
        / "en.json"
    ).read_text(encoding="utf-8")
)
ADVANCED = "advanced"
COURIER_LISTS = {
    "tk/v2.1/courier/list",
    "tk/v1/ocean/carrier/list",
    "tk/v1/aviation/courier/list",
}
INVALID = vol.Invalid  # the schema refuses the value's type

# (field, value, expected): ``expected`` is a translation key, or INVALID.
BAD_NUMBERS: list[tuple[Any, str | type[vol.Invalid]]] = [
    ("", "number_empty"),
    ("   ", "number_empty"),
    ("\t\n", "number_empty"),
    ("12 34", "number_spaces"),
    ("1Z999AA1\t0123456784", "number_spaces"),
    ("1Z999AA1\u00a00123456784", "number_spaces"),
    ("A" * 51, "number_length"),
    ("1Z9", "number_length"),
    (123, "number_length"),
    ("1Z999#AA10", "number_characters"),
    ("-1Z999AA10", "number_characters"),
    ("1Z999ÄA10", "number_characters"),
    ("1Z999AA10;DROP", "number_characters"),
    ("../../etc/passwd", "number_characters"),
    (None, INVALID),
    (["1Z999AA10123456784"], INVALID),
    ({"number": "1Z999AA10123456784"}, INVALID),
]
# Control characters, and line or paragraph breaks: a label is one line.
BAD_LABEL_CHARACTERS = ["Gift\nfor Anna", "Gift\x00", "Gift\x1b[31m", "Gift\u2028x"]
ADD_CASES: list[tuple[str, Any, str | type[vol.Invalid]]] = [
    *(("tracking_number", value, expected) for value, expected in BAD_NUMBERS),
    ("kind", "boat", "unknown_kind"),
    ("kind", "", "unknown_kind"),
    ("kind", "PARCEL", "unknown_kind"),
    ("kind", 5, "unknown_kind"),
    ("kind", ["parcel"], INVALID),
    ("carrier", "no-such-carrier", "unknown_carrier"),
    ("carrier", "u" * 300, "unknown_carrier"),
    ("carrier", "ups; drop", "unknown_carrier"),
    ("carrier", "ùps", "unknown_carrier"),
    ("carrier", ["ups"], INVALID),
    ("label", "L" * 101, "label_length"),
    *(("label", value, "label_characters") for value in BAD_LABEL_CHARACTERS),
    ("label", {"text": "gift"}, INVALID),
    ("number_type", "pallet", "unknown_number_type"),
    ("number_type", "", "unknown_number_type"),
    ("number_type", 3, "unknown_number_type"),
    ("number_type", ["container"], INVALID),
    ("number_type", "container", "number_type_ocean_only"),
    ("postal_code", "9" * 17, "postal_code_invalid"),
    ("postal_code", "75001;DROP", "postal_code_invalid"),
    ("postal_code", "-75001", "postal_code_invalid"),
    ("postal_code", ["75001"], INVALID),
    ("phone_suffix", "123456789", "phone_suffix_invalid"),
    ("phone_suffix", "12a4", "phone_suffix_invalid"),
    ("phone_suffix", "+33 1", "phone_suffix_invalid"),
    ("phone_suffix", ["1234"], INVALID),
    ("config_entry_id", "no-such-entry", "entry_not_found"),
    ("config_entry_id", ["no-such-entry"], INVALID),
]
# The actions on a tracked shipment, and valid data a bad value of one field replaces.
SHIPMENT_ACTIONS = (
    SERVICE_REMOVE_SHIPMENT,
    SERVICE_CHANGE_CARRIER,
    SERVICE_RETRACK,
    SERVICE_SET_LABEL,
)
VALID_DATA: dict[str, dict[str, Any]] = {
    SERVICE_DETECT_CARRIER: {"tracking_number": PARCEL},
    SERVICE_REMOVE_SHIPMENT: {"tracking_number": PARCEL},
    SERVICE_CHANGE_CARRIER: {"tracking_number": PARCEL, "carrier": "dhl"},
    SERVICE_RETRACK: {
        "tracking_number": PARCEL,
        "postal_code": "75001",
        "phone_suffix": "1234",
    },
    SERVICE_SET_LABEL: {"tracking_number": PARCEL, "label": "Gift"},
}
# Valid data the bad value of one field replaces: a parcel not tracked yet.
ADD_BASE = {
    "tracking_number": "9400111899562537866361",
    "kind": "parcel",
    "carrier": "usps",
    "label": "Gift",
    "postal_code": "75001",
    "phone_suffix": "1234",
}


def _case_id(field: str, value: Any) -> str:
    """Return a short test id for a bad value of a field."""
    text = repr(value)
    return f"{field}={text if len(text) <= 20 else text[:17] + '...'}"


class Outcome:
    """What an action or form left behind: stored data, requests sent."""

    def __init__(
        self, hass: HomeAssistant, entry: MockConfigEntry, sim: SimulatorState
    ):
        """Take a snapshot before the bad input."""
        self._hass = hass
        self._entry = entry
        self._sim = sim
        self._requests = len(sim.requests)
        self._before = self._snapshot()

    def _snapshot(self) -> dict[str, Any]:
        entry = self._entry
        snapshot: dict[str, Any] = {
            "data": dict(entry.data),
            "options": dict(entry.options),
            "entries": len(self._hass.config_entries.async_entries(DOMAIN)),
        }
        if entry.state is ConfigEntryState.LOADED:
            runtime = entry.runtime_data
            snapshot["added"] = list(runtime.store.added)
            snapshot["shipments"] = sorted(
                (key, shipment.carrier, shipment.label)
                for key, shipment in runtime.coordinator.data.items()
            )
        return snapshot

    def requests(self) -> list[str]:
        """Return the endpoints requested since the snapshot."""
        return [r.endpoint for r in self._sim.requests[self._requests :]]

    def assert_nothing_stored(self) -> None:
        """Nothing changed in the entry, the store or the shipments."""
        assert self._snapshot() == self._before


def _translated(err: ServiceValidationError, key: str) -> None:
    """Check an action error carries our translation ``key``, present in English."""
    assert err.translation_domain == DOMAIN
    assert err.translation_key == key
    message = ENGLISH["exceptions"][key]["message"]
    assert message
    for name in err.translation_placeholders or {}:
        assert f"{{{name}}}" in message


async def _call_bad(
    hass: HomeAssistant,
    service: str,
    data: dict[str, Any],
    expected: str | type[vol.Invalid],
) -> None:
    """Call an action with bad data and check the error."""
    response = service in (SERVICE_GET_SHIPMENTS, SERVICE_DETECT_CARRIER)
    if expected is INVALID:
        with pytest.raises(vol.Invalid):
            await hass.services.async_call(
                DOMAIN, service, data, blocking=True, return_response=response
            )
        return
    with pytest.raises(ServiceValidationError) as caught:
        await hass.services.async_call(
            DOMAIN, service, data, blocking=True, return_response=response
        )
    assert isinstance(expected, str)
    _translated(caught.value, expected)


# Actions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [pytest.param(*case, id=_case_id(*case[:2])) for case in ADD_CASES],
)
async def test_add_shipment(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_state: SimulatorState,
    *,
    field: str,
    value: Any,
    expected: str | type[vol.Invalid],
) -> None:
    """A bad value of any add_shipment field stores and imports nothing."""
    outcome = Outcome(hass, init_integration, sim_state)

    await _call_bad(hass, SERVICE_ADD_SHIPMENT, {**ADD_BASE, field: value}, expected)

    outcome.assert_nothing_stored()
    allowed = COURIER_LISTS if expected == "unknown_carrier" else set()
    assert set(outcome.requests()) <= allowed


@pytest.mark.parametrize(
    ("service", "data"),
    [
        *(
            pytest.param(
                SERVICE_ADD_SHIPMENT,
                {"tracking_number": number, "kind": kind, "carrier": carrier},
                id=f"add-{kind}-{carrier[:8]}",
            )
            for kind, number, carrier in (
                ("ocean", "MSCU7654321", "UPS"),
                ("ocean", "MSCU7654321", "MAEU!"),
                ("air", "618-12345675", "MAEU"),
                ("air", "618-12345675", "S" * 60),
            )
        ),
        *(
            pytest.param(
                SERVICE_CHANGE_CARRIER,
                {"tracking_number": number, "carrier": carrier},
                id=f"change-{number}-{carrier}",
            )
            for number, carrier in (
                (PARCEL, "pigeon"),
                (PARCEL, "MAEU"),
                (OCEAN, "ups"),
                (AIR, "MAEU"),
            )
        ),
    ],
)
async def test_unknown_carrier_of_kind(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_state: SimulatorState,
    *,
    service: str,
    data: dict[str, Any],
) -> None:
    """A carrier unknown for the kind of shipment (even if known for another) is refused.

    Only the kind's carrier list is read.
    """
    outcome = Outcome(hass, init_integration, sim_state)

    await _call_bad(hass, service, data, "unknown_carrier")

    outcome.assert_nothing_stored()
    assert len(outcome.requests()) == 1
    assert set(outcome.requests()) <= COURIER_LISTS


async def test_add_shipment_already_tracked(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_state: SimulatorState
) -> None:
    """A number already shown (whatever its case) is refused before any request."""
    outcome = Outcome(hass, init_integration, sim_state)

    await _call_bad(
        hass,
        SERVICE_ADD_SHIPMENT,
        {"tracking_number": PARCEL.lower()},
        "already_tracked",
    )

    outcome.assert_nothing_stored()
    assert outcome.requests() == []


@pytest.mark.parametrize(
    ("service", "data", "expected"),
    [
        pytest.param(
            SERVICE_ADD_SHIPMENT,
            {**ADD_BASE, "kind": "air", "tracking_number": "618-12345675"},
            "recipient_parcels_only",
            id="add-air",
        ),
        pytest.param(
            SERVICE_ADD_SHIPMENT,
            {
                "tracking_number": "MSCU7654321",
                "kind": "ocean",
                "phone_suffix": "1234",
            },
            "recipient_parcels_only",
            id="add-ocean",
        ),
        pytest.param(
            SERVICE_RETRACK,
            {"tracking_number": OCEAN, "postal_code": "75001"},
            "recipient_parcels_only",
            id="retrack-ocean",
        ),
        pytest.param(
            SERVICE_RETRACK,
            {"tracking_number": AIR, "phone_suffix": "1234"},
            "recipient_parcels_only",
            id="retrack-air",
        ),
    ],
)
async def test_field_of_another_kind(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_state: SimulatorState,
    *,
    service: str,
    data: dict[str, Any],
    expected: str,
) -> None:
    """A parcel's recipient details given for cargo are refused before any request."""
    outcome = Outcome(hass, init_integration, sim_state)

    await _call_bad(hass, service, data, expected)

    outcome.assert_nothing_stored()
    assert outcome.requests() == []


@pytest.mark.parametrize(
    ("service", "field", "value", "expected"),
    [
        *(
            pytest.param(
                service, "tracking_number", value, expected, id=f"{service}-{index}"
            )
            for service in (SERVICE_DETECT_CARRIER, *SHIPMENT_ACTIONS)
            for index, (value, expected) in enumerate(BAD_NUMBERS)
        ),
        *(
            pytest.param(
                service,
                "tracking_number",
                "ZZZZ99990000",
                "not_tracked",
                id=f"{service}-not-tracked",
            )
            for service in SHIPMENT_ACTIONS
        ),
        *(
            pytest.param(
                service,
                "config_entry_id",
                value,
                expected,
                id=f"{service}-entry-{type(value).__name__}",
            )
            for service in (
                SERVICE_DETECT_CARRIER,
                SERVICE_REFRESH,
                SERVICE_GET_SHIPMENTS,
                *SHIPMENT_ACTIONS,
            )
            for value, expected in (
                ("no-such-entry", "entry_not_found"),
                ([1], INVALID),
            )
        ),
        pytest.param(SERVICE_GET_SHIPMENTS, "kind", "boat", "unknown_kind", id="kind"),
        pytest.param(
            SERVICE_GET_SHIPMENTS, "kind", ["air", "Boat"], "unknown_kind", id="kinds"
        ),
        pytest.param(SERVICE_GET_SHIPMENTS, "kind", [{}], INVALID, id="kind-type"),
        pytest.param(
            SERVICE_GET_SHIPMENTS, "status", "lost", "unknown_status", id="status"
        ),
        pytest.param(
            SERVICE_GET_SHIPMENTS,
            "status",
            ["delivered", ""],
            "unknown_status",
            id="status-empty",
        ),
        pytest.param(
            SERVICE_GET_SHIPMENTS, "status", [["x"]], INVALID, id="status-type"
        ),
        *(
            pytest.param(SERVICE_CHANGE_CARRIER, "carrier", value, expected, id=name)
            for name, value, expected in (
                ("carrier-empty", "", "carrier_empty"),
                ("carrier-blank", " \t", "carrier_empty"),
                ("carrier-type", ["dhl"], INVALID),
                ("carrier-missing", vol.UNDEFINED, INVALID),
            )
        ),
        *(
            pytest.param(SERVICE_RETRACK, field, value, expected, id=f"retrack-{field}")
            for field, value, expected in (
                ("postal_code", "75001;DROP", "postal_code_invalid"),
                ("postal_code", "9" * 17, "postal_code_invalid"),
                ("phone_suffix", "12a4", "phone_suffix_invalid"),
                ("phone_suffix", ["1234"], INVALID),
            )
        ),
        *(
            pytest.param(SERVICE_SET_LABEL, "label", value, expected, id=f"label-{i}")
            for i, (value, expected) in enumerate(
                [
                    ("L" * 101, "label_length"),
                    ({"text": "gift"}, INVALID),
                    *((value, "label_characters") for value in BAD_LABEL_CHARACTERS),
                ]
            )
        ),
    ],
)
async def test_other_actions(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_state: SimulatorState,
    *,
    service: str,
    field: str,
    value: Any,
    expected: str | type[vol.Invalid],
) -> None:
    """A bad value of any field of the other actions changes and sends nothing."""
    data = {**VALID_DATA.get(service, {}), field: value}
    if value is vol.UNDEFINED:
        del data[field]
    outcome = Outcome(hass, init_integration, sim_state)

    await _call_bad(hass, service, data, expected)

    outcome.assert_nothing_stored()
    assert outcome.requests() == []


async def test_unknown_field(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_state: SimulatorState
) -> None:
    """A field the action does not have is refused by the schema."""
    outcome = Outcome(hass, init_integration, sim_state)

    await _call_bad(
        hass,
        SERVICE_ADD_SHIPMENT,
        {**ADD_BASE, "api_key": "test-key"},
        INVALID,
    )

    outcome.assert_nothing_stored()
    assert outcome.requests() == []


# Forms -----------------------------------------------------------------------------

BAD_KEYS: list[tuple[Any, str | None]] = [
    ("", "invalid_key_format"),
    ("    ", "invalid_key_format"),
    ("k" * 257, "invalid_key_format"),
    ("test key", "invalid_key_format"),
    ("test-key\nX-Injected: 1", "invalid_key_format"),
    ("test-kéy", "invalid_key_format"),
    ("test-key\x00", "invalid_key_format"),
    (12345, None),
    (["test-key"], None),
]
BAD_URLS: list[tuple[Any, str | None]] = [
    ("not a url", "invalid_base_url"),
    ("ftp://127.0.0.1/", "invalid_base_url"),
    ("http://", "invalid_base_url"),
    ("http://exa mple.com/", "invalid_base_url"),
    ("http://exa\tmple.com/", "invalid_base_url"),
    ("http://[::1/", "invalid_base_url"),
    ("http://127.0.0.1:port/", "invalid_base_url"),
    ("javascript:alert(1)", "invalid_base_url"),
    ("http://" + "a" * 2100 + ".com/", "invalid_base_url"),
    (5, None),
]


@pytest.fixture
def sim_default_url(simulator: SimulatorServer) -> Iterator[str]:
    """Make the simulator the default base URL the forms offer."""
    with patch.object(config_flow, "DEFAULT_BASE_URL", simulator.base_url):
        yield simulator.base_url


def _key_form(api_key: Any, base_url: Any) -> dict[str, Any]:
    """Return the input of a key form."""
    return {CONF_API_KEY: api_key, ADVANCED: {CONF_BASE_URL: base_url}}


async def _submit_bad(
    hass: HomeAssistant, flow_id: str, user_input: dict[str, Any], expected: str | None
) -> None:
    """Submit bad input to a key form; check the form shows a translated error."""
    if expected is None:
        with pytest.raises(InvalidData):
            await hass.config_entries.flow.async_configure(flow_id, user_input)
        return
    result = await hass.config_entries.flow.async_configure(flow_id, user_input)
    assert result["type"] is FlowResultType.FORM
    assert expected in result["errors"].values()
    assert ENGLISH["config"]["error"][expected]


def _key_cases() -> list[Any]:
    """Return every bad key and every bad base URL, with the other field good."""
    return [
        *(
            pytest.param(value, None, expected, id=f"key-{index}")
            for index, (value, expected) in enumerate(BAD_KEYS)
        ),
        *(
            pytest.param("test-key", value, expected, id=f"url-{index}")
            for index, (value, expected) in enumerate(BAD_URLS)
        ),
    ]


@pytest.mark.usefixtures("sim_default_url")
@pytest.mark.parametrize(("api_key", "base_url", "expected"), _key_cases())
async def test_user_form(
    hass: HomeAssistant,
    sim_state: SimulatorState,
    api_key: Any,
    base_url: Any,
    expected: str | None,
) -> None:
    """A bad key or base URL is refused without a request; nothing is stored."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": "user"}
    )
    url = config_flow.DEFAULT_BASE_URL if base_url is None else base_url

    await _submit_bad(hass, result["flow_id"], _key_form(api_key, url), expected)

    assert hass.config_entries.async_entries(DOMAIN) == []
    assert sim_state.requests == []


@pytest.mark.parametrize("step", ["reauth", "reconfigure"])
@pytest.mark.parametrize(("api_key", "base_url", "expected"), _key_cases())
async def test_key_forms_of_entry(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_state: SimulatorState,
    *,
    step: str,
    api_key: Any,
    base_url: Any,
    expected: str | None,
) -> None:
    """Re-authentication and reconfiguration refuse bad input the same way."""
    entry = init_integration
    outcome = Outcome(hass, entry, sim_state)
    if step == "reauth":
        result = await entry.start_reauth_flow(hass)
    else:
        result = await entry.start_reconfigure_flow(hass)
    url = entry.data[CONF_BASE_URL] if base_url is None else base_url

    await _submit_bad(hass, result["flow_id"], _key_form(api_key, url), expected)

    outcome.assert_nothing_stored()
    assert outcome.requests() == []
    assert entry.state is ConfigEntryState.LOADED


OPTIONS_BASE = {
    CONF_SCAN_INTERVAL: 30,
    CONF_KINDS: ["parcel", "ocean", "air"],
    CONF_DELIVERED_RETENTION_DAYS: 7,
    CONF_SCOPE: "account",
}


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (CONF_SCAN_INTERVAL, 4, "scan_interval_range"),
        (CONF_SCAN_INTERVAL, 1441, "scan_interval_range"),
        (CONF_SCAN_INTERVAL, -30, "scan_interval_range"),
        (CONF_SCAN_INTERVAL, "often", None),
        (CONF_SCAN_INTERVAL, None, None),
        (CONF_KINDS, [], "no_kinds"),
        (CONF_KINDS, ["boat"], None),
        (CONF_KINDS, "parcel", None),
        (CONF_KINDS, [5], None),
        (CONF_DELIVERED_RETENTION_DAYS, -1, "delivered_retention_days_range"),
        (CONF_DELIVERED_RETENTION_DAYS, 366, "delivered_retention_days_range"),
        (CONF_DELIVERED_RETENTION_DAYS, "week", None),
        (CONF_SCOPE, "galaxy", None),
        (CONF_SCOPE, "", None),
        (CONF_SCOPE, ["account"], None),
    ],
    ids=lambda value: repr(value)[:20],
)
async def test_options_form(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_state: SimulatorState,
    *,
    field: str,
    value: Any,
    expected: str | None,
) -> None:
    """A bad option is refused (by us or by the selector); nothing is stored."""
    entry = init_integration
    outcome = Outcome(hass, entry, sim_state)
    result = await hass.config_entries.options.async_init(entry.entry_id)
    user_input = {**OPTIONS_BASE, field: value}

    if expected is None:
        with pytest.raises(InvalidData) as caught:
            await hass.config_entries.options.async_configure(
                result["flow_id"], user_input
            )
        assert field in caught.value.schema_errors
    else:
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], user_input
        )
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] == {field: expected}
        assert ENGLISH["options"]["error"][expected]
    await hass.async_block_till_done()

    outcome.assert_nothing_stored()
    assert outcome.requests() == []
    assert entry.state is ConfigEntryState.LOADED
