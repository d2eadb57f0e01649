"""Checks on the translation files: same keys, same placeholders, no gaps."""

from collections.abc import Iterator
import json
from pathlib import Path
import re
from typing import Any

import pytest

from custom_components.track123.api import ParcelSubStatus
from custom_components.track123.kinds import STATUS_OPTIONS

TRANSLATIONS = (
    Path(__file__).parents[2] / "custom_components" / "track123" / "translations"
)
EXPECTED_LANGUAGES = {"de", "es", "fr", "nl", "zh-Hans"}
LANGUAGES = sorted(
    path.stem for path in TRANSLATIONS.glob("*.json") if path.stem != "en"
)
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _load(language: str) -> dict[str, Any]:
    """Return the parsed translation file of one language."""
    return json.loads((TRANSLATIONS / f"{language}.json").read_text(encoding="utf-8"))


def _flatten(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """Yield (dotted key path, leaf value) for every leaf of a translation tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _flatten(value, (*path, key))
    else:
        yield ".".join(path), node


@pytest.fixture(scope="module")
def english() -> dict[str, Any]:
    """Return the English strings, the reference for every other language."""
    return _load("en")


def test_every_language_has_a_file() -> None:
    """English and every expected translation are shipped."""
    assert (TRANSLATIONS / "en.json").is_file()
    assert set(LANGUAGES) >= EXPECTED_LANGUAGES


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_no_empty_values(language: str) -> None:
    """Every leaf is a non-empty string."""
    for key, value in _flatten(_load(language)):
        assert isinstance(value, str), f"{language}: {key} is not a string"
        assert value.strip(), f"{language}: {key} is empty"


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_keys_as_english(english: dict[str, Any], language: str) -> None:
    """A translation has exactly the key paths of the English file."""
    expected = {key for key, _ in _flatten(english)}
    actual = {key for key, _ in _flatten(_load(language))}
    assert sorted(expected - actual) == [], f"{language} lacks keys"
    assert sorted(actual - expected) == [], f"{language} has extra keys"


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_placeholders_as_english(english: dict[str, Any], language: str) -> None:
    """Every string keeps the placeholders of its English original."""
    translated = dict(_flatten(_load(language)))
    for key, value in _flatten(english):
        assert set(PLACEHOLDER.findall(translated[key])) == set(
            PLACEHOLDER.findall(value)
        ), f"{language}: placeholders of {key} differ from English"


def test_every_status_option_has_a_state(english: dict[str, Any]) -> None:
    """Each ENUM option a shipment sensor can report has an English name."""
    for kind, options in STATUS_OPTIONS.items():
        states = english["entity"]["sensor"][kind.value]["state"]
        missing = [option for option in options if option not in states]
        assert missing == [], f"{kind.value} states lack {missing}"


def test_every_parcel_sub_status_has_a_state(english: dict[str, Any]) -> None:
    """Each known parcel sub-status has an English attribute state."""
    states = english["entity"]["sensor"]["parcel"]["state_attributes"]["sub_status"][
        "state"
    ]
    missing = [
        member.name.lower()
        for member in ParcelSubStatus
        if member is not ParcelSubStatus.UNKNOWN and member.name.lower() not in states
    ]
    assert missing == []
