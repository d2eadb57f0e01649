"""Events in the order the carrier meant: newest first, undated ones where they stood.

Track123 lists events newest first. An event without a time cannot be placed by
time, so it stays right after the event that preceded it in its own list, or first
when it was first: the newest event is never an older dated one.
"""

from collections.abc import Callable, Sequence
from datetime import datetime


def newest_first[T](
    *lists: Sequence[T], time_of: Callable[[T], datetime | None]
) -> list[T]:
    """Merge lists given newest first by time; undated events keep their place.

    Each dated event leads a group of the undated events after it in its list;
    groups are ordered by time (ties keep the lists' order). Undated events before
    the first dated one of their list come first of all.
    """
    heads: list[T] = []
    groups: list[tuple[datetime, list[T]]] = []
    for items in lists:
        group = heads
        for item in items:
            if (time := time_of(item)) is not None:
                group = [item]
                groups.append((time, group))
            else:
                group.append(item)
    groups.sort(key=lambda pair: pair[0], reverse=True)
    return heads + [item for _, group in groups for item in group]
