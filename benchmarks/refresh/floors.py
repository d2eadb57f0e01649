"""The floors: the same state writes as a refresh's, without the integration.

``measure_floor`` writes them with ``hass.states.async_set`` alone;
``measure_entity_floor`` through bare enum sensor entities, so that Home Assistant's
entity machinery around each write is counted but no integration code.
"""

from __future__ import annotations

from collections.abc import Callable
import statistics
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityCapabilityAttribute,
)
from homeassistant.const import ATTR_DEVICE_CLASS, ATTR_FRIENDLY_NAME
from homeassistant.core import HomeAssistant, State
from pytest_homeassistant_custom_component.common import MockEntityPlatform  # type: ignore[import-untyped]

from .home_assistant import StateChanges
from .timing import measured


async def measure_rounds(
    hass: HomeAssistant, write: Callable[[int], None], repeats: int
) -> tuple[float, int]:
    """Return the median CPU (ms) of ``repeats`` rounds, and one round's state changes.

    A round is ``write(side)`` and ``hass.async_block_till_done()``; the side
    alternates between 1 (new states) and 0 (old states), so every round changes
    every entity.
    """
    times = []
    events = 0
    for repeat in range(repeats):
        changes = StateChanges(hass)
        with measured() as total:
            write((repeat + 1) % 2)
            await hass.async_block_till_done()
        changes.stop()
        events = len(changes.events)
        times.append(total.cpu * 1000)
    return statistics.median(times), events


async def measure_floor(
    hass: HomeAssistant, pairs: list[tuple[State, State]], repeats: int = 5
) -> tuple[float, int]:
    """CPU of writing the same state changes with hass.states.async_set alone.

    Returns the median CPU time (ms) of ``repeats`` rounds, and the state_changed events
    of one round. Rounds alternate between the old and new states so each one changes
    every entity.
    """
    if not pairs:
        return 0.0, 0
    ids = [f"sensor.benchmark_floor_{index}" for index in range(len(pairs))]
    rounds = [
        [(old.state, dict(old.attributes)) for old, _ in pairs],
        [(new.state, dict(new.attributes)) for _, new in pairs],
    ]

    def write(side: int) -> None:
        for entity_id, (state, attributes) in zip(ids, rounds[side], strict=True):
            hass.states.async_set(entity_id, state, attributes)

    write(0)
    await hass.async_block_till_done()
    result = await measure_rounds(hass, write, repeats)
    for entity_id in ids:
        hass.states.async_remove(entity_id)
    return result


class FloorSensor(SensorEntity):
    """A bare enum sensor that shows the state and attributes it is given."""

    _attr_should_poll = False
    _attr_device_class = SensorDeviceClass.ENUM

    def __init__(self, index: int, state: State) -> None:
        """Show ``state`` under an entity id of its own."""
        self.entity_id = f"sensor.benchmark_entity_floor_{index}"
        self._attr_name = state.attributes.get(ATTR_FRIENDLY_NAME)
        self._attr_options = state.attributes[SensorEntityCapabilityAttribute.OPTIONS]
        self.show(*self.shown(state))

    @staticmethod
    def shown(state: State) -> tuple[str, dict[str, Any]]:
        """Return the value and extra attributes that show ``state``."""
        attributes = dict(state.attributes)
        for own in (
            ATTR_FRIENDLY_NAME,
            ATTR_DEVICE_CLASS,
            SensorEntityCapabilityAttribute.OPTIONS,
        ):
            attributes.pop(own, None)
        return state.state, attributes

    def show(self, value: str, attributes: dict[str, Any]) -> None:
        """Take a value and extra attributes (written by async_write_ha_state)."""
        self._attr_native_value = value
        self._attr_extra_state_attributes = attributes


async def measure_entity_floor(
    hass: HomeAssistant, pairs: list[tuple[State, State]], repeats: int = 5
) -> tuple[float, int]:
    """CPU of bare sensor entities writing the same state changes.

    Home Assistant's entity machinery around each write (state and attributes
    computed from the entity's properties, then the state machine), with no
    integration: the same rounds as ``measure_floor``. Returns the median CPU time
    (ms) and the state_changed events of one round, with the state each entity shows
    the same as the shipment sensor's (checked).
    """
    if not pairs:
        return 0.0, 0
    platform = MockEntityPlatform(
        hass, domain="sensor", platform_name="benchmark_floor"
    )
    entities = [FloorSensor(index, old) for index, (old, _) in enumerate(pairs)]
    await platform.async_add_entities(entities)
    await hass.async_block_till_done()
    rounds = [
        [FloorSensor.shown(old) for old, _ in pairs],
        [FloorSensor.shown(new) for _, new in pairs],
    ]

    def write(side: int) -> None:
        for entity, (value, attributes) in zip(entities, rounds[side], strict=True):
            entity.show(value, attributes)
            entity.async_write_ha_state()

    result = await measure_rounds(hass, write, repeats)
    for entity, (old, new) in zip(entities, pairs, strict=True):
        written = hass.states.get(entity.entity_id)
        source = new if repeats % 2 else old
        assert written is not None
        assert (written.state, written.attributes) == (source.state, source.attributes)
    await platform.async_reset()
    return result
