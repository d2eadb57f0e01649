"""Tests of the blueprint that notifies on delivery."""

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import automation
from homeassistant.components.automation.config import AUTOMATION_BLUEPRINT_SCHEMA
from homeassistant.components.blueprint import models
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.setup import async_setup_component
from homeassistant.util import yaml as yaml_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)

from custom_components.track123.const import CONF_KINDS
from track123_simulator import SimulatorState

from .common import advance, setup_entry

BLUEPRINT_PATH = "track123/notify_on_delivery.yaml"
BLUEPRINT_FILE = (
    Path(__file__).parents[2] / "blueprints" / "automation" / BLUEPRINT_PATH
)
NUMBER = "1Z999AA10000000031"


def _load() -> models.Blueprint:
    """Load the blueprint the way Home Assistant does, schema included."""
    return models.Blueprint(
        yaml_util.load_yaml(BLUEPRINT_FILE),
        expected_domain=automation.DOMAIN,
        path=BLUEPRINT_PATH,
        schema=AUTOMATION_BLUEPRINT_SCHEMA,
    )


@pytest.fixture
def patch_blueprint() -> Iterator[None]:
    """Serve the blueprint of the repository to the automation integration."""

    def load_blueprint(self: models.DomainBlueprints, path: str) -> models.Blueprint:
        assert path == BLUEPRINT_PATH
        return _load()

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(models.DomainBlueprints, "_load_blueprint", load_blueprint)
        yield


def test_blueprint_is_valid() -> None:
    """The blueprint passes Home Assistant's blueprint schema."""
    blueprint = _load()

    assert blueprint.domain == automation.DOMAIN
    assert blueprint.validate() is None
    assert set(blueprint.inputs) == {"notify_target", "out_for_delivery"}
    assert blueprint.inputs["out_for_delivery"]["default"] is False


@pytest.mark.usefixtures("patch_blueprint")
@pytest.mark.parametrize(
    ("out_for_delivery", "expected"),
    [
        (
            False,
            [("Delivered: Boots", "Delivered, left at front door")],
        ),
        (
            True,
            [
                ("Out for delivery: Boots", "Out for delivery"),
                ("Delivered: Boots", "Delivered, left at front door"),
            ],
        ),
    ],
)
async def test_automation_from_blueprint(
    hass: HomeAssistant,
    *,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    sim_state: SimulatorState,
    out_for_delivery: bool,
    expected: list[tuple[str, str]],
) -> None:
    """An automation from the blueprint notifies once per delivery.

    With out_for_delivery on, it also notifies once when the parcel goes out.
    """
    calls: list[ServiceCall] = async_mock_service(hass, "notify", "test")
    sim_state.add_parcel(
        NUMBER, courier_code="ups", scenario="delivered", remark="Boots"
    )
    await setup_entry(hass, mock_config_entry, **{CONF_KINDS: ["parcel"]})
    inputs: dict[str, object] = {"notify_target": "notify.test"}
    if out_for_delivery:
        inputs["out_for_delivery"] = True
    assert await async_setup_component(
        hass,
        automation.DOMAIN,
        {
            automation.DOMAIN: {
                "use_blueprint": {"path": BLUEPRINT_PATH, "input": inputs}
            }
        },
    )
    await hass.async_block_till_done()

    # 42 h, poll by poll: the parcel goes out for delivery at 34 h, arrives at 38 h.
    for _ in range(84):
        await advance(hass, freezer, sim_state, timedelta(minutes=30))

    assert [(call.data["title"], call.data["message"]) for call in calls] == expected
