"""Entities' update callbacks, called per shipment."""

import logging

import pytest

from custom_components.track123.listeners import ShipmentListeners

LOGGER = logging.getLogger("custom_components.track123")


def _parcel_ocean_and_summary() -> tuple[ShipmentListeners, list[str]]:
    """Return listeners of a parcel, an ocean shipment and every change, and calls."""
    listeners = ShipmentListeners(LOGGER)
    calls: list[str] = []
    listeners.add(lambda: calls.append("parcel"), "parcel_ups_1Z")
    listeners.add(lambda: calls.append("ocean"), "ocean_msc_MSCU")
    listeners.add(lambda: calls.append("summary"))
    return listeners, calls


def test_notify_calls_the_changed_shipments_and_the_general_listeners() -> None:
    """A change reaches the callbacks of its shipments and those of every change."""
    listeners, calls = _parcel_ocean_and_summary()

    listeners.notify({"parcel_ups_1Z", "gone_key"})

    assert sorted(calls) == ["parcel", "summary"]


def test_removed_listeners_are_not_called() -> None:
    """After removal a callback is not called; others of the same shipment are."""
    listeners = ShipmentListeners(LOGGER)
    calls: list[str] = []

    def summary() -> None:
        calls.append("summary")

    remove_first = listeners.add(lambda: calls.append("first"), "parcel_ups_1Z")
    listeners.add(lambda: calls.append("second"), "parcel_ups_1Z")
    listeners.add(summary)

    remove_first()  # what add returned, as the coordinator's entities use it
    listeners.remove(summary)
    listeners.remove(summary)  # a second removal does nothing
    listeners.notify({"parcel_ups_1Z"})

    assert calls == ["second"]


def test_last_listener_of_a_shipment_removed_forgets_the_shipment() -> None:
    """Removing a shipment's only listener leaves nothing to call for it."""
    listeners = ShipmentListeners(LOGGER)
    calls: list[str] = []

    def parcel() -> None:
        calls.append("parcel")

    listeners.add(parcel, "parcel_ups_1Z")
    listeners.remove(parcel, "parcel_ups_1Z")
    listeners.remove(parcel, "parcel_ups_1Z")
    listeners.add(lambda: calls.append("again"), "parcel_ups_1Z")
    listeners.notify({"parcel_ups_1Z"})

    assert calls == ["again"]


def test_a_failing_callback_is_logged_and_the_others_still_run(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """One entity raising does not stop the update of the others."""
    listeners = ShipmentListeners(LOGGER)
    calls: list[str] = []

    def broken() -> None:
        raise RuntimeError("boom")

    listeners.add(broken, "parcel_ups_1Z")
    listeners.add(lambda: calls.append("ocean"), "ocean_msc_MSCU")
    listeners.add(lambda: calls.append("summary"))

    listeners.notify(["parcel_ups_1Z", "ocean_msc_MSCU"])

    assert calls == ["ocean", "summary"]
    assert "Error updating listener" in caplog.text
    assert "boom" in caplog.text


def test_notify_shipments_calls_every_shipment_but_not_the_general_ones() -> None:
    """When every entity's availability changes, each shipment's callback runs."""
    listeners, calls = _parcel_ocean_and_summary()

    listeners.notify_shipments()

    assert sorted(calls) == ["ocean", "parcel"]
