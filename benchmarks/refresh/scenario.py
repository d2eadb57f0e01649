"""The benchmark's account: N parcels, a fraction of them about to change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import math

from track123_simulator import SimulatorState

API_KEY = "bench-key"
PAGE_SIZE = 100
RATE_LIMIT = 5
# How far the simulator's clock moves between the 0 % and the 5 % refresh.
ADVANCE = timedelta(hours=1)
# Refreshes measured per case (the median is reported): each round of the changed
# case advances the clock by ADVANCE and changes another ``fraction`` of the parcels.
ROUNDS = 3
SCENARIO = "delivered"
# The step of the "delivered" scenario that changed parcels reach during ADVANCE:
# "Arrived at local delivery facility" (in transit, sub-status 07) after "Departed
# sort facility" 12 h earlier. The status stays "in_transit", so the summary counts do
# not move and every state write is a shipment's own.
CHANGING_STEP = 4
DEFAULT_SIZES = (100, 1_000, 10_000)
CHANGED_FRACTION = 0.05


def changing_indexes(n: int, fraction: float, rounds: int) -> dict[int, int]:
    """Map the parcels that change to their round: ``fraction`` of n per round.

    The changing parcels are spread evenly over the account (and so over its pages).
    """
    count = round(n * fraction) * rounds
    return {j * n // count: j % rounds for j in range(count)} if count else {}


def populate(
    state: SimulatorState, n: int, fraction: float, rounds: int = ROUNDS
) -> list[list[str]]:
    """Add n parcels; return, per round, the numbers of those that change in it.

    Each parcel's timeline is placed by its ``added_at``: a parcel changing in round r
    reaches its next step (r + 1/2) x ADVANCE from now; every other parcel sits
    half-way between two steps 12 hours apart, and does not change for 6 hours.
    """
    if rounds * ADVANCE > timedelta(hours=3):
        raise ValueError("at most 3 hours of changes keep transitDays stable")
    now = state.clock.now()
    changing = changing_indexes(n, fraction, rounds)
    numbers: list[list[str]] = [[] for _ in range(rounds)]
    for index in range(n):
        number = f"BENCH{index:09d}"
        parcel = state.add_parcel(number, courier_code="ups", scenario=SCENARIO)
        before, step = parcel.plan.steps[CHANGING_STEP - 1 : CHANGING_STEP + 1]
        if (round_ := changing.get(index)) is not None:
            parcel.added_at = now + ADVANCE * (round_ + 0.5) - step.offset
            numbers[round_].append(number)
        else:
            parcel.added_at = now - (before.offset + step.offset) / 2
    return numbers


def requests_budget(n: int) -> int:
    """ceil(N / 100) parcel pages plus one request each for ocean and air (empty)."""
    return max(math.ceil(n / PAGE_SIZE), 1) + 2


def unlimited_account() -> SimulatorState:
    """Return an empty simulator account with no rate limit, its clock at now.

    For the in-process measurements that count bytes, not time.
    """
    return SimulatorState(
        api_keys={API_KEY},
        seed=1,
        start=datetime.now(UTC).replace(microsecond=0),
        rate_limit_per_second=None,
    )
