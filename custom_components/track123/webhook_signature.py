"""What a Track123 push's signature proves, and the memory that stops its reuse.

The signature is SHA-256 over the API key and the timestamp; both forms seen in
the wild are accepted: ``hex(HMAC-SHA256(key=api_key, msg=timestamp))`` and
``hex(SHA256(api_key + timestamp))``. It proves that Track123 signed that
timestamp, nothing about the body: whoever sees one signed push can send any
body with its (timestamp, signature) pair.

The strongest protection within that limit is to let each pair be used once.
A pair is remembered for as long as its timestamp is fresh (five minutes either
side of now); a second use, with any body, is refused. Past the window the
pair is no use to anyone: a push that old is never applied as data, only taken
as a hint to ask Track123 (see ``push_catchup``).

Two genuine pushes signed in the same second (or millisecond) carry the same
pair, and the second is refused as well. That is the right trade: accepting it
would accept any body under a pair an eavesdropper has seen, and the refusal
loses nothing. The refused push still names its numbers, which are queued for a
query of Track123 (``push_catchup``), and Track123 retries a push that got a
non-2xx answer (600 s later, then on its schedule): the retry either carries a
fresh pair and applies, or its original one, now stale, and asks Track123 again.
"""

from collections import OrderedDict
from datetime import timedelta
import hashlib
import hmac
import re
from typing import Final

MAX_CLOCK_SKEW: Final = timedelta(minutes=5)
# Timestamps from this value on are milliseconds (in seconds it is the year 5138).
MILLISECONDS_FROM: Final = 10**11
MAX_REMEMBERED: Final = 10_000
_TIMESTAMP = re.compile(r"[0-9]{1,16}")


def expected_signatures(api_key: str, timestamp: str) -> tuple[str, str]:
    """Return both accepted signatures of ``timestamp``: HMAC form, plain-hash form."""
    return (
        hmac.new(api_key.encode(), timestamp.encode(), hashlib.sha256).hexdigest(),
        hashlib.sha256((api_key + timestamp).encode()).hexdigest(),
    )


def normalized_signature(signature: str) -> str:
    """Return a signature as compared and remembered: hex digits in lower case."""
    return signature.strip().lower()


def signature_valid(api_key: str, timestamp: str, signature: str) -> bool:
    """Return True when ``signature`` is either accepted form (constant time)."""
    given = normalized_signature(signature).encode()
    matches = [
        hmac.compare_digest(expected.encode(), given)
        for expected in expected_signatures(api_key, timestamp)
    ]
    return any(matches)


def timestamp_seconds(timestamp: str) -> float | None:
    """Return a timestamp in seconds since the epoch; None when malformed.

    Ten digits are seconds, thirteen milliseconds: both are accepted.
    """
    if not _TIMESTAMP.fullmatch(timestamp):
        return None
    value = int(timestamp)
    return value / 1000 if value >= MILLISECONDS_FROM else float(value)


def fresh(sent: float, now: float) -> bool:
    """Return True when a timestamp is within the window around ``now``."""
    return abs(now - sent) <= MAX_CLOCK_SKEW.total_seconds()


class ReplayMemory:
    """The (timestamp, signature) pairs accepted while they are fresh."""

    def __init__(self) -> None:
        """Remember nothing yet."""
        # (timestamp, signature) -> until when (epoch s) the pair is fresh.
        self._used: OrderedDict[tuple[str, str], float] = OrderedDict()

    def __len__(self) -> int:
        """Return how many pairs are remembered."""
        return len(self._used)

    def use(self, timestamp: str, signature: str, sent: float, now: float) -> bool:
        """Record a fresh pair's use; return False when it was used before.

        Memory is bounded: past ``MAX_REMEMBERED`` fresh pairs (more than Track123
        sends in ten minutes), the oldest is forgotten.
        """
        self._forget_stale(now)
        pair = (timestamp, normalized_signature(signature))
        if pair in self._used:
            return False
        self._used[pair] = sent + MAX_CLOCK_SKEW.total_seconds()
        while len(self._used) > MAX_REMEMBERED:
            self._used.popitem(last=False)
        return True

    def release(self, timestamp: str, signature: str) -> None:
        """Forget a pair whose push could not be applied, so its retry is accepted."""
        self._used.pop((timestamp, normalized_signature(signature)), None)

    def _forget_stale(self, now: float) -> None:
        """Forget pairs that could no longer pass the freshness check."""
        for pair, until in list(self._used.items()):
            if until < now:
                del self._used[pair]
