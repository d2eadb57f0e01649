"""What the recorder adds to its database over a simulated week.

N shipments (parcels, ocean containers, air waybills in the simulator's own mix of
timelines, started over the days before) move for ``WEEK`` on an in-process
simulator while the integration polls every ``POLL`` (its default interval), in a
Home Assistant with the ``recorder`` component writing a sqlite file. Every state
change of a shipment sensor is noted; then, in a second Home Assistant with its own
database, bare enum sensors (the benchmark's ``FloorSensor``, same options and
names, no other attribute) make exactly those state changes in the same order: the
floor.

Counted: the bytes of every row and index entry the week adds to the database
(sqlite's ``dbstat`` payload, grouped by table): states, state attributes, events
and their data. The integration's count includes all it records, not only its
shipment sensors: its bus events for status changes (events table), the event
entity that carries them, the summary sensors, the to-do list and the calendar.
The breakdown gives each part's bytes (the database with only that part's rows of
the week kept), so that the shipment sensors alone are compared with the floor,
which makes the same state changes, and the rest is accounted for line by line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
import random
import sqlite3
import tempfile

from homeassistant.components.recorder import CONF_COMMIT_INTERVAL, CONF_DB_URL
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, State
from homeassistant.helpers import entity_registry as er, recorder as recorder_helper
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockEntityPlatform  # type: ignore[import-untyped]
from pytest_homeassistant_custom_component.components.recorder.common import (  # type: ignore[import-untyped]
    async_wait_recording_done,
)

from custom_components.track123.const import DOMAIN
from track123_simulator import SimulatorServer, SimulatorState

from .floors import FloorSensor
from .home_assistant import home_assistant
from .internals import coordinator_of, setup_entry, shipment_entity_ids
from .scenario import API_KEY, unlimited_account

WEEK = timedelta(days=7)
POLL = timedelta(minutes=30)
RECORDER_SIZE = 100
RECORDER_GOAL = 1.2
# The simulator's mix: mostly parcels, some ocean containers and air waybills.
_KIND_WEIGHTS = {"parcel": 8, "ocean": 1, "air": 1}
SHIPMENT_SENSORS = "shipment sensors"
SUMMARY_SENSORS = "summary sensors"
BUS_EVENTS = "bus events"
# The other parts of the integration, by the domain of their entities.
_PART_OF_DOMAIN = {
    "sensor": SUMMARY_SENSORS,
    "event": "event entity",
    "todo": "to-do list",
    "calendar": "calendar",
}
# The last row id of each table that the week adds rows to.
_LAST_IDS = {
    "states": "SELECT COALESCE(MAX(state_id), 0) FROM states",
    "state_attributes": "SELECT COALESCE(MAX(attributes_id), 0) FROM state_attributes",
    "events": "SELECT COALESCE(MAX(event_id), 0) FROM events",
    "event_data": "SELECT COALESCE(MAX(data_id), 0) FROM event_data",
    "event_types": "SELECT COALESCE(MAX(event_type_id), 0) FROM event_types",
    "statistics_meta": "SELECT COALESCE(MAX(id), 0) FROM statistics_meta",
    "statistics_runs": "SELECT COALESCE(MAX(run_id), 0) FROM statistics_runs",
    "statistics_short_term": "SELECT COALESCE(MAX(id), 0) FROM statistics_short_term",
    "statistics": "SELECT COALESCE(MAX(id), 0) FROM statistics",
}
# The long- and short-term statistics of the parcel counts (measurements), and
# where each table's row ids are: the summary sensors' part.
_STATISTICS = {
    "statistics_meta": "id",
    "statistics_runs": "run_id",
    "statistics_short_term": "id",
    "statistics": "id",
}


@dataclass(slots=True)
class RecorderResult:
    """Bytes the recorder added in a week, the integration's and the floor's."""

    n: int
    polls: int
    shipment_changes: int
    bytes_by_table: dict[str, int]
    floor_bytes_by_table: dict[str, int]
    states_by_entity: dict[str, int] = field(default_factory=dict)
    events_by_type: dict[str, int] = field(default_factory=dict)
    attribute_rows: int = 0
    floor_state_rows: int = 0
    floor_attribute_rows: int = 0
    # The bytes of each part's rows of the week: shipment sensors, summary
    # sensors, event entity, to-do list, calendar, bus events.
    bytes_by_part: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Return every byte the integration's week added."""
        return sum(self.bytes_by_table.values())

    @property
    def floor_total(self) -> int:
        """Return every byte the floor's week added."""
        return sum(self.floor_bytes_by_table.values())

    @property
    def ratio(self) -> float:
        """Return the integration's bytes over the floor's."""
        return self.total / self.floor_total if self.floor_total else float("inf")

    @property
    def shipment_ratio(self) -> float:
        """Return the shipment sensors' bytes over the floor's: like with like."""
        shipments = self.bytes_by_part.get(SHIPMENT_SENSORS, 0)
        return shipments / self.floor_total if self.floor_total else float("inf")


@contextmanager
def _database(path: Path) -> Iterator[sqlite3.Connection]:
    """Open a database, commit what was done in it, and close it.

    sqlite3's own context manager commits but leaves the connection open.
    """
    db = sqlite3.connect(path)
    try:
        with db:
            yield db
    finally:
        db.close()


def _db_bytes(path: Path) -> dict[str, int]:
    """Return the payload bytes of each table, its indexes included."""
    with _database(path) as db:
        owners = dict(db.execute("SELECT name, tbl_name FROM sqlite_schema"))
        rows = db.execute("SELECT name, SUM(payload) FROM dbstat GROUP BY name")
        sizes: Counter[str] = Counter()
        for name, payload in rows:
            sizes[owners.get(name, name)] += payload or 0
    return dict(sizes)


def _growth(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """Return what each table gained."""
    return {
        table: grown
        for table in after
        if (grown := after[table] - before.get(table, 0)) != 0
    }


def _rows(path: Path, query: str, *parameters: int) -> dict[str, int]:
    """Return a grouped row count from the database."""
    with _database(path) as db:
        return {str(key): count for key, count in db.execute(query, parameters)}


def _last_ids(path: Path) -> dict[str, int]:
    """Return the last row id of each table the week adds to."""
    with _database(path) as db:
        return {
            table: db.execute(query).fetchone()[0] for table, query in _LAST_IDS.items()
        }


def _part_bytes(
    path: Path,
    before: dict[str, int],
    last: dict[str, int],
    part: str,
    entity_ids: set[str],
) -> int:
    """Return the bytes of one part's rows of the week.

    Measured on a copy of the database from which the week's other rows are
    deleted: the state rows of other entities (or all, for the bus events), the
    bus events (but for their own part), and the attribute, data and type rows
    that no remaining row refers to.
    """
    copy = path.with_name(f"{path.stem}.part{path.suffix}")
    # Through sqlite, not the file: the recorder's latest rows may be in its WAL.
    with _database(path) as source, _database(copy) as target:
        source.backup(target)
    try:
        with _database(copy) as db:
            db.execute("CREATE TEMP TABLE kept (entity_id TEXT PRIMARY KEY)")
            db.executemany(
                "INSERT INTO kept VALUES (?)",
                [(entity_id,) for entity_id in entity_ids],
            )
            db.execute(
                "DELETE FROM states WHERE state_id > ? AND metadata_id NOT IN "
                "(SELECT metadata_id FROM states_meta WHERE entity_id IN "
                "(SELECT entity_id FROM kept))",
                (last["states"],),
            )
            # The integration's bus events only (the recorder fires its own).
            db.execute(
                "DELETE FROM events WHERE event_id > ? AND (? OR event_type_id NOT IN "
                "(SELECT event_type_id FROM event_types WHERE event_type LIKE ?))",
                (last["events"], part != BUS_EVENTS, f"{DOMAIN}_%"),
            )
            if part != SUMMARY_SENSORS:
                for table, key in _STATISTICS.items():
                    db.execute(
                        f"DELETE FROM {table} WHERE {key} > ?",  # noqa: S608
                        (last[table],),
                    )
            db.execute(
                "DELETE FROM state_attributes WHERE attributes_id > ? AND attributes_id "
                "NOT IN (SELECT attributes_id FROM states WHERE attributes_id IS NOT NULL)",
                (last["state_attributes"],),
            )
            db.execute(
                "DELETE FROM event_data WHERE data_id > ? AND data_id NOT IN "
                "(SELECT data_id FROM events WHERE data_id IS NOT NULL)",
                (last["event_data"],),
            )
            db.execute(
                "DELETE FROM event_types WHERE event_type_id > ? AND event_type_id NOT IN "
                "(SELECT event_type_id FROM events WHERE event_type_id IS NOT NULL)",
                (last["event_types"],),
            )
        return sum(_growth(before, _db_bytes(copy)).values())
    finally:
        copy.unlink()


def _parts(
    path: Path,
    before: dict[str, int],
    last: dict[str, int],
    entity_ids: set[str],
    shipment_ids: set[str],
) -> dict[str, int]:
    """Return the bytes of the week's rows of each part of the integration."""
    parts: dict[str, set[str]] = {SHIPMENT_SENSORS: shipment_ids, BUS_EVENTS: set()}
    for entity_id in entity_ids - shipment_ids:
        domain = entity_id.split(".", 1)[0]
        parts.setdefault(_PART_OF_DOMAIN.get(domain, domain), set()).add(entity_id)
    return {
        part: _part_bytes(path, before, last, part, ids) for part, ids in parts.items()
    }


async def _start_recorder(hass: HomeAssistant, path: Path) -> None:
    """Set the recorder up on a sqlite file of its own (as bootstrap would)."""
    recorder_helper.async_initialize_recorder(hass)
    assert await async_setup_component(
        hass,
        "recorder",
        # Committed at once, so that a count taken at the end has every row.
        {"recorder": {CONF_DB_URL: f"sqlite:///{path}", CONF_COMMIT_INTERVAL: 0}},
    )
    await hass.async_block_till_done()
    await async_wait_recording_done(hass)


def populate_week(state: SimulatorState, n: int, seed: int = 1) -> None:
    """Add n shipments of every kind, started at random over the last few days."""
    rng = random.Random(seed)
    now = state.clock.now()
    kinds = rng.choices(list(_KIND_WEIGHTS), list(_KIND_WEIGHTS.values()), k=n)
    for index, kind in enumerate(kinds):
        added_at = now - timedelta(hours=rng.uniform(0, 96))
        if kind == "parcel":
            state.add_parcel(f"WEEK{index:08d}", added_at=added_at)
        elif kind == "ocean":
            state.add_ocean(f"MSKU{index:07d}", added_at=added_at)
        else:
            state.add_air(f"176-{index:08d}", added_at=added_at)


async def _integration_week(
    path: Path, n: int, week: timedelta
) -> tuple[RecorderResult, list[tuple[State, State]], list[State]]:
    """Run the integration for a simulated week; return its figures and changes."""
    sim_state = unlimited_account()
    populate_week(sim_state, n)
    changes: list[Event[EventStateChangedData]] = []
    async with (
        SimulatorServer(sim_state, host="127.0.0.1", port=0) as server,
        home_assistant() as hass,
    ):
        await _start_recorder(hass, path)
        entry = await setup_entry(hass, server.base_url, API_KEY)
        ids = set(shipment_entity_ids(hass, entry).values())
        initial = [state for state in hass.states.async_all() if state.entity_id in ids]
        await async_wait_recording_done(hass)
        before = _db_bytes(path)
        last = _last_ids(path)
        first_event = _rows(path, "SELECT 'id', COALESCE(MAX(event_id), 0) FROM events")
        unsub = hass.bus.async_listen(EVENT_STATE_CHANGED, changes.append)
        coordinator = coordinator_of(entry)
        polls = 0
        while polls * POLL < week:
            sim_state.clock.advance(POLL)
            await coordinator.async_refresh()
            await hass.async_block_till_done()
            polls += 1
        unsub()
        await async_wait_recording_done(hass)
        after = _db_bytes(path)
        events_by_type = _rows(
            path,
            "SELECT t.event_type, COUNT(*) FROM events e JOIN event_types t "
            "ON e.event_type_id = t.event_type_id "
            "WHERE e.event_id > ? GROUP BY t.event_type",
            first_event["id"],
        )
        attribute_rows = _rows(path, "SELECT 'rows', COUNT(*) FROM state_attributes")[
            "rows"
        ]
        entity_ids = {
            registry_entry.entity_id
            for registry_entry in er.async_entries_for_config_entry(
                er.async_get(hass), entry.entry_id
            )
        }
        parts = _parts(path, before, last, entity_ids, ids)
        assert await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
    pairs = [
        (old, new)
        for event in changes
        if event.data["entity_id"] in ids
        and (old := event.data["old_state"]) is not None
        and (new := event.data["new_state"]) is not None
    ]
    by_entity = Counter(
        SHIPMENT_SENSORS if event.data["entity_id"] in ids else event.data["entity_id"]
        for event in changes
    )
    result = RecorderResult(
        n=n,
        polls=polls,
        shipment_changes=len(pairs),
        bytes_by_table=_growth(before, after),
        floor_bytes_by_table={},
        states_by_entity=dict(by_entity),
        events_by_type=events_by_type,
        attribute_rows=attribute_rows,
        bytes_by_part=parts,
    )
    return result, pairs, initial


async def _floor_week(
    path: Path, initial: list[State], pairs: list[tuple[State, State]]
) -> tuple[dict[str, int], int, int]:
    """Make the same state changes with bare enum sensors; return what they added."""
    async with home_assistant() as hass:
        await _start_recorder(hass, path)
        platform = MockEntityPlatform(
            hass, domain="sensor", platform_name="recorder_floor"
        )
        entities = {}
        for index, state in enumerate(initial):
            entity = FloorSensor(index, state)
            entity.show(state.state, {})
            entities[state.entity_id] = entity
        await platform.async_add_entities(list(entities.values()))
        await hass.async_block_till_done()
        await async_wait_recording_done(hass)
        before = _db_bytes(path)
        states_before = _rows(path, "SELECT 'rows', COUNT(*) FROM states")["rows"]
        for _, new in pairs:
            entity = entities[new.entity_id]
            entity.show(new.state, {})
            entity.async_write_ha_state()
        await hass.async_block_till_done()
        await async_wait_recording_done(hass)
        after = _db_bytes(path)
        state_rows = _rows(path, "SELECT 'rows', COUNT(*) FROM states")["rows"]
        attribute_rows = _rows(path, "SELECT 'rows', COUNT(*) FROM state_attributes")[
            "rows"
        ]
        await platform.async_reset()
    return _growth(before, after), state_rows - states_before, attribute_rows


async def measure_recorder(
    n: int = RECORDER_SIZE, week: timedelta = WEEK
) -> RecorderResult:
    """Run the integration's week and the floor's; return both databases' growth."""
    with tempfile.TemporaryDirectory() as directory:
        result, pairs, initial = await _integration_week(
            Path(directory, "integration.db"), n, week
        )
        (
            result.floor_bytes_by_table,
            result.floor_state_rows,
            result.floor_attribute_rows,
        ) = await _floor_week(Path(directory, "floor.db"), initial, pairs)
    return result


def print_recorder(result: RecorderResult) -> None:
    """Print the recorder's figures beside the floor's and the goal."""
    print(
        f"\nRecorder over {result.polls} polls ({result.polls * POLL}), "
        f"N = {result.n} shipments: {result.shipment_changes} shipment state changes"
    )
    tables = sorted(result.bytes_by_table.keys() | result.floor_bytes_by_table.keys())
    for table in tables:
        print(
            f"  {table:<18} {result.bytes_by_table.get(table, 0):>9,} B"
            f"   floor {result.floor_bytes_by_table.get(table, 0):>9,} B"
        )
    print(
        f"  total {result.total:,} B, floor {result.floor_total:,} B: "
        f"{result.ratio:.2f}x (goal <= {RECORDER_GOAL}x)"
    )
    shipments = result.bytes_by_part.get(SHIPMENT_SENSORS, 0)
    print(
        f"  shipment sensors alone {shipments:,} B, floor {result.floor_total:,} B "
        f"(same state changes): {result.shipment_ratio:.2f}x (goal <= {RECORDER_GOAL}x)"
    )
    print(
        "  the integration's other parts: "
        + ", ".join(
            f"{part} {size:,} B"
            for part, size in sorted(result.bytes_by_part.items())
            if part != SHIPMENT_SENSORS
        )
    )
    print(
        "  state changes: "
        + ", ".join(
            f"{entity} {count}"
            for entity, count in sorted(result.states_by_entity.items())
        )
        + f"; floor {result.floor_state_rows}"
    )
    print(
        "  recorded bus events: "
        + (
            ", ".join(
                f"{kind} {count}"
                for kind, count in sorted(result.events_by_type.items())
            )
            or "none"
        )
    )
    print(
        f"  attribute rows in the database: {result.attribute_rows}, "
        f"floor {result.floor_attribute_rows}"
    )
