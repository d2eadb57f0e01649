"""Merging Track123's answers: identity, age and retention."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from unittest.mock import patch

import pytest

from custom_components.track123.api import Parcel, ParcelEvent, ParcelStatus
from custom_components.track123.merge import ShipmentMerger, Shipments

NUMBER = "LV209031969CN"
NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


class _Labels:
    """A store without labels."""

    labels_revision = 0

    def label_for(self, kind: object, number: str) -> None:
        """Return no label."""


def _parcel(courier: str | None, hours: int, status: ParcelStatus) -> Parcel:
    """Return a parcel whose last event was ``hours`` after NOW."""
    event = ParcelEvent(time=NOW + timedelta(hours=hours), description=f"at {hours}")
    return Parcel(track_no=NUMBER, courier_code=courier, status=status, events=(event,))


def _merge(previous: Shipments, *details: Parcel) -> Shipments:
    merger = ShipmentMerger(_Labels(), timedelta(days=7))  # type: ignore[arg-type]
    return merger.merge(previous, details)


def test_carrier_detected_late_keeps_the_key() -> None:
    """A carrier found later is the same shipment, and its newer answer is taken."""
    first = _merge({}, _parcel(None, 1, ParcelStatus.INFO_RECEIVED))
    later = _merge(first, _parcel("china-post", 2, ParcelStatus.IN_TRANSIT))

    assert list(first) == list(later) == [f"parcel_{NUMBER}"]
    assert later[f"parcel_{NUMBER}"].carrier == "china-post"
    assert later[f"parcel_{NUMBER}"].status == "in_transit"


def test_an_older_answer_changes_nothing() -> None:
    """An answer older than the one shown keeps the one shown."""
    shown = _merge({}, _parcel("ups", 5, ParcelStatus.DELIVERED))
    after = _merge(shown, _parcel("ups", 3, ParcelStatus.IN_TRANSIT))

    assert after[f"parcel_{NUMBER}"] is shown[f"parcel_{NUMBER}"]


def test_a_corrected_carrier_starts_a_new_timeline() -> None:
    """With another carrier, even older events are the ones to show."""
    shown = _merge({}, _parcel("ups", 5, ParcelStatus.IN_TRANSIT))
    after = _merge(shown, _parcel("fedex", 3, ParcelStatus.INFO_RECEIVED))

    assert after[f"parcel_{NUMBER}"].carrier == "fedex"


def test_two_trackings_of_one_number_stay_two() -> None:
    """The number's key stays with the tracking that held it; the other is told apart."""
    shown = _merge({}, _parcel("ups", 1, ParcelStatus.IN_TRANSIT))
    both = _merge(
        shown,
        _parcel("dhl", 2, ParcelStatus.INFO_RECEIVED),
        _parcel("ups", 2, ParcelStatus.IN_TRANSIT),
    )

    assert both[f"parcel_{NUMBER}"].carrier == "ups"
    assert both[f"parcel_{NUMBER}@dhl"].carrier == "dhl"
    assert both[f"parcel_{NUMBER}@dhl"].key == f"parcel_{NUMBER}@dhl"

    again = _merge(
        both,
        _parcel("ups", 3, ParcelStatus.IN_TRANSIT),
        _parcel("dhl", 3, ParcelStatus.IN_TRANSIT),
    )
    assert set(again) == {f"parcel_{NUMBER}", f"parcel_{NUMBER}@dhl"}
    assert again[f"parcel_{NUMBER}"].carrier == "ups"


def test_the_last_polls_very_models_keep_their_shipments() -> None:
    """The very models of the last poll, in any order, keep every shipment built.

    Compared with nothing while the labels are the last poll's: a large account
    merges thousands of unchanged trackings at every poll.
    """
    labels = _Labels()
    merger = ShipmentMerger(labels, timedelta(days=7))  # type: ignore[arg-type]
    ups = _parcel("ups", 1, ParcelStatus.IN_TRANSIT)
    dhl = _parcel("dhl", 2, ParcelStatus.INFO_RECEIVED)
    shown = merger.merge({}, (ups, dhl), remember=True)
    with patch.object(merger, "_merge_one", wraps=merger._merge_one) as merged:  # noqa: SLF001
        alone = merger.merge(shown, (ups,), remember=True)
        assert merged.call_count == 0
        assert alone[f"parcel_{NUMBER}"] is shown[f"parcel_{NUMBER}"]
        # The other tracking of the number answered first: the number's key stays
        # with the one that held it, and the other is not lost.
        swapped = merger.merge(alone, (dhl, ups), remember=True)
        assert set(swapped) == {f"parcel_{NUMBER}", f"parcel_{NUMBER}@dhl"}
        assert swapped[f"parcel_{NUMBER}"] is shown[f"parcel_{NUMBER}"]
        assert swapped[f"parcel_{NUMBER}@dhl"].detail is dhl
        # New labels: every shipment is looked at again.
        merged.reset_mock()
        labels.labels_revision = 1
        merger.merge(swapped, (ups,), remember=True)
        assert merged.call_count == 1


def test_first_sight_of_two_trackings() -> None:
    """Seen together first, the first one answered gets the number's key."""
    both = _merge(
        {},
        _parcel("dhl", 2, ParcelStatus.INFO_RECEIVED),
        _parcel("ups", 2, ParcelStatus.IN_TRANSIT),
    )

    assert both[f"parcel_{NUMBER}"].carrier == "dhl"
    assert both[f"parcel_{NUMBER}@ups"].carrier == "ups"


def _tracked(courier: str | None, hours: int, tracked: int) -> Parcel:
    """Return a parcel with its last event and Track123's tracking time."""
    return replace(
        _parcel(courier, hours, ParcelStatus.IN_TRANSIT),
        last_tracking_time=NOW + timedelta(hours=tracked),
    )


@pytest.mark.parametrize(
    ("answer", "taken"),
    [
        pytest.param(_tracked(None, 3, 6), False, id="carrier lost: a lagging copy"),
        pytest.param(_tracked("fedex", 3, 4), False, id="tracked before: a copy"),
        pytest.param(_tracked("fedex", 3, 6), True, id="corrected since: taken"),
        pytest.param(_tracked("ups", 4, 6), False, id="same carrier, older event"),
        pytest.param(_tracked("ups", 5, 4), False, id="same event, tracked before"),
        pytest.param(_tracked("ups", 6, 6), True, id="same carrier, newer event"),
    ],
)
def test_lagging_copies_are_not_corrections(answer: Parcel, taken: bool) -> None:
    """After a push, a lagging copy (old carrier or none, tracked before) changes nothing."""
    shown = _merge({}, _tracked("ups", 5, 5))
    after = _merge(shown, answer)

    assert (after[f"parcel_{NUMBER}"].detail is answer) is taken
