"""Command line: ``python -m track123_demo`` (what ``scripts/develop`` runs)."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from pathlib import Path
import sys

from track123_simulator.realism import Realism

from .seed import TEMPLATE_DIR
from .stack import DEMO_REALISM, DemoError, DemoOptions, run, say


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    parser = argparse.ArgumentParser(
        prog="scripts/develop",
        description=(
            "Home Assistant with the Track123 integration against the local simulator: "
            "a demo account, no Track123 key needed. Log in as demo / demo."
        ),
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8123,
        help="Home Assistant's port on 127.0.0.1 (default: 8123)",
    )
    parser.add_argument(
        "--sim-port",
        type=int,
        default=0,
        help="the simulator's port; 0 picks a free one (default: 0)",
    )
    parser.add_argument(
        "--shipments",
        type=int,
        default=24,
        metavar="N",
        help="demo shipments: parcels, ocean and air, every main status (default: 24)",
    )
    parser.add_argument(
        "--speed",
        type=float,
        default=60.0,
        metavar="X",
        help="simulated seconds per real second (default: 60, an hour a minute)",
    )
    parser.add_argument(
        "--config-dir",
        type=Path,
        default=TEMPLATE_DIR,
        help="Home Assistant configuration directory (default: demo/config)",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="forget earlier runs: remove .storage, the database and logs first",
    )
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="do not show Home Assistant's log (it is still in home-assistant.log)",
    )
    parser.add_argument(
        "--realism",
        default=DEMO_REALISM,
        metavar="SWITCHES",
        help=(
            "the simulator's realism switches: 'all', 'none' or names separated by "
            f"commas, '-name' to leave one out (default: {DEMO_REALISM})"
        ),
    )
    parser.add_argument(
        "--ready-timeout",
        type=float,
        default=180.0,
        metavar="S",
        help="give up when the shipments are not on show after S seconds (default: 180)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run the demo."""
    args = build_parser().parse_args(argv)
    if args.shipments < 1:
        build_parser().error("--shipments must be at least 1")
    try:
        Realism.from_spec(args.realism)
    except ValueError as err:
        build_parser().error(str(err))
    options = DemoOptions(
        config_dir=args.config_dir.resolve(),
        port=args.port,
        sim_port=args.sim_port,
        shipments=args.shipments,
        speed=args.speed,
        reset=args.reset,
        quiet=args.quiet,
        ready_timeout=args.ready_timeout,
        realism=args.realism,
    )
    try:
        return asyncio.run(run(options))
    except DemoError as err:
        say(f"error: {err}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
