"""Memory the set-up keeps, per shipment, grouped by the file that allocated it."""

from __future__ import annotations

from collections import Counter
import gc
import tracemalloc

from homeassistant.const import EVENT_HOMEASSISTANT_FINAL_WRITE

from .home_assistant import home_assistant
from .internals import INTEGRATION_FILES, coordinator_of, setup_entry
from .results import MemoryResult
from .scenario import API_KEY
from .simulator import simulator

_ORIGINS = (
    ("integration", INTEGRATION_FILES),
    # Home Assistant's json_loads (orjson), which the client decodes answers with.
    ("json", "homeassistant/util/json.py"),
    ("homeassistant", "homeassistant/"),
    ("json", "/json/"),
)


def _origin(filename: str) -> str:
    for name, marker in _ORIGINS:
        if marker in filename:
            return name
    return "other"


async def measure_memory(n: int) -> MemoryResult:
    """Memory allocated by setting up the entry and still held, per shipment.

    Everything the set-up keeps counts: the coordinator's shipments (parsed models),
    the sensor entities, their registry entries (with the JSON the registry keeps of
    each once written) and their states in the state machine. Allocations are
    grouped by the file that made them; strings decoded from the API's JSON and kept
    in the models count as "json".
    """
    async with simulator(n, 0.0) as sim, home_assistant() as hass:
        gc.collect()
        tracemalloc.start()
        try:
            entry = await setup_entry(hass, sim.base_url, API_KEY)
            await coordinator_of(entry).async_refresh()
            await hass.async_block_till_done()
            # The registries write their files some seconds after a change and then
            # keep each entry's JSON: measure that steady state at every N, not only
            # where the set-up outlasts the delay.
            hass.bus.async_fire(EVENT_HOMEASSISTANT_FINAL_WRITE)
            await hass.async_block_till_done()
            gc.collect()
            snapshot = tracemalloc.take_snapshot()
        finally:
            tracemalloc.stop()
        by_origin: Counter[str] = Counter()
        for stat in snapshot.statistics("filename"):
            by_origin[_origin(stat.traceback[0].filename)] += stat.size
        total = sum(by_origin.values())
        assert await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
    return MemoryResult(
        n=n,
        total_bytes=total,
        bytes_per_shipment=total / n,
        by_origin_per_shipment={
            name: round(size / n, 1) for name, size in by_origin.most_common()
        },
    )
