"""A boot smoke test: Home Assistant with the integration, against the simulator.

``python -m track123_demo.smoke`` starts the demo's simulator and a Home Assistant on a
fresh configuration directory, waits for the shipments, calls each of the integration's
actions once, stops Home Assistant and reads its log: any error or traceback from the
integration fails the run. It needs no test plugin, so it runs on a Home Assistant
release too new to have one (``scripts/test --matrix``).
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
import json
from pathlib import Path
import re
import sys
import tempfile
import time
from typing import Any

import aiohttp
from homeassistant.const import __version__ as HA_VERSION

from track123_simulator import SimulatorServer

from . import seed
from .stack import (
    DemoError,
    DemoOptions,
    HomeAssistantClient,
    demo_account,
    free_port,
    say,
    start_home_assistant,
    stop_home_assistant,
    wait_until_ready,
)

# A parcel the demo account does not have: added, relabelled, moved, removed.
NEW_PARCEL = "1Z999AA10123456784"
# What names the integration in a log record: its logger, its files, its domain.
OWN = re.compile(r"\btrack123\b")


def actions(entry_id: str) -> list[tuple[str, dict[str, Any], bool]]:
    """Return each action of the integration once: name, data, whether it answers."""
    target = {"config_entry_id": entry_id, "tracking_number": NEW_PARCEL}
    return [
        ("detect_carrier", target, True),
        ("add_shipment", target | {"carrier": "ups", "label": "Smoke test"}, False),
        ("set_label", target | {"label": "Smoke test, relabelled"}, False),
        ("change_carrier", target | {"carrier": "dhl"}, False),
        ("retrack", target | {"postal_code": "10001"}, False),
        ("refresh", {"config_entry_id": entry_id}, False),
        ("get_shipments", {"config_entry_id": entry_id}, True),
        ("remove_shipment", target, False),
    ]


def own_errors(log: str) -> list[str]:
    """Return the log's error lines and tracebacks that come from the integration."""
    found: list[str] = []
    lines = log.splitlines()
    for index, line in enumerate(lines):
        if " ERROR " not in line and " CRITICAL " not in line:
            continue
        # An error's record runs until the next timestamped line (its traceback).
        record = [line]
        for following in lines[index + 1 :]:
            if following[:4].isdigit() and following[4:5] == "-":
                break
            record.append(following)
        text = "\n".join(record)
        if OWN.search(text):
            found.append(text)
    return found


async def exercise(url: str) -> int:
    """Call every action once as the demo user; return how many shipments were shown."""
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        client = HomeAssistantClient(session, url)
        access, refresh = await client.login()
        shipments = 0
        for action, data, response in actions(seed.ENTRY_ID):
            answer = await client.call_action(access, action, data, response=response)
            if action == "get_shipments":
                listed = answer.get("service_response", {})
                if NEW_PARCEL not in json.dumps(listed):
                    raise DemoError(f"get_shipments does not list {NEW_PARCEL}")
                shipments = sum(len(kind) for kind in listed.values())
            say(f"{action}: answered")
        await client.revoke(refresh)
    return shipments


async def smoke(config_dir: Path, shipments: int, timeout: float) -> int:
    """Run the smoke test in ``config_dir``; return the exit status."""
    started = time.monotonic()
    port = free_port()
    options = DemoOptions(
        config_dir=config_dir, port=port, shipments=shipments, quiet=True
    )
    url = f"http://{options.host}:{port}"
    state = demo_account(options, url)
    async with SimulatorServer(state, host="127.0.0.1", port=0) as sim:
        seed.prepare(config_dir, sim.base_url, options.host, port)
        say(f"Home Assistant {HA_VERSION} on {url}, configuration in {config_dir}")
        process = await start_home_assistant(options)
        try:
            shown = await wait_until_ready(url, started + timeout)
            say(f"{shown} shipment sensors after {time.monotonic() - started:.1f} s")
            listed = await exercise(url)
            say(f"get_shipments listed {listed} shipments")
        except DemoError as err:
            say(f"FAILED: {err}")
            return 1
        finally:
            await stop_home_assistant(process)
    log = (config_dir / "home-assistant.log").read_text(encoding="utf-8")
    if errors := own_errors(log):
        say(f"FAILED: {len(errors)} errors from the integration in the log:")
        for error in errors:
            say(error)
        return 1
    if shown < shipments:
        say(f"FAILED: {shown} shipment sensors, {shipments} expected")
        return 1
    say("passed: every action answered, no error from the integration in the log")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments and run the smoke test."""
    parser = argparse.ArgumentParser(prog="python -m track123_demo.smoke")
    parser.add_argument("--shipments", type=int, default=24)
    parser.add_argument("--timeout", type=float, default=240.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ha-boot-smoke-") as folder:
        return asyncio.run(smoke(Path(folder), args.shipments, args.timeout))


if __name__ == "__main__":
    sys.exit(main())
