"""Test doubles shared by the client and the integration tests."""


class RecordingSleep:
    """A sleep for the client's retries: records the delay and returns at once."""

    def __init__(self) -> None:
        """Start with no delays."""
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        """Record the delay."""
        self.delays.append(seconds)
