"""Command line: ``python -m benchmarks.refresh [--sizes ...] [--no-memory] ...``."""

from __future__ import annotations

import argparse
import asyncio
import logging
from pathlib import Path
from typing import Any

from .measurement import run_size
from .memory import measure_memory
from .report import as_json, print_profiles, print_report, write_json
from .results import MemoryResult, RefreshResult, SetupResult
from .scenario import CHANGED_FRACTION, DEFAULT_SIZES

RESULTS = Path(__file__).parent.with_name("results.json")


async def run(
    sizes: list[int], fraction: float, memory: bool, profile: bool, output: Path | None
) -> dict[str, Any]:
    """Run every measurement; print and return the results."""
    setups: list[SetupResult] = []
    refreshes: list[RefreshResult] = []
    memories: list[MemoryResult] = []
    profiles: dict[str, str] = {}
    for n in sizes:
        setup, results, texts = await run_size(n, fraction, profile)
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


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and run."""
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
        "--output", type=Path, default=RESULTS, help="JSON file (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    asyncio.run(
        run(
            [int(size) for size in args.sizes.split(",")],
            args.changed / 100,
            not args.no_memory,
            args.profile,
            args.output,
        )
    )


if __name__ == "__main__":
    main()
