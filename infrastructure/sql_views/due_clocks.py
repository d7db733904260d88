"""Dossiers' clocks on SQL: one row per dossier, indexed by the first day its clock runs."""

from __future__ import annotations

import hashlib
import json

from domain.clock.due_date import Clock
from domain.clock.risk import Stints
from infrastructure.sql_views.sql import (
    Dialect,
    Fetch,
    Flush,
    Row,
    SqlSession,
    from_json,
    to_json,
)
from projections.clock_documents import clock_document, clock_of
from projections.due_clocks import DueClock

_COLUMNS = (
    "filed, dossier_id, code, unit, open, first_day, last_day, due, clock, "
    "procedure, processing, decision_stop, entered"
)
_ALL_COLUMNS = f"{_COLUMNS}, clock_key"


_OVER = "first_day <= ? AND last_day >= ?"
"""The dossiers whose clock runs over some day of a span (parameters: its last, its first)."""


class SqlDueClocksFamily:
    name = "due_clocks"

    def tables(self, dialect: Dialect) -> tuple[str, ...]:
        return ("due_clocks", "stop_stints")

    def ddl(self, s: str, dialect: Dialect) -> list[str]:
        return [
            f"""CREATE TABLE due_clocks{s} (
                filed BIGINT PRIMARY KEY, dossier_id TEXT NOT NULL, code TEXT NOT NULL,
                unit TEXT NOT NULL, open INTEGER NOT NULL, first_day BIGINT NOT NULL,
                last_day BIGINT NOT NULL, due BIGINT NOT NULL, clock TEXT NOT NULL,
                procedure TEXT NOT NULL, processing INTEGER NOT NULL,
                decision_stop INTEGER NOT NULL, entered TEXT NOT NULL,
                clock_key TEXT NOT NULL)""",
            f"CREATE INDEX due_clocks{s}_first ON due_clocks{s} (first_day)",
            f"CREATE INDEX due_clocks{s}_unit ON due_clocks{s} (unit, processing)",
            f"""CREATE TABLE stop_stints{s} (
                procedure TEXT NOT NULL, stop INTEGER NOT NULL, count BIGINT NOT NULL,
                working_days BIGINT NOT NULL, PRIMARY KEY (procedure, stop))""",
        ]

    def writer(
        self, session: SqlSession, s: str, dialect: Dialect
    ) -> tuple[SqlDueClocksWriter, Flush]:
        writer = SqlDueClocksWriter(session, s)
        return writer, writer.flush


class SqlDueClocksWriter:
    def __init__(self, session: SqlSession, s: str) -> None:
        self._session = session
        self._s = s
        self._pending: dict[int, DueClock] = {}
        self._stints: dict[tuple[str, int], tuple[int, int]] = {}

    async def get(self, filed: int) -> DueClock | None:
        if filed in self._pending:
            return self._pending[filed]
        rows = await self._session.fetch(
            f"SELECT {_COLUMNS} FROM due_clocks{self._s} WHERE filed = ?", (filed,)
        )
        return _row(rows[0]) if rows else None

    async def put(self, row: DueClock) -> None:
        self._pending[row.filed] = row

    async def add_stints(self, procedure: str, stints: dict[int, int]) -> None:
        for stop, days in stints.items():
            count, total = self._stints.get((procedure, stop), (0, 0))
            self._stints[procedure, stop] = (count + 1, total + days)

    async def flush(self) -> None:
        if self._stints:
            await self._session.executemany(
                f"INSERT INTO stop_stints{self._s} (procedure, stop, count, working_days) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (procedure, stop) DO UPDATE SET "
                f"count = stop_stints{self._s}.count + excluded.count, "
                f"working_days = stop_stints{self._s}.working_days + excluded.working_days",
                [(p, stop, n, days) for (p, stop), (n, days) in self._stints.items()],
            )
            self._stints.clear()
        if not self._pending:
            return
        await self._session.executemany(
            f"INSERT INTO due_clocks{self._s} ({_ALL_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (filed) DO UPDATE SET unit = excluded.unit, open = excluded.open, "
            "first_day = excluded.first_day, last_day = excluded.last_day, "
            "due = excluded.due, clock = excluded.clock, processing = excluded.processing, "
            "entered = excluded.entered, clock_key = excluded.clock_key",
            [_values(r) for r in self._pending.values()],
        )
        self._pending.clear()


class SqlDueClocksReader:
    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch

    async def running_over(self, first: int, last: int, *, open_only: bool) -> list[DueClock]:
        rows = await self._fetch(
            f"SELECT {_COLUMNS} FROM due_clocks WHERE {_OVER}"
            + (" AND open = 1" if open_only else ""),
            (last, first),
        )
        parsed: dict[str, Clock] = {}  # dossiers share canonical clocks: parse each once
        return [_row(row, parsed) for row in rows]

    async def clocks_over(self, first: int, last: int) -> list[Clock]:
        rows = await self._fetch(
            f"SELECT DISTINCT clock FROM due_clocks WHERE {_OVER}", (last, first)
        )
        return [clock_of(from_json(str(text))) for (text,) in rows]

    async def codes_with(
        self, first: int, last: int, clocks: list[Clock]
    ) -> list[tuple[str, Clock]]:
        by_key = {_key(to_json(clock_document(clock))): clock for clock in clocks}
        rows = await self._fetch(
            f"SELECT code, clock_key FROM due_clocks WHERE {_OVER}", (last, first)
        )
        return [(str(code), by_key[key]) for code, key in rows if key in by_key]

    async def processing_at(self, unit: str) -> list[DueClock]:
        rows = await self._fetch(
            f"SELECT {_COLUMNS} FROM due_clocks WHERE unit = ? AND processing = 1", (unit,)
        )
        return [_row(row) for row in rows]

    async def stints(self, procedure: str) -> dict[int, Stints]:
        rows = await self._fetch(
            "SELECT stop, count, working_days FROM stop_stints WHERE procedure = ?", (procedure,)
        )
        return {int(stop): Stints(int(n), int(days)) for stop, n, days in rows}


def _values(r: DueClock) -> tuple[object, ...]:
    text = to_json(clock_document(r.clock))
    place = (r.procedure, int(r.processing), r.decision_stop, json.dumps(r.entered))
    return (r.filed, r.dossier_id, r.code, r.unit, int(r.open), r.first, r.last, r.due, text,
            *place, _key(text))  # fmt: skip


def _key(text: str) -> str:
    """A short name of a clock's text: the codes of changed clocks are found by it."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _row(row: Row, parsed: dict[str, Clock] | None = None) -> DueClock:
    filed, dossier_id, code, unit, open_, first, last, due, text, *route = row
    procedure, processing, decision_stop, entered = route
    clock = parsed.get(text) if parsed is not None else None
    if clock is None:
        clock = clock_of(from_json(str(text)))
        if parsed is not None:
            parsed[text] = clock
    return DueClock(
        filed=int(filed),
        dossier_id=str(dossier_id),
        code=str(code),
        unit=str(unit),
        open=bool(open_),
        first=int(first),
        last=int(last),
        due=int(due),
        clock=clock,
        procedure=str(procedure),
        processing=bool(processing),
        decision_stop=int(decision_stop),
        entered=tuple(int(day) for day in json.loads(str(entered))),
    )
