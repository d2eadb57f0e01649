"""JSON decoding and encoding, with a faster codec where the caller has one."""

from collections.abc import Callable
import json
from typing import Any

type Loads = Callable[[bytes], Any]
type Dumps = Callable[[Any], bytes]


def _standard_dumps(value: Any) -> bytes:
    """Encode with the standard library."""
    return json.dumps(value).encode()


class JsonCodec:
    """Decode answers and encode items, falling back to the standard library.

    A faster codec (``orjson``, as Home Assistant has) refuses some JSON the standard
    library takes — NaN, Infinity, lone surrogates, integers beyond 64 bits when
    encoding — so whatever it refuses is handed to the standard library, and an
    answer one codec accepts is never lost.
    """

    def __init__(self, loads: Loads | None = None, dumps: Dumps | None = None) -> None:
        """Use ``loads`` and ``dumps`` first, where given."""
        self._loads = loads
        self._dumps = dumps

    def loads(self, raw: bytes) -> Any:
        """Decode JSON; raise ValueError when no codec can (nesting too deep too)."""
        if self._loads is not None:
            try:
                return self._loads(raw)
            except ValueError:
                pass
        try:
            return json.loads(raw)
        except RecursionError as err:
            raise ValueError("JSON nested too deeply") from err

    def dumps(self, value: Any) -> bytes:
        """Encode a decoded JSON value, the same value always to the same bytes.

        Raise ValueError when no codec can (nesting too deep, say).
        """
        if self._dumps is not None:
            try:
                return self._dumps(value)
            except TypeError, ValueError:
                pass
        try:
            return _standard_dumps(value)
        except RecursionError as err:
            raise ValueError("JSON nested too deeply") from err
