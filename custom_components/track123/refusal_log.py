"""Log lines about refused webhook calls that a flood of them cannot multiply.

Each reason (a short fixed text, never data from the call) is logged as a
WARNING at most once per ``QUIET_PERIOD``; the refusals in between are logged at
DEBUG only and counted, and the next WARNING of that reason says how many there
were. So a caller posting thousands of bad calls adds one line per reason every
ten minutes, while a single refusal is still reported at once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
import logging
from typing import Final

from homeassistant.util import dt as dt_util

QUIET_PERIOD: Final = timedelta(minutes=10)


@dataclass(slots=True)
class _Reported:
    """When a reason was last logged as a WARNING, and how many refusals since."""

    at: datetime
    suppressed: int = 0


class RefusalLog:
    """Log refusals: at most one WARNING per reason per quiet period."""

    def __init__(
        self,
        logger: logging.Logger,
        now: Callable[[], datetime] = dt_util.utcnow,
    ) -> None:
        """Log to ``logger``; ``now`` tells the time."""
        self._logger = logger
        self._now = now
        self._reported: dict[str, _Reported] = {}

    def refused(self, status: int, reason: str) -> None:
        """Note one refused call; log it unless its reason was logged lately."""
        now = self._now()
        last = self._reported.get(reason)
        if last is not None and now - last.at < QUIET_PERIOD:
            last.suppressed += 1
            self._logger.debug(
                "Refused a Track123 webhook call (HTTP %s): %s", status, reason
            )
            return
        self._reported[reason] = _Reported(now)
        if last is not None and last.suppressed:
            self._logger.warning(
                "Refused a Track123 webhook call (HTTP %s): %s; %s more refused "
                "for this reason in the last %s minutes, logged at debug level",
                status,
                reason,
                last.suppressed,
                int((now - last.at).total_seconds() // 60),
            )
            return
        self._logger.warning(
            "Refused a Track123 webhook call (HTTP %s): %s", status, reason
        )
