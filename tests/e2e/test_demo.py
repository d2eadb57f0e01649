"""The demo in a real browser: log in, use the shipments card, open a shipment's timeline.

Runs ``scripts/develop`` (the README's run command) on free ports with a throw-away
configuration directory, drives headless Chromium through Playwright and stops the demo
with SIGINT, as Ctrl-C would. Screenshots go to build/e2e/ (or $TRACK123_E2E_ARTIFACTS);
those of the card, at desktop and phone width in light and dark, are the README's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
import json
import os
from pathlib import Path
import re
import selectors
import signal
import socket
import subprocess
import time
from typing import Any

from playwright.sync_api import Browser, Page, expect, sync_playwright
import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("TRACK123_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(os.environ.get("TRACK123_E2E_ARTIFACTS", REPO / "build" / "e2e"))
READY_TIMEOUT = 120.0
STOP_TIMEOUT = 60.0
UI_TIMEOUT_MS = 30_000
# The translated status; case-sensitive, so that "Days in transit" does not match.
IN_TRANSIT = re.compile(r"\bIn transit\b")
ENGLISH = json.loads(
    (REPO / "custom_components" / "track123" / "translations" / "en.json").read_text(
        encoding="utf-8"
    )
)
CARD = "track123-shipments-card"
# A UPS-shaped number the demo account does not hold (the simulator suggests UPS).
NEW_NUMBER = "1ZCARD0E2E00000001"
NEW_LABEL = "Parcel added from the card"
RENAMED = "Parcel renamed in the card"
# Desktop and phone (an iPhone 13's CSS pixels) for the README's screenshots.
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Demo:
    """A running demo: its URL and its output so far."""

    url: str
    process: subprocess.Popen[str]
    output: list[str]
    ready_seconds: float


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _read_until(demo: Demo, marker: str, timeout: float) -> str | None:
    """Collect the demo's output until a line contains ``marker``; return that line."""
    assert demo.process.stdout is not None
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(demo.process.stdout, selectors.EVENT_READ)
        while (left := deadline - time.monotonic()) > 0:
            if not selector.select(left):
                continue
            line = demo.process.stdout.readline()
            if not line:
                return None
            demo.output.append(line)
            if marker in line:
                return line
    return None


@contextmanager
def _running_demo(config_dir: Path, *options: str) -> Iterator[Demo]:
    """Run scripts/develop on a free port; stop it with SIGINT afterwards."""
    port = _free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [
            str(REPO / "scripts" / "develop"),
            "--port",
            str(port),
            "--config-dir",
            str(config_dir),
            "--quiet",
            *options,
        ],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    running = Demo(f"http://127.0.0.1:{port}", process, [], 0.0)
    try:
        ready = _read_until(running, "READY", READY_TIMEOUT)
        assert ready, "the demo did not start:\n" + "".join(running.output)
        running.ready_seconds = time.monotonic() - started
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if process.stdout is not None:
            running.output.append(process.stdout.read())
            process.stdout.close()


@pytest.fixture
def demo(socket_enabled: None, tmp_path: Path) -> Iterator[Demo]:
    """Run the demo as the README does, its clock an hour a minute."""
    with _running_demo(tmp_path / "config") as running:
        yield running


@pytest.fixture
def still_demo(socket_enabled: None, tmp_path: Path) -> Iterator[Demo]:
    """Run the demo with the simulator's clock stopped: states stay as read."""
    with _running_demo(tmp_path / "config", "--speed", "0") as running:
        yield running


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Headless Chromium from the system (scripts/setup installs it)."""
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run scripts/setup"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _log_in(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password", exact=True).fill("demo")
    page.get_by_role("button", name="Log in").click()
    # The seeded default dashboard is the shipments dashboard.
    page.wait_for_url("**/track123-shipments/shipments", timeout=UI_TIMEOUT_MS)


def _token(page: Page) -> str:
    """Return the logged-in page's access token, for the REST API."""
    return str(page.evaluate("JSON.parse(localStorage.hassTokens).access_token"))


def _shipments(page: Page, url: str) -> list[dict[str, Any]]:
    """Return the shipment sensors' states, through the API with the page's login."""
    response = page.request.get(
        f"{url}/api/states", headers={"Authorization": f"Bearer {_token(page)}"}
    )
    assert response.ok
    return sorted(
        (
            state
            for state in response.json()
            if state["entity_id"].startswith("sensor.")
            and state["attributes"].get("device_class") == "enum"
            and "kind" in state["attributes"]
        ),
        key=lambda state: state["entity_id"],
    )


def _histories(page: Page, url: str) -> dict[str, list[dict[str, Any]]]:
    """Return every shipment's whole history by tracking number (get_shipments)."""
    response = page.request.post(
        f"{url}/api/services/track123/get_shipments?return_response",
        headers={"Authorization": f"Bearer {_token(page)}"},
        data={},
    )
    assert response.ok, response.text()
    shipments = response.json()["service_response"]["shipments"]
    return {shipment["tracking_number"]: shipment["events"] for shipment in shipments}


def _first(shipments: list[dict[str, Any]], status: str) -> dict[str, Any]:
    return next(state for state in shipments if state["state"] == status)


def _name(state: dict[str, Any]) -> str:
    """Return what the card calls a shipment: its label, else its number."""
    attributes = state["attributes"]
    return str(attributes.get("label") or attributes["tracking_number"])


def _translated(state: dict[str, Any]) -> str:
    """Return a sensor's state as Home Assistant shows it in English."""
    kind = state["attributes"]["kind"]
    return str(ENGLISH["entity"]["sensor"][kind]["state"][state["state"]])


def _console_errors(page: Page) -> list[str]:
    """Collect the page's console errors and uncaught exceptions as they happen."""
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _check_rows(page: Page, shipments: list[dict[str, Any]]) -> None:
    """Each sensor has its row: its name and its translated status, in its group."""
    card = page.locator(CARD)
    expect(card.locator("button.row")).to_have_count(len(shipments))
    for state in shipments:
        row = card.locator(f'button.row[data-entity-id="{state["entity_id"]}"]')
        expect(row).to_have_attribute("data-status", state["state"])
        expect(row.locator(".name")).to_have_text(_name(state))
        expect(row.locator(".status")).to_have_text(_translated(state))
    # Air cargo that landed, or waits to be collected, is not out for delivery.
    for state in shipments:
        if state["attributes"]["kind"] == "air" and state["state"] in {
            "arrived",
            "notified",
        }:
            selector = f'button.row[data-entity-id="{state["entity_id"]}"]'
            expect(
                card.locator(f'[data-group="at_destination"] {selector}')
            ).to_be_visible()
            expect(
                card.locator(f'[data-group="out_for_delivery"] {selector}')
            ).to_have_count(0)


def _check_timeline(page: Page, url: str, shipments: list[dict[str, Any]]) -> None:
    """Open the shipment with the longest history: its dialog lists every event."""
    histories = _histories(page, url)
    longest = max(
        shipments,
        key=lambda state: len(histories[state["attributes"]["tracking_number"]]),
    )
    events = histories[longest["attributes"]["tracking_number"]]
    # The state keeps no history: the dialog's events come from the websocket command.
    assert "events" not in longest["attributes"]
    card = page.locator(CARD)
    card.locator(f'button.row[data-entity-id="{longest["entity_id"]}"]').click()
    dialog = card.locator("track123-shipment-dialog dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("li.event")).to_have_count(len(events))
    expect(dialog.get_by_text(f"{len(events)} events")).to_be_visible()
    expect(dialog.get_by_role("heading", level=2)).to_have_text(_name(longest))
    page.screenshot(path=ARTIFACTS / "card-timeline.png")
    # The keyboard closes it, and opens another.
    page.keyboard.press("Escape")
    expect(card.locator("track123-shipment-dialog")).to_have_count(0)
    other = card.locator("button.row").first
    other.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(card.locator("track123-shipment-dialog")).to_have_count(0)


def _add_and_remove(page: Page) -> None:
    """Add a parcel from the card, with a suggested carrier; rename it, remove it."""
    card = page.locator(CARD)
    card.get_by_role("button", name="Add shipment").click()
    adding = card.locator("track123-add-dialog dialog")
    expect(adding).to_be_visible()
    adding.get_by_label("Tracking number").fill(NEW_NUMBER)
    adding.get_by_label("Label (optional)").fill(NEW_LABEL)
    adding.get_by_label(
        "Label (optional)"
    ).focus()  # leaving the number asks for carriers
    suggestion = adding.locator("button.chip").first
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(adding.get_by_label("Carrier (optional)")).not_to_have_value("")
    page.screenshot(path=ARTIFACTS / "card-add.png")
    adding.get_by_role("button", name="Add shipment").click()
    expect(card.locator("track123-add-dialog")).to_have_count(0)
    added = card.locator("button.row").filter(has_text=NEW_LABEL)
    expect(added).to_have_count(1)

    added.click()
    dialog = card.locator("track123-shipment-dialog dialog")
    expect(dialog.get_by_role("heading", level=2)).to_have_text(NEW_LABEL)
    dialog.get_by_role("button", name="Change label").click()
    dialog.get_by_label("Label (optional)").fill(RENAMED)
    dialog.get_by_role("button", name="Save").click()
    expect(dialog.get_by_role("heading", level=2)).to_have_text(RENAMED)
    dialog.get_by_role("button", name="Remove").click()
    expect(dialog.get_by_text(f"Stop tracking {RENAMED}?")).to_be_visible()
    dialog.get_by_role("button", name="Remove").click()
    expect(card.locator("track123-shipment-dialog")).to_have_count(0)
    expect(card.locator("button.row").filter(has_text=RENAMED)).to_have_count(0)
    expect(
        card.locator(f'button.row[data-status]:has-text("{NEW_NUMBER}")')
    ).to_have_count(0)


def _screenshots(browser: Browser, url: str) -> None:
    """Photograph the card at desktop and phone width, in light and dark."""
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        for scheme in ("light", "dark"):
            page = browser.new_page(viewport=viewport, color_scheme=scheme)
            page.set_default_timeout(UI_TIMEOUT_MS)
            _log_in(page, url)
            expect(page.locator(CARD).locator("button.row").first).to_be_visible()
            page.screenshot(path=ARTIFACTS / f"card-{width}-{scheme}.png")
            page.close()


def test_demo_in_a_browser(still_demo: Demo, browser: Browser) -> None:
    """A newcomer logs in and uses the shipments card: rows, a timeline, add, remove."""
    demo = still_demo
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=UI_TIMEOUT_MS)
    page = browser.new_page(viewport=DESKTOP)
    page.set_default_timeout(UI_TIMEOUT_MS)
    errors = _console_errors(page)

    _log_in(page, demo.url)
    shipments = _shipments(page, demo.url)
    assert len(shipments) >= 12
    assert {state["attributes"]["kind"] for state in shipments} == {
        "parcel",
        "ocean",
        "air",
    }

    # The dashboard: the card, a row per shipment sensor, and the calendar.
    _check_rows(page, shipments)
    expect(page.get_by_text("Expected deliveries")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "dashboard.png")
    _check_timeline(page, demo.url, shipments)
    _add_and_remove(page)

    # One shipment's details in Home Assistant's own dialog: the sensor's attributes.
    in_transit = _first(shipments, "in_transit")
    page.goto(
        f"{demo.url}/track123-shipments/shipments"
        f"?more-info-entity-id={in_transit['entity_id']}&more-info-view=details"
    )
    dialog = page.locator("ha-more-info-dialog")
    expect(dialog.get_by_text(in_transit["entity_id"])).to_be_visible()
    expect(dialog.get_by_text(IN_TRANSIT).first).to_be_visible()
    expect(dialog.get_by_text("Last event", exact=True)).to_be_attached()
    page.screenshot(path=ARTIFACTS / "details.png")
    page.close()

    _screenshots(browser, demo.url)
    assert errors == []


def test_demo_stops_on_ctrl_c(demo: Demo) -> None:
    """SIGINT (Ctrl-C) stops Home Assistant and the simulator, and the demo exits 0."""
    assert demo.ready_seconds < 60, f"ready after {demo.ready_seconds:.1f} s"
    demo.process.send_signal(signal.SIGINT)
    assert demo.process.wait(STOP_TIMEOUT) == 0
    assert _read_until(demo, "stopped", 5) is not None or any(
        "stopped" in line for line in demo.output
    )
