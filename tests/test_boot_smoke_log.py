"""The boot smoke test's reading of Home Assistant's log: the integration's errors only."""

from __future__ import annotations

from track123_demo.smoke import own_errors

OTHERS = """\
2026-11-29 21:27:50.831 WARNING (MainThread) [homeassistant.loader] We found a custom integration track123 which has not been tested by Home Assistant
2026-11-29 21:27:50.900 ERROR (MainThread) [homeassistant.setup] Setup failed for 'radio_frequency': Unable to import component: No module named 'rf_protocols'
Traceback (most recent call last):
  File "/tmp/ha-boot-smoke-1/deps/x.py", line 1, in <module>
ModuleNotFoundError: No module named 'rf_protocols'
"""
OWN = """\
2026-11-29 21:27:51.000 ERROR (MainThread) [homeassistant.config_entries] Error setting up entry Track123 for track123
Traceback (most recent call last):
  File "/config/custom_components/track123/__init__.py", line 40, in async_setup_entry
KeyError: 'data'
2026-11-29 21:27:52.000 ERROR (MainThread) [custom_components.track123.coordinator] Unexpected error fetching Track123 data
2026-11-29 21:27:53.000 INFO (MainThread) [custom_components.track123] Error codes are logged once
"""
LOG = OTHERS + OWN


def test_errors_of_the_integration_with_their_tracebacks() -> None:
    """Errors naming the integration count, with their tracebacks; others do not."""
    errors = own_errors(LOG)
    assert len(errors) == 2
    assert errors[0].startswith("2026-11-29 21:27:51.000 ERROR")
    assert errors[0].endswith("KeyError: 'data'")
    assert "[custom_components.track123.coordinator]" in errors[1]


def test_a_clean_log() -> None:
    """Warnings and other components' errors leave the smoke test green."""
    assert own_errors(OTHERS) == []
