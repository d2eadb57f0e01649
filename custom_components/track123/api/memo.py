"""Reuse what was parsed from answers that did not change since the last poll.

Polling a large account returns the same trackings again and again. Models are
immutable, so a tracking whose content is unchanged reuses the model parsed from it
before, and a page whose bytes are unchanged skips JSON decoding as well. A page is
known by the SHA-256 digest of its bytes; a tracking by Python's 64-bit hash of its
content (SipHash, keyed at random in each process): a changed tracking taken for
one seen before is a chance of one in 2**64 for each tracking kept. Both keep what
the current and the previous poll used until the current poll has read everything,
then only what it used.
"""

from collections.abc import Callable, Sequence
import hashlib
from typing import Any, NamedTuple

from .exceptions import Track123ResponseError
from .models import Page

# Every answer ends with a new trace id; it says nothing about the data.
_TRACE_ID = b'"traceId"'


def digest(data: bytes) -> bytes:
    """Return a collision-resistant digest of some bytes."""
    return hashlib.sha256(data).digest()


def answer_digest(raw: bytes) -> bytes:
    """Return the digest of an answer's bytes, without the envelope's trace id.

    The envelope's ``traceId`` is its last one: inside ``data`` the name would be
    followed by the envelope's anyway.
    """
    start = raw.rfind(_TRACE_ID)
    opening = raw.find(b'"', start + len(_TRACE_ID)) if start >= 0 else -1
    closing = raw.find(b'"', opening + 1) if opening >= 0 else -1
    if closing < 0:
        return digest(raw)
    view = memoryview(raw)
    hashed = hashlib.sha256(view[:start])
    hashed.update(view[closing + 1 :])
    return hashed.digest()


class ParseMemo[T]:
    """Parse items, reusing the model of an item whose content was seen before.

    ``fields`` (when given) are the only keys of an item the parser reads: the other
    keys (Track123's ``nextUpdateTime``, say) change on their own and must not force a
    new parse. The day counters it reads (``transitDays``, ``stayDays``,
    ``deliveredDays``) move once a day, so the first poll of a day parses every
    tracking that has them again.
    """

    def __init__(
        self,
        parse: Callable[[object], T],
        encode: Callable[[Any], bytes],
        fields: Sequence[str] | None = None,
    ) -> None:
        """Wrap ``parse``; ``encode`` turns an item into the bytes hashed."""
        self._parse = parse
        self._encode = encode
        self._fields = tuple(fields) if fields is not None else None
        # Keyed by the content's hash: an int is half a digest's size, per shipment.
        self._previous: dict[int, T] = {}
        self._current: dict[int, T] = {}
        self._keys: list[int | None] = []

    def rotate(self) -> None:
        """Start a new poll: forget what the poll before the last one used."""
        self._previous, self._current = self._current, {}
        self._keys = []

    def settle(self) -> None:
        """End a poll that read every item: forget what it did not use."""
        self._previous = {}

    def __len__(self) -> int:
        """Return how many models are kept."""
        return len(self._current.keys() | self._previous.keys())

    def __call__(self, value: object) -> T:
        """Return the model of one item."""
        if not isinstance(value, dict):
            self._keys.append(None)
            return self._parse(value)
        content = value if self._fields is None else list(map(value.get, self._fields))
        try:
            key = hash(self._encode(content))
        except ValueError as err:
            raise Track123ResponseError(f"Unreadable item: {err}") from err
        self._keys.append(key)
        model = self._current.get(key)
        if model is None:
            model = self._previous.get(key)
            if model is None:
                model = self._parse(value)
            self._current[key] = model
        return model

    def take_keys(self) -> tuple[int | None, ...]:
        """Return the keys of the items parsed since the last call, in order."""
        keys, self._keys = tuple(self._keys), []
        return keys

    def keep(self, keys: Sequence[int | None], models: Sequence[T]) -> None:
        """Keep models reused without parsing (from a page) for the next poll."""
        for key, model in zip(keys, models, strict=False):
            if key is not None:
                self._current[key] = model


class KnownPage(NamedTuple):
    """A page parsed before: the digest of its bytes, the page, its items' keys."""

    digest: bytes
    page: Page[Any]
    item_keys: tuple[int | None, ...]


class PageMemo:
    """The pages of one endpoint parsed in the last two polls, by cursor and digest."""

    def __init__(self) -> None:
        """Start empty."""
        self._previous: dict[str | None, KnownPage] = {}
        self._current: dict[str | None, KnownPage] = {}

    def rotate(self) -> None:
        """Start a new poll: forget what the poll before the last one used."""
        self._previous, self._current = self._current, {}

    def settle(self) -> None:
        """End a poll that read every page: forget the pages it did not use."""
        self._previous = {}

    def __len__(self) -> int:
        """Return how many pages are kept."""
        return len(self._current.keys() | self._previous.keys())

    def get(self, cursor: str | None, key: bytes) -> KnownPage | None:
        """Return the page parsed before from the bytes of digest ``key``, if any."""
        known = self._current.get(cursor) or self._previous.get(cursor)
        if known is None or known.digest != key:
            return None
        self._current[cursor] = known
        return known

    def put(
        self,
        cursor: str | None,
        key: bytes,
        page: Page[Any],
        item_keys: tuple[int | None, ...],
    ) -> None:
        """Remember the page parsed from the bytes of digest ``key``."""
        self._current[cursor] = KnownPage(key, page, item_keys)
