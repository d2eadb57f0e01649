"""Wall and CPU time of a block, and of every call of an async method."""

from __future__ import annotations

from collections.abc import Callable, Iterator
import contextlib
import cProfile
from dataclasses import dataclass
import gc
import resource
import time
from typing import Any


@dataclass(slots=True)
class Measure:
    """Wall and CPU time of a block."""

    wall: float = 0.0
    cpu: float = 0.0
    system: float = 0.0


def _system_time() -> float:
    """Return the CPU time the kernel spent for this process (microsecond resolution)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime


@contextlib.contextmanager
def measured(profile: cProfile.Profile | None = None) -> Iterator[Measure]:
    """Measure wall and process CPU time of a block (garbage collected first)."""
    gc.collect()
    result = Measure()
    wall, cpu, system = time.perf_counter(), time.process_time(), _system_time()
    if profile:
        profile.enable()
    try:
        yield result
    finally:
        if profile:
            profile.disable()
        result.cpu = time.process_time() - cpu
        result.system = _system_time() - system
        result.wall = time.perf_counter() - wall


def timed(
    owner: object, method: str, into: Measure, results: list[Any] | None = None
) -> Callable[[], None]:
    """Add the CPU time spent in an async method of ``owner`` to ``into``.

    With ``results``, also collect what each call returned. Return what restores the
    method.
    """
    original = getattr(owner, method)

    async def measured_method(*args: Any) -> Any:
        cpu = time.process_time()
        try:
            result = await original(*args)
        finally:
            into.cpu += time.process_time() - cpu
        if results is not None:
            results.append(result)
        return result

    setattr(owner, method, measured_method)
    return lambda: delattr(owner, method)
