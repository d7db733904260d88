"""A projection's view and tracking row on SQL (SQLite or PostgreSQL): the
:class:`projections.ports.ProjectionStore` both adapters share.

Every transaction that writes the live view starts by reading (and, on PostgreSQL,
locking) the projection's row in ``projection_positions``; it writes the view, then
the new position, and commits. So the view and the position move together, and two
writers of one projection (a runner and a rebuild's swap, or a runner that lost its
lease) take turns and see each other's position instead of applying an event twice.

A rebuild creates the view's tables under the suffix ``__g<generation>``; its swap
drops the live tables and renames the new ones in, in the row-locked transaction.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime
from typing import Generic, TypeVar

from infrastructure.sql_views.sql import SqlBackend, SqlFamily, SqlSession
from projections.ports import PositionMoved, Tracking

W = TypeVar("W")

_COLUMNS = "version, generation, position, error"
_INSERT = (
    "INSERT INTO projection_positions (name, version, generation, position, updated_at) "
    "VALUES (?, ?, 0, 0, ?)"
)
_ADVANCE = (
    "UPDATE projection_positions SET position = ?, error = NULL, updated_at = ? WHERE name = ?"
)
_SWAPPED = (
    "UPDATE projection_positions SET version = ?, generation = ?, position = ?, error = NULL, "
    "updated_at = ? WHERE name = ?"
)
_FAILED = "UPDATE projection_positions SET error = ?, updated_at = ? WHERE name = ?"


def suffix(generation: int) -> str:
    return f"__g{generation}"


def _now() -> str:
    return datetime.now(UTC).isoformat()


class SqlTransaction(Generic[W]):
    def __init__(self, view: W) -> None:
        self._view = view
        self.position: int | None = None

    @property
    def view(self) -> W:
        return self._view

    def advance_to(self, position: int) -> None:
        self.position = position


class SqlLease(Generic[W]):
    def __init__(self, store: SqlProjectionStore[W], session: SqlSession) -> None:
        self._store = store
        self._session = session

    @asynccontextmanager
    async def transaction(self, expected_position: int) -> AsyncIterator[SqlTransaction[W]]:
        store = self._store
        async with store.backend.transaction(self._session) as session:
            tracking = await store.locked(session)
            if tracking is None or tracking.position != expected_position:
                raise PositionMoved(tracking.position if tracking else 0)
            async with store.writing(session, "") as transaction:
                yield transaction
            if transaction.position is not None:
                await session.execute(_ADVANCE, (transaction.position, _now(), store.name))


class SqlProjectionStore(Generic[W]):
    def __init__(self, backend: SqlBackend, family: SqlFamily[W]) -> None:
        self.backend = backend
        self.family = family

    @property
    def name(self) -> str:
        return self.family.name

    async def tracking(self) -> Tracking | None:
        rows = await self.backend.fetch(
            f"SELECT {_COLUMNS} FROM projection_positions WHERE name = ?", (self.name,)
        )
        return Tracking(*rows[0]) if rows else None

    async def locked(self, session: SqlSession) -> Tracking | None:
        rows = await session.fetch(
            f"SELECT {_COLUMNS} FROM projection_positions WHERE name = ?"
            + self.backend.dialect.for_update,
            (self.name,),
        )
        return Tracking(*rows[0]) if rows else None

    async def create(self, version: int) -> Tracking:
        existing = await self.tracking()
        if existing is not None:
            return existing
        async with self.backend.transaction() as session:
            await session.execute(self.backend.dialect.creation_lock)
            tracking = await self.locked(session)
            if tracking is None:
                await self._create_tables(session, "")
                await session.execute(_INSERT, (self.name, version, _now()))
                tracking = Tracking(version, 0, 0)
            return tracking

    @asynccontextmanager
    async def lease(self) -> AsyncIterator[SqlLease[W] | None]:
        async with self.backend.lease(self.name) as session:
            yield SqlLease(self, session) if session is not None else None

    async def record_failure(self, error: str) -> None:
        async with self.backend.transaction() as session:
            await session.execute(_FAILED, (error, _now(), self.name))

    @asynccontextmanager
    async def writing(self, session: SqlSession, s: str) -> AsyncIterator[SqlTransaction[W]]:
        """The view's writer on ``session``; its buffered writes go out on a clean exit."""
        view, flush = self.family.writer(session, s, self.backend.dialect)
        yield SqlTransaction(view)
        await flush()

    def rebuilding(self) -> AbstractAsyncContextManager[None]:
        return self.backend.rebuilding(self.name)

    async def begin_rebuild(self, version: int) -> int:
        tracking = await self.create(version)
        async with self.backend.transaction() as session:
            leftovers = await self._generations_aside(session)
            for generation in leftovers:
                await self._drop_tables(session, suffix(generation))
            generation = max([tracking.generation, *leftovers]) + 1
            await self._create_tables(session, suffix(generation))
        return generation

    @asynccontextmanager
    async def aside(self, generation: int) -> AsyncIterator[SqlTransaction[W]]:
        async with (
            self.backend.transaction() as session,
            self.writing(session, suffix(generation)) as transaction,
        ):
            yield transaction

    @asynccontextmanager
    async def swap(self, generation: int, version: int) -> AsyncIterator[SqlTransaction[W]]:
        async with self.backend.transaction() as session:
            await self.locked(session)
            async with self.writing(session, suffix(generation)) as transaction:
                yield transaction
            if transaction.position is None:
                raise ValueError("a swap must say the position its view is at")
            await self._drop_tables(session, "")
            for table in self.family.tables(self.backend.dialect):
                await session.execute(f"ALTER TABLE {table}{suffix(generation)} RENAME TO {table}")
            await session.execute(
                _SWAPPED, (version, generation, transaction.position, _now(), self.name)
            )

    async def abandon(self, generation: int) -> None:
        async with self.backend.transaction() as session:
            await self._drop_tables(session, suffix(generation))

    async def _create_tables(self, session: SqlSession, s: str) -> None:
        for statement in self.family.ddl(s, self.backend.dialect):
            await session.execute(statement)

    async def _drop_tables(self, session: SqlSession, s: str) -> None:
        for table in self.family.tables(self.backend.dialect):
            await session.execute(f"DROP TABLE IF EXISTS {table}{s}")

    async def _generations_aside(self, session: SqlSession) -> list[int]:
        tables = self.family.tables(self.backend.dialect)
        if not tables:  # a position-only store: moving its position is its whole rebuild
            return []
        first = tables[0]
        pattern = re.compile(rf"{re.escape(first)}__g(\d+)")
        names = [str(row[0]) for row in await session.fetch(self.backend.dialect.list_tables)]
        return [int(match[1]) for name in names if (match := pattern.fullmatch(name))]
