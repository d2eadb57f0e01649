"""What entities work out from each shipment: again only for shipments that changed."""

from collections.abc import Iterator
from typing import Any, NamedTuple

from homeassistant.util import dt as dt_util
import pytest

from custom_components.track123.per_shipment import PerShipment


class _Worked(NamedTuple):
    """A value worked out from a shipment, and in which zone."""

    shipment: Any
    zone: object


@pytest.fixture
def built() -> list[Any]:
    """Return the shipments worked out, in order."""
    return []


@pytest.fixture
def per_shipment(built: list[Any]) -> PerShipment[_Worked]:
    """Return values worked out in the home's zone, recording each shipment."""

    def build(shipment: Any) -> _Worked:
        built.append(shipment)
        return _Worked(shipment, dt_util.get_default_time_zone())

    return PerShipment(build)


@pytest.fixture
def home_zone() -> Iterator[None]:
    """Give the home's zone back after the test."""
    zone = dt_util.get_default_time_zone()
    yield
    dt_util.set_default_time_zone(zone)


def test_only_changed_shipments_worked_out_again(
    per_shipment: PerShipment[_Worked], built: list[Any]
) -> None:
    """Unchanged shipments keep their value; changed ones get a new one; gone, gone."""
    one, two, three, two_changed = object(), object(), object(), object()
    first = per_shipment.of({"a": one, "b": two, "c": three})  # type: ignore[dict-item]
    built.clear()

    second = per_shipment.of({"a": one, "b": two_changed})  # type: ignore[dict-item]

    assert built == [two_changed]
    assert second["a"] is first["a"]
    assert second["b"].shipment is two_changed
    assert "c" not in second


def test_same_shipments_same_answer(
    per_shipment: PerShipment[_Worked], built: list[Any]
) -> None:
    """The same shipments in the same zone give the very dict of the last call."""
    shipments: Any = {"a": object()}
    first = per_shipment.of(shipments)
    built.clear()

    assert per_shipment.of(shipments) is first
    assert built == []


def test_one_worked_out_again_when_asked(
    per_shipment: PerShipment[_Worked], built: list[Any]
) -> None:
    """A shipment asked for again is worked out again, though unchanged."""
    one, two = object(), object()
    shipments: Any = {"a": one, "b": two}
    first = per_shipment.of(shipments)
    built.clear()

    again = per_shipment.of(shipments, again="b")

    assert built == [two]
    assert again["a"] is first["a"]
    assert again["b"] is not first["b"]


@pytest.mark.usefixtures("home_zone")
def test_every_shipment_worked_out_again_in_a_new_zone(
    per_shipment: PerShipment[_Worked], built: list[Any]
) -> None:
    """The home's zone changed: every local day moved, every value is new."""
    dt_util.set_default_time_zone(dt_util.get_time_zone("US/Pacific"))
    shipments: Any = {"a": object(), "b": object()}
    per_shipment.of(shipments)
    built.clear()
    berlin = dt_util.get_time_zone("Europe/Berlin")
    dt_util.set_default_time_zone(berlin)

    moved = per_shipment.of(shipments)

    assert built == list(shipments.values())
    assert {worked.zone for worked in moved.values()} == {berlin}
