"""Command line: ``python -m benchmarks.refresh [--sizes ...] [--no-memory] ...``."""

from __future__ import annotations

import argparse
import asyncio
import logging
from pathlib import Path
from typing import Any

from .measurement import run_size
from .memory import measure_memory
from .payload import measure_payload, print_payload
from .recorder import measure_recorder, print_recorder
from .report import as_json, print_profiles, print_report, write_json
from .results import MemoryResult, RefreshResult, SetupResult
from .scenario import CHANGED_FRACTION, DEFAULT_SIZES, ROUNDS

# Where ``--write`` without a path puts the figures (tracked: the last figures).
RESULTS = Path(__file__).parent.with_name("results.json")


async def run(
    sizes: list[int],
    fraction: float,
    *,
    memory: bool,
    profile: bool,
    output: Path | None,
    rounds: int = ROUNDS,
) -> dict[str, Any]:
    """Run every measurement; print and return the results.

    Nothing is written unless ``output`` is given: a run leaves the tree as it was.
    """
    setups: list[SetupResult] = []
    refreshes: list[RefreshResult] = []
    memories: list[MemoryResult] = []
    profiles: dict[str, str] = {}
    for n in sizes:
        setup, results, texts = await run_size(n, fraction, profile, rounds)
        setups.append(setup)
        refreshes.extend(results)
        profiles.update(texts)
        if memory:
            memories.append(await measure_memory(n))
    print_report(setups, refreshes, memories)
    print_profiles(profiles)
    report = as_json(setups, refreshes, memories)
    if output is not None:
        write_json(report, output)
    return report


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Return the command line's options."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.refresh")
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated numbers of parcels (default: 100,1000,10000)",
    )
    parser.add_argument(
        "--changed",
        type=float,
        default=CHANGED_FRACTION * 100,
        help="percent of shipments changed by the second refresh (default: 5)",
    )
    parser.add_argument("--no-memory", action="store_true", help="skip tracemalloc")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of each refresh"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=ROUNDS,
        help="refreshes per case, the median reported (default: %(default)s)",
    )
    parser.add_argument(
        "--write",
        type=Path,
        nargs="?",
        const=RESULTS,
        default=None,
        metavar="PATH",
        help="also write every figure as JSON to PATH (default PATH: "
        "benchmarks/results.json); without --write nothing is written",
    )
    parser.add_argument(
        "--states",
        action="store_true",
        help="measure instead what the states cost: the get_states payload and the "
        "recorder's database over a simulated week, each beside its floor",
    )
    return parser.parse_args(argv)


async def run_states() -> None:
    """Measure the states' payload and the recorder's week; print both."""
    print_payload(await measure_payload())
    print_recorder(await measure_recorder())


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and run."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if args.states:
        asyncio.run(run_states())
        return
    asyncio.run(
        run(
            [int(size) for size in args.sizes.split(",")],
            args.changed / 100,
            memory=not args.no_memory,
            profile=args.profile,
            output=args.write,
            rounds=args.rounds,
        )
    )


if __name__ == "__main__":
    main()
