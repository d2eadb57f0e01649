"""Command line: ``python -m track123_simulator --port 8080 --key demo-key --demo 20 --realism all``."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
import contextlib

from .clock import SimClock
from .demo import populate_demo
from .realism import DEFAULT_SERVER_ERROR_RATE, SWITCHES, Realism
from .server import SimulatorServer
from .state import SimulatorState
from .webhooks import SIGNATURE_FORMS


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    parser = argparse.ArgumentParser(
        prog="python -m track123_simulator",
        description="Local simulator of the Track123 Open API (parcels, ocean, air).",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8080,
        help="port to bind; 0 picks a free one (default: 8080)",
    )
    parser.add_argument(
        "--key",
        action="append",
        dest="keys",
        metavar="KEY",
        help="accepted API key; repeatable (default: demo-key)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="seed of the deterministic timelines (default: 0)",
    )
    parser.add_argument(
        "--demo",
        type=int,
        default=0,
        metavar="N",
        help="add N demo shipments covering every main status",
    )
    parser.add_argument(
        "--speed",
        type=float,
        default=1.0,
        metavar="X",
        help="simulated seconds per real second (default: 1)",
    )
    parser.add_argument(
        "--no-rate-limit",
        action="store_true",
        help="disable the 5 requests/second limit",
    )
    parser.add_argument(
        "--realism",
        default="none",
        metavar="SWITCHES",
        help=(
            "how awkward to be, like the real service: 'all', 'none' (default) or "
            "names separated by commas, '-name' to leave one out "
            f"('all,-v21_only'); names: {', '.join(SWITCHES)}"
        ),
    )
    parser.add_argument(
        "--server-error-rate",
        type=float,
        default=DEFAULT_SERVER_ERROR_RATE,
        metavar="SHARE",
        help=(
            "share of requests answered with a transient server error when "
            f"server_errors is on (default: {DEFAULT_SERVER_ERROR_RATE})"
        ),
    )
    parser.add_argument(
        "--webhook-url",
        metavar="URL",
        help="push parcel updates to URL (a Home Assistant webhook URL)",
    )
    parser.add_argument(
        "--webhook-key",
        metavar="KEY",
        help="key signing the webhook calls (default: the first accepted key)",
    )
    parser.add_argument(
        "--webhook-signature",
        choices=SIGNATURE_FORMS,
        default="hmac",
        help="signature form: hmac (HMAC-SHA256) or sha256 (SHA256 of key+timestamp)",
    )
    parser.add_argument(
        "--webhook-interval",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="real seconds between two pushes of the due updates (default: 5)",
    )
    return parser


async def serve(
    state: SimulatorState, host: str, port: int, webhook_interval: float | None = None
) -> None:
    """Serve until cancelled."""
    async with SimulatorServer(
        state, host=host, port=port, webhook_interval=webhook_interval
    ) as server:
        print(f"Track123 simulator at {server.base_url}", flush=True)
        print(
            f"Control routes at {server.root_url}/_simulator/ (keys: {', '.join(sorted(state.api_keys))})",
            flush=True,
        )
        print(
            f"Realism: {', '.join(state.realism.enabled) or 'none'}",
            flush=True,
        )
        await asyncio.Event().wait()


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments and run the simulator."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        realism = Realism.from_spec(args.realism)
        realism.update({"server_error_rate": args.server_error_rate})
    except ValueError as err:
        parser.error(str(err))
    state = SimulatorState(
        api_keys=args.keys or ["demo-key"],
        seed=args.seed,
        clock=SimClock(speed=args.speed),
        rate_limit_per_second=None if args.no_rate_limit else 5,
        realism=realism,
    )
    if args.demo:
        populate_demo(state, args.demo)
    if args.webhook_url:
        state.webhooks.configure(
            args.webhook_url, args.webhook_key, args.webhook_signature
        )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(state, args.host, args.port, args.webhook_interval))


if __name__ == "__main__":
    main()
