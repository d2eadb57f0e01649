"""Order events newest first."""

from collections.abc import Callable, Sequence
from datetime import datetime


def newest_first[T](
    items: Sequence[T], time_of: Callable[[T], datetime | None]
) -> list[T]:
    """Sort newest first; items without a time keep their order, after the rest."""

    def key(item: T) -> tuple[int, float]:
        time = time_of(item)
        return (1, 0.0) if time is None else (0, -time.timestamp())

    return sorted(items, key=key)
