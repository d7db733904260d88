"""The statistics on SQL: one counter per (unit, measure, day, procedure).

A report sums the counters of the subtree's units, split by day around the period
and today, in one grouped query over the primary key's leading ``unit``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from infrastructure.sql_views.sql import Dialect, Fetch, Flush, SqlSession, marks
from projections.statistics import CounterKey, MeasureSums


class SqlStatisticsFamily:
    name = "statistics"

    def tables(self, dialect: Dialect) -> tuple[str, ...]:
        return ("statistics_counters",)

    def ddl(self, s: str, dialect: Dialect) -> list[str]:
        return [
            f"""CREATE TABLE statistics_counters{s} (
                unit TEXT NOT NULL, measure TEXT NOT NULL, day BIGINT NOT NULL,
                procedure TEXT NOT NULL, amount BIGINT NOT NULL,
                PRIMARY KEY (unit, measure, day, procedure))"""
        ]

    def writer(
        self, session: SqlSession, s: str, dialect: Dialect
    ) -> tuple[SqlStatisticsWriter, Flush]:
        writer = SqlStatisticsWriter(session, s)
        return writer, writer.flush


class SqlStatisticsWriter:
    def __init__(self, session: SqlSession, s: str) -> None:
        self._session = session
        self._s = s
        self._pending: dict[CounterKey, int] = {}

    async def add(self, changes: Mapping[CounterKey, int]) -> None:
        for key, amount in changes.items():
            self._pending[key] = self._pending.get(key, 0) + amount

    async def flush(self) -> None:
        changes = sorted((key, amount) for key, amount in self._pending.items() if amount)
        if changes:
            table = f"statistics_counters{self._s}"
            await self._session.executemany(
                f"INSERT INTO {table} (unit, measure, day, procedure, amount) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (unit, measure, day, procedure) "
                f"DO UPDATE SET amount = {table}.amount + excluded.amount",
                [(k.unit, k.measure.value, k.day, k.procedure, amount) for k, amount in changes],
            )
        self._pending.clear()


class SqlStatisticsReader:
    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch

    async def sums(
        self,
        units: Collection[str],
        procedure: str | None,
        *,
        first_day: int,
        last_day: int,
        today: int,
    ) -> list[MeasureSums]:
        if not units:
            return []
        by_procedure = " AND procedure = ?" if procedure is not None else ""
        rows = await self._fetch(
            "SELECT procedure, measure, "
            "CAST(SUM(CASE WHEN day < ? THEN amount ELSE 0 END) AS BIGINT), "
            "CAST(SUM(CASE WHEN day >= ? AND day <= ? THEN amount ELSE 0 END) AS BIGINT), "
            "CAST(SUM(CASE WHEN day < ? THEN amount ELSE 0 END) AS BIGINT), "
            "CAST(SUM(amount) AS BIGINT) "
            f"FROM statistics_counters WHERE unit IN ({marks(len(units))}){by_procedure} "
            "GROUP BY procedure, measure",
            [
                first_day,
                first_day,
                last_day,
                today,
                *units,
                *([procedure] if procedure is not None else []),
            ],
        )
        return [MeasureSums(str(row[0]), str(row[1]), *map(int, row[2:])) for row in rows]
