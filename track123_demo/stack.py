"""Run the demo: the simulator in this process, Home Assistant as a child process.

The simulator serves a demo account on an accelerated clock; Home Assistant starts from a
seeded configuration directory (see ``seed``). Once Home Assistant shows the shipments, one
line starting with ``READY`` says where. SIGINT (Ctrl-C) or SIGTERM stops both.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
from dataclasses import dataclass
from pathlib import Path
import signal
import socket
import subprocess
import sys
import time
from typing import Any

import aiohttp

from custom_components.track123.const import DOMAIN
from track123_simulator import SimClock, SimulatorServer, SimulatorState
from track123_simulator.demo import populate_demo
from track123_simulator.realism import Realism

from . import DASHBOARD_PATH, DEMO_API_KEY, DEMO_PASSWORD, DEMO_USERNAME, seed

STOP_TIMEOUT = 60.0
# The simulator's realism switches the demo turns on: those the integration was run
# against with no error in its log (docs/simulator-realism.md says which are left off).
DEMO_REALISM = "all,-server_errors"
# Real seconds between two pushes of the parcel updates due.
WEBHOOK_INTERVAL = 2.0
PR_SET_PDEATHSIG = 1
# What the demo's parcels are called; ocean and air shipments go by their numbers.
PARCEL_LABELS = (
    "Running shoes",
    "Coffee grinder",
    "Birthday present",
    "Camera lens",
    "Board game",
    "Winter jacket",
    "Desk lamp",
    "Vinyl records",
    "Headphones",
    "Garden hose",
    "Phone case",
    "Tea sampler",
    "Bike lights",
    "Paperbacks",
)


@dataclass(frozen=True, kw_only=True)
class DemoOptions:
    """What ``python -m track123_demo`` was asked for."""

    config_dir: Path
    host: str = "127.0.0.1"
    port: int = 8123
    sim_port: int = 0
    shipments: int = 24
    speed: float = 60.0
    reset: bool = False
    quiet: bool = False
    ready_timeout: float = 180.0
    realism: str = DEMO_REALISM


class DemoError(Exception):
    """The demo could not start."""


def say(message: str) -> None:
    """Print a line of the demo's own output."""
    print(f"[track123 demo] {message}", flush=True)


def _port_free(host: str, port: int) -> bool:
    """Return True when ``host:port`` can be bound now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """Return a port on ``host`` that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
    return port


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Let Linux stop Home Assistant when the demo process dies without cleaning up."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class HomeAssistantClient:
    """Just enough of Home Assistant's HTTP API to see that the demo is up."""

    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        """Talk to the Home Assistant at ``url``."""
        self._session = session
        self._url = url
        self._client_id = f"{url}/"

    async def login(self) -> tuple[str, str]:
        """Log in as the demo user; return the access and the refresh token."""
        async with self._session.post(
            f"{self._url}/auth/login_flow",
            json={
                "client_id": self._client_id,
                "handler": ["homeassistant", None],
                "redirect_uri": self._client_id,
            },
        ) as response:
            response.raise_for_status()
            flow: dict[str, Any] = await response.json()
        async with self._session.post(
            f"{self._url}/auth/login_flow/{flow['flow_id']}",
            json={
                "client_id": self._client_id,
                "username": DEMO_USERNAME,
                "password": DEMO_PASSWORD,
            },
        ) as response:
            response.raise_for_status()
            result: dict[str, Any] = await response.json()
        if result.get("type") != "create_entry":
            raise DemoError(f"the demo login was refused: {result.get('errors')}")
        async with self._session.post(
            f"{self._url}/auth/token",
            data={
                "grant_type": "authorization_code",
                "code": result["result"],
                "client_id": self._client_id,
            },
        ) as response:
            response.raise_for_status()
            tokens: dict[str, Any] = await response.json()
        return str(tokens["access_token"]), str(tokens["refresh_token"])

    async def revoke(self, refresh_token: str) -> None:
        """Drop the refresh token of the readiness check."""
        async with self._session.post(
            f"{self._url}/auth/revoke", data={"token": refresh_token}
        ):
            pass

    async def states(self, access_token: str) -> list[dict[str, Any]]:
        """Return every state."""
        async with self._session.get(
            f"{self._url}/api/states",
            headers={"Authorization": f"Bearer {access_token}"},
        ) as response:
            response.raise_for_status()
            states: list[dict[str, Any]] = await response.json()
        return states

    async def call_action(
        self, access_token: str, action: str, data: dict[str, Any], *, response: bool
    ) -> dict[str, Any]:
        """Call one of the integration's actions; return what it answered."""
        query = "?return_response" if response else ""
        async with self._session.post(
            f"{self._url}/api/services/{DOMAIN}/{action}{query}",
            headers={"Authorization": f"Bearer {access_token}"},
            json=data,
        ) as response_:
            if response_.status != 200:
                raise DemoError(
                    f"{action} answered {response_.status}: {await response_.text()}"
                )
            answer: Any = await response_.json()
        return answer if isinstance(answer, dict) else {"states": answer}


def shipment_states(states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the states of the shipment sensors: those with a kind and a number."""
    return [
        state
        for state in states
        if state["entity_id"].startswith("sensor.")
        and {"kind", "tracking_number"} <= state["attributes"].keys()
    ]


async def wait_until_ready(url: str, deadline: float) -> int:
    """Wait until Home Assistant serves the shipments; return how many there are."""
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        client = HomeAssistantClient(session, url)
        tokens: tuple[str, str] | None = None
        while True:
            try:
                if tokens is None:
                    tokens = await client.login()
                states = await client.states(tokens[0])
                shipments = shipment_states(states)
                calendar = any(
                    state["entity_id"].startswith("calendar.track123")
                    for state in states
                )
                if shipments and calendar:
                    await client.revoke(tokens[1])
                    return len(shipments)
            except aiohttp.ClientError, TimeoutError, KeyError, ValueError:
                pass
            if time.monotonic() > deadline:
                raise DemoError("Home Assistant did not show the shipments in time")
            await asyncio.sleep(0.5)


async def start_home_assistant(
    options: DemoOptions,
) -> asyncio.subprocess.Process:
    """Start Home Assistant on the seeded configuration directory."""
    output = subprocess.DEVNULL if options.quiet else None
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "homeassistant",
        "--config",
        str(options.config_dir),
        # Everything the demo loads is installed by scripts/setup; no downloads at start.
        "--skip-pip",
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=output,
        # Ctrl-C reaches only this process, which then stops Home Assistant in order.
        start_new_session=True,
        preexec_fn=_die_with_parent,  # noqa: PLW1509 - no threads run yet
    )


async def stop_home_assistant(process: asyncio.subprocess.Process) -> int | None:
    """Ask Home Assistant to stop; kill it if it does not within STOP_TIMEOUT."""
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
        except TimeoutError:
            say("Home Assistant did not stop in time; killing it")
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
    return process.returncode


def demo_account(options: DemoOptions, url: str) -> SimulatorState:
    """Return the simulator's demo account, pushing to the Home Assistant at ``url``."""
    state = SimulatorState(
        api_keys=[DEMO_API_KEY],
        clock=SimClock(speed=options.speed),
        rate_limit_per_second=5,
        realism=Realism.from_spec(options.realism),
    )
    populate_demo(state, options.shipments)
    for parcel, label in zip(state.parcels.values(), PARCEL_LABELS, strict=False):
        parcel.remark = label
    # Parcel updates are pushed to Home Assistant's webhook, as Track123 would.
    state.webhooks.configure(f"{url}/api/webhook/{seed.WEBHOOK_ID}")
    return state


async def run(options: DemoOptions) -> int:
    """Run the demo until SIGINT or SIGTERM; return the exit status."""
    started = time.monotonic()
    url = f"http://{options.host}:{options.port}"
    if not _port_free(options.host, options.port):
        raise DemoError(
            f"{options.host}:{options.port} is in use; stop what runs there or pass --port"
        )
    if options.reset:
        seed.reset(options.config_dir)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)

    state = demo_account(options, url)
    async with SimulatorServer(
        state,
        host="127.0.0.1",
        port=options.sim_port,
        webhook_interval=WEBHOOK_INTERVAL,
    ) as sim:
        say(
            f"simulator at {sim.base_url}: {options.shipments} demo shipments, "
            f"clock at {options.speed:g}x, "
            f"realism: {', '.join(state.realism.enabled) or 'none'}"
        )
        seed.prepare(options.config_dir, sim.base_url, options.host, options.port)
        say(f"starting Home Assistant with the configuration in {options.config_dir}")
        process = await start_home_assistant(options)
        ready = asyncio.create_task(
            wait_until_ready(url, started + options.ready_timeout)
        )
        exited = asyncio.create_task(process.wait())
        stopped = asyncio.create_task(stop.wait())
        status = 0
        try:
            done, _ = await asyncio.wait(
                {ready, exited, stopped}, return_when=asyncio.FIRST_COMPLETED
            )
            if ready in done:
                if (error := ready.exception()) is not None:
                    say(str(error))
                    status = 1
                else:
                    say(
                        f"READY in {time.monotonic() - started:.1f} s: "
                        f"{ready.result()} shipments at {url}/{DASHBOARD_PATH} "
                        f"(log in as {DEMO_USERNAME} / {DEMO_PASSWORD}); Ctrl-C stops"
                    )
                    done, _ = await asyncio.wait(
                        {exited, stopped}, return_when=asyncio.FIRST_COMPLETED
                    )
            if exited in done:
                say(f"Home Assistant exited with status {process.returncode}")
                status = 1
        finally:
            for task in (ready, stopped):
                task.cancel()
            say("stopping Home Assistant")
            await stop_home_assistant(process)
            exited.cancel()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)
        say("stopping the simulator")
    say("stopped")
    return status
