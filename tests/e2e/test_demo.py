"""The demo in a real browser: log in, see the shipments, open one shipment's details.

Runs ``scripts/develop`` (the README's run command) on free ports with a throw-away
configuration directory, drives headless Chromium through Playwright and stops the demo
with SIGINT, as Ctrl-C would. Screenshots go to build/e2e/ (or $TRACK123_E2E_ARTIFACTS).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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


@pytest.fixture
def demo(socket_enabled: None, tmp_path: Path) -> Iterator[Demo]:
    """Run scripts/develop on a free port; stop it with SIGINT afterwards."""
    port = _free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [
            str(REPO / "scripts" / "develop"),
            "--port",
            str(port),
            "--config-dir",
            str(tmp_path / "config"),
            "--quiet",
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


def _shipments(page: Page, url: str) -> list[dict[str, Any]]:
    """Return the shipment sensors' states, through the API with the page's login."""
    token = page.evaluate("JSON.parse(localStorage.hassTokens).access_token")
    response = page.request.get(
        f"{url}/api/states", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.ok
    return sorted(
        (
            state
            for state in response.json()
            if state["entity_id"].startswith("sensor.")
            and {"kind", "last_event"} <= state["attributes"].keys()
        ),
        key=lambda state: state["entity_id"],
    )


def _first(shipments: list[dict[str, Any]], status: str) -> dict[str, Any]:
    return next(
        state
        for state in shipments
        if state["state"] == status and state["attributes"]["last_event"]
    )


def test_demo_in_a_browser(demo: Demo, browser: Browser) -> None:
    """A newcomer logs in, sees the shipments by status and one shipment's details."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=UI_TIMEOUT_MS)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(UI_TIMEOUT_MS)

    _log_in(page, demo.url)
    shipments = _shipments(page, demo.url)
    assert len(shipments) >= 12
    assert {state["attributes"]["kind"] for state in shipments} == {
        "parcel",
        "ocean",
        "air",
    }

    # The dashboard: a card per status group, each shipment with its translated
    # status and its last event.
    in_transit = _first(shipments, "in_transit")
    delivered = _first(shipments, "delivered")
    for title in ("In transit", "Delivered", "Out for delivery", "Needs attention"):
        expect(page.get_by_text(title, exact=True).first).to_be_visible()
    for state in (in_transit, delivered):
        attributes = state["attributes"]
        name = attributes["label"] or attributes["tracking_number"]
        expect(page.locator("strong").get_by_text(name, exact=True)).to_be_visible()
        expect(page.get_by_text(attributes["last_event"]).first).to_be_visible()
    expect(page.get_by_text("Expected deliveries")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "dashboard.png")

    # One shipment's details: its more-info dialog, then the dialog's details view
    # with the attributes.
    page.goto(
        f"{demo.url}/track123-shipments/shipments"
        f"?more-info-entity-id={in_transit['entity_id']}"
    )
    dialog = page.locator("ha-more-info-dialog")
    expect(dialog.get_by_text(IN_TRANSIT).first).to_be_visible()
    page.screenshot(path=ARTIFACTS / "more-info.png")
    page.goto(
        f"{demo.url}/track123-shipments/shipments"
        f"?more-info-entity-id={in_transit['entity_id']}&more-info-view=details"
    )
    dialog = page.locator("ha-more-info-dialog")
    expect(dialog.get_by_text(in_transit["entity_id"])).to_be_visible()
    expect(dialog.get_by_text(IN_TRANSIT).first).to_be_visible()
    expect(dialog.get_by_text("Last event", exact=True)).to_be_attached()
    expect(
        dialog.get_by_text(in_transit["attributes"]["last_event"]).first
    ).to_be_attached()
    page.screenshot(path=ARTIFACTS / "details.png")
    page.close()


def test_demo_stops_on_ctrl_c(demo: Demo) -> None:
    """SIGINT (Ctrl-C) stops Home Assistant and the simulator, and the demo exits 0."""
    assert demo.ready_seconds < 60, f"ready after {demo.ready_seconds:.1f} s"
    demo.process.send_signal(signal.SIGINT)
    assert demo.process.wait(STOP_TIMEOUT) == 0
    assert _read_until(demo, "stopped", 5) is not None or any(
        "stopped" in line for line in demo.output
    )
