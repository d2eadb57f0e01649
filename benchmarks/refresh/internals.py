"""What the benchmark knows of the integration beyond Home Assistant's interfaces.

The only module of the benchmark that imports the integration or names its private
parts, so that a change inside ``custom_components/track123`` is met here alone:

* ``const.DOMAIN`` and ``const.CONF_BASE_URL``; ``coordinator.Track123Coordinator``;
* ``entry.runtime_data.coordinator`` and its shipments' ``full_attributes``;
* the coordinator's ``_async_fetch()`` (HTTP, JSON decoding and parsing) and its
  client's ``_transport._exchange()`` (one HTTP exchange, returning status, body,
  Retry-After);
* shipment sensors' unique ids: ``..._shipment_..._<tracking number>``;
* the number of the entry's other enabled entities (summaries, calendar).
"""

from __future__ import annotations

from collections.abc import Iterator
import contextlib

from homeassistant.const import CONF_API_KEY
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry  # type: ignore[import-untyped]

from custom_components.track123.const import CONF_BASE_URL, DOMAIN
from custom_components.track123.coordinator import Track123Coordinator
from custom_components.track123.history import async_with_history

from .timing import Measure, timed

# Where the integration's code lives: allocations made there are the integration's.
INTEGRATION_FILES = "custom_components/track123/"
# Other enabled entities of the entry: ten summary sensors (the eleventh is
# disabled), the calendar, the to-do list and the event entity. Which of them
# and of the shipment sensors Home Assistant's cap refuses depends on the order
# the platforms set up in.
OTHER_ENTITIES = 13

__all__ = [
    "INTEGRATION_FILES",
    "OTHER_ENTITIES",
    "Track123Coordinator",
    "coordinator_of",
    "history_lengths",
    "setup_entry",
    "shipment_entity_ids",
    "timed_fetch",
]


async def setup_entry(
    hass: HomeAssistant, base_url: str, api_key: str
) -> MockConfigEntry:
    """Add and set up a config entry for the simulator's account."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Track123",
        unique_id="benchmark",
        data={CONF_API_KEY: api_key, CONF_BASE_URL: base_url},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


def coordinator_of(entry: MockConfigEntry) -> Track123Coordinator:
    """Return the entry's coordinator."""
    coordinator: Track123Coordinator = entry.runtime_data.coordinator
    return coordinator


def shipment_entity_ids(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, str]:
    """Return the entity ids of the entry's shipment sensors, by tracking number."""
    return {
        registry_entry.unique_id.rsplit("_", 1)[-1]: registry_entry.entity_id
        for registry_entry in er.async_entries_for_config_entry(
            er.async_get(hass), entry.entry_id
        )
        if "_shipment_" in registry_entry.unique_id
    }


@contextlib.contextmanager
def timed_fetch(
    coordinator: Track123Coordinator, fetch: Measure, transport: Measure
) -> Iterator[list[bytes]]:
    """Time the coordinator's fetch and, within it, the client's HTTP exchanges.

    ``fetch`` gets the CPU of the fetch (HTTP, JSON decoding, parsing), ``transport``
    that of the HTTP exchanges (aiohttp and the kernel). Yields a list that holds,
    after the block, the body of every answer received.
    """
    exchanges: list[tuple[int, bytes, float | None]] = []
    restore_fetch = timed(coordinator, "_async_fetch", fetch)
    restore_transport = timed(
        coordinator.client._transport,  # noqa: SLF001
        "_exchange",
        transport,
        exchanges,
    )
    bodies: list[bytes] = []
    try:
        yield bodies
    finally:
        restore_transport()
        restore_fetch()
        bodies.extend(body for _, body, _ in exchanges)


async def history_lengths(entry: MockConfigEntry) -> list[int]:
    """Return how many events each shipment's whole history holds.

    Shipments keep their newest event only: the histories are fetched from
    Track123, as the card and the get_shipments action do.
    """
    shipments = await async_with_history(entry, coordinator_of(entry).data.values())
    return [len(shipment.full_attributes["events"]) for shipment in shipments]
