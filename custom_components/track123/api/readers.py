"""Lenient readers of JSON values: any field may be missing, null or of the wrong type."""

from collections.abc import Callable, Sequence
import math
import sys
from typing import Any

from .exceptions import Track123ResponseError

type JsonObject = dict[str, Any]


def as_str(value: object) -> str | None:
    """Return a non-empty string (numbers are converted), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return str(value)
        except ValueError:  # an integer of more digits than str() may write
            return None
    if isinstance(value, str) and (text := value.strip()):
        return text
    return None


def as_int(value: object) -> int | None:
    """Return an integer from an int, integral float or numeric string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    number = as_float(value)
    if number is not None and number.is_integer():
        return int(number)
    return None


def as_float(value: object) -> float | None:
    """Return a finite float from a number or numeric string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond the range of a float
            return None
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def as_dict(value: object) -> JsonObject:
    """Return the value if it is an object, else an empty one (optional parts)."""
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    """Return the value if it is an array, else an empty one."""
    return value if isinstance(value, list) else []


def require_dict(value: object, what: str) -> JsonObject:
    """Return the value if it is an object, else raise Track123ResponseError."""
    if not isinstance(value, dict):
        raise Track123ResponseError(
            f"Expected an object for {what}, got {type(value).__name__}"
        )
    return value


def first_str(data: JsonObject, *keys: str) -> str | None:
    """Return the first non-empty string among ``keys``."""
    for key in keys:
        if (text := as_str(data.get(key))) is not None:
            return text
    return None


def shared_str(data: JsonObject, *keys: str) -> str | None:
    """Return ``first_str``, interned: for texts that repeat across shipments.

    Carriers' event texts, places, names and codes recur in thousands of shipments,
    which then share one copy of each; numbers and links, unique, are not interned.
    """
    text = first_str(data, *keys)
    return None if text is None else sys.intern(text)


def shared_code(value: object) -> str | None:
    """Return a raw code as text, interned: a few codes recur in every shipment."""
    text = as_str(value)
    return None if text is None else sys.intern(text)


def parse_each[T](value: object, parse: Callable[[object], T | None]) -> list[T]:
    """Parse every entry of an array, skipping entries the parser refuses (None)."""
    return [item for entry in as_list(value) if (item := parse(entry)) is not None]


def kept[T](events: Sequence[T], newest_only: bool) -> Sequence[T]:
    """Return the events a model keeps: all, or (``newest_only``) the newest.

    A client that polls thousands of shipments keeps each one's newest event and
    fetches the whole history only when asked for it.
    """
    return events[:1] if newest_only else events
