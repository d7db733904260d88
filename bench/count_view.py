"""A count of events per topic as a Motcua projection on SQL: the view the catch-up peer
(:mod:`bench.peer_projection`) keeps, rebuilt by Motcua's own machinery (batches of
events, one transaction per batch, the view built aside and swapped in), so the two
runners can be compared on the same work."""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from infrastructure.sql_views.sql import Dialect, Flush, SqlSession
from projections.ports import Envelope


class CountView(Protocol):
    async def add(self, topic: str) -> None: ...


class CountProjection:
    name = "bench_counts"
    version = 1
    topics: frozenset[str] | None = None

    async def handle(self, envelope: Envelope, view: CountView) -> None:
        await view.add(envelope.recorded.type)


class SqlCountFamily:
    name = "bench_counts"

    def tables(self, dialect: Dialect) -> tuple[str, ...]:
        return ("bench_counts",)

    def ddl(self, s: str, dialect: Dialect) -> list[str]:
        return [f"CREATE TABLE bench_counts{s} (topic TEXT PRIMARY KEY, n BIGINT NOT NULL)"]

    def writer(self, session: SqlSession, s: str, dialect: Dialect) -> tuple[SqlCountWriter, Flush]:
        writer = SqlCountWriter(session, s)
        return writer, writer.flush


class SqlCountWriter:
    def __init__(self, session: SqlSession, s: str) -> None:
        self._session = session
        self._s = s
        self._counts: Counter[str] = Counter()

    async def add(self, topic: str) -> None:
        self._counts[topic] += 1

    async def flush(self) -> None:
        await self._session.executemany(
            f"INSERT INTO bench_counts{self._s} (topic, n) VALUES (?, ?) "
            f"ON CONFLICT (topic) DO UPDATE SET n = bench_counts{self._s}.n + excluded.n",
            list(self._counts.items()),
        )
        self._counts.clear()
