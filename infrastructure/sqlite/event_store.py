"""The event store in one SQLite file (WAL, synchronous=FULL), with group commit.

Writes go through one plain :mod:`sqlite3` connection on a thread of its own: appends
queue for one committer task (see :mod:`infrastructure.group_commit`), which hands each
batch to that thread to be judged, written and committed under ``BEGIN IMMEDIATE``
(see :mod:`infrastructure.sqlite.batch`); that lock also serialises us against other
processes on the same file, so positions are assigned as ``max(position) + 1`` and
commit in order. Reads use a second, query-only connection (aiosqlite), so they never
queue behind a write; WAL gives each read a snapshot that holds only committed appends.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

import aiosqlite

from application.ports import IdempotencyRecord, RecordedEvent, StoreUnavailable, StreamAppend
from infrastructure.durability import sqlite_problems
from infrastructure.group_commit import GroupCommitter, PendingAppend, Plan
from infrastructure.sqlite.batch import (
    EVENT_COLUMNS,
    finish,
    unavailable_when_transient,
    write_batch,
)
from infrastructure.sqlite.schema import CREATE_SCHEMA_MIGRATIONS, MIGRATIONS
from infrastructure.store_support import BeforeCommit, decode_metadata

T = TypeVar("T")
_PRAGMAS = ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON")
_SELECT_KEY = "SELECT key, fingerprint, result FROM idempotency_keys WHERE key = ?"


def _connect_writer(path: Path, busy_timeout: float) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)  # we BEGIN/COMMIT
    try:
        for pragma in _PRAGMAS:
            db.execute(f"PRAGMA {pragma}")
    except BaseException:
        db.close()
        raise
    return db


async def _connect_reader(path: Path, busy_timeout: float) -> aiosqlite.Connection:
    connection = await aiosqlite.connect(path, isolation_level=None)
    try:
        await connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        for pragma in (*_PRAGMAS, "query_only = ON"):
            await connection.execute(f"PRAGMA {pragma}")
    except BaseException:
        await connection.close()
        raise
    return connection


def _migrate(db: sqlite3.Connection) -> list[int]:
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute(CREATE_SCHEMA_MIGRATIONS)
        applied = {row[0] for row in db.execute("SELECT version FROM schema_migrations")}
        if applied - {m.version for m in MIGRATIONS}:
            raise RuntimeError(f"database has schema versions unknown here: {applied}")
        now = datetime.now(UTC).isoformat()
        done: list[int] = []
        for migration in MIGRATIONS:
            if migration.version not in applied:
                for statement in migration.statements:
                    db.execute(statement)
                db.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                    (migration.version, now),
                )
                done.append(migration.version)
        finish(db, commit=True)
        return done
    except BaseException:
        finish(db, commit=False)
        raise


def _durability(db: sqlite3.Connection) -> tuple[str, str]:
    journal_mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    synchronous = db.execute("PRAGMA synchronous").fetchone()[0]
    return str(journal_mode), str(synchronous)


def _to_event(row: Sequence[Any]) -> RecordedEvent:
    return RecordedEvent(
        position=row[0],
        stream_id=UUID(row[1]),
        stream_type=row[2],
        version=row[3],
        event_id=UUID(row[4]),
        type=row[5],
        payload=bytes(row[6]),
        metadata=decode_metadata(row[7]),
        recorded_at=datetime.fromisoformat(row[8]),
        hash=bytes(row[9]),
    )


class SqliteEventStore:
    """Open with ``await SqliteEventStore.open(path)``, then ``await store.migrate()``."""

    def __init__(
        self,
        writer: sqlite3.Connection,
        thread: ThreadPoolExecutor,
        reader: aiosqlite.Connection,
        *,
        busy_timeout: float = 5.0,
    ) -> None:
        self._writer = writer
        self._grace = busy_timeout + 5.0  # how long close() lets queued appends finish
        self._thread = thread
        self._reader = reader
        self._closed = False
        self._committer = GroupCommitter(self._commit_batch, name="SQLite")
        self.before_commit: BeforeCommit | None = None
        """Test hook, see :data:`infrastructure.store_support.BeforeCommit`."""

    @classmethod
    async def open(cls, path: str | Path, *, busy_timeout: float = 5.0) -> SqliteEventStore:
        """Open (creating if needed) the database file; ``busy_timeout`` seconds is how
        long a write waits for another process's write before :class:`StoreUnavailable`."""
        path = Path(path)
        thread = ThreadPoolExecutor(1, thread_name_prefix="motcua-sqlite-writer")
        loop = asyncio.get_running_loop()
        try:
            with unavailable_when_transient():
                writer = await loop.run_in_executor(thread, _connect_writer, path, busy_timeout)
                try:
                    reader = await _connect_reader(path, busy_timeout)
                except BaseException:
                    await loop.run_in_executor(thread, writer.close)
                    raise
        except BaseException:
            thread.shutdown(wait=False)
            raise
        return cls(writer, thread, reader, busy_timeout=busy_timeout)

    async def migrate(self) -> list[int]:
        """Apply the missing schema steps in one transaction; return their versions."""
        self._check_open()
        return await self._on_writer(_migrate, self._writer)

    async def append(
        self,
        streams: Sequence[StreamAppend],
        idempotency: IdempotencyRecord | None = None,
    ) -> int:
        self._check_open()
        return await self._committer.append(streams, idempotency)

    async def _commit_batch(self, batch: Sequence[PendingAppend]) -> Plan:
        hook = self.before_commit
        plan = await self._on_writer(partial(write_batch, commit=hook is None), self._writer, batch)
        if hook is not None:
            try:
                for pending, _ in plan.accepted:
                    await hook(pending.streams)
            except BaseException:
                await asyncio.shield(self._on_writer(partial(finish, commit=False), self._writer))
                raise
            await self._on_writer(partial(finish, commit=True), self._writer)
        return plan

    async def read_stream(self, stream_id: UUID, after_version: int = 0) -> list[RecordedEvent]:
        rows = await self._read(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version > ? "
            "ORDER BY version",
            (str(stream_id), after_version),
        )
        return [_to_event(row) for row in rows]

    async def stream_version(self, stream_id: UUID) -> int:
        ((version,),) = await self._read(
            "SELECT coalesce(max(version), 0) FROM events WHERE stream_id = ?", (str(stream_id),)
        )
        return int(version)

    async def read_all(
        self, after_position: int = 0, batch_size: int = 1000
    ) -> AsyncIterator[RecordedEvent]:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        position = after_position
        while True:
            rows = await self._read(
                f"SELECT {EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?",
                (position, batch_size),
            )
            for row in rows:
                yield _to_event(row)
            if len(rows) < batch_size:
                return
            position = rows[-1][0]

    async def last_position(self) -> int:
        ((last,),) = await self._read("SELECT coalesce(max(position), 0) FROM events")
        return int(last)

    async def find_idempotency(self, key: str) -> IdempotencyRecord | None:
        rows = await self._read(_SELECT_KEY, (key,))
        return IdempotencyRecord(*rows[0]) if rows else None

    async def ping(self) -> None:
        await self._read("SELECT 1")

    async def durability_problems(self) -> list[str]:
        """What in the writer's settings would lose acknowledged commits (the startup
        self-check, :mod:`infrastructure.durability`)."""
        self._check_open()
        journal_mode, synchronous = await self._on_writer(_durability, self._writer)
        return sqlite_problems(journal_mode, synchronous)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self._committer.close(self._grace)
        await self._reader.close()
        await self._on_writer(self._writer.close)
        self._thread.shutdown(wait=False)

    async def _on_writer(self, function: Callable[..., T], *args: Any) -> T:
        """Run ``function(*args)`` on the writer's thread."""
        with unavailable_when_transient():
            return await asyncio.get_running_loop().run_in_executor(self._thread, function, *args)

    async def _read(self, sql: str, parameters: Iterable[Any] = ()) -> list[Sequence[Any]]:
        self._check_open()
        with unavailable_when_transient():
            return list(await self._reader.execute_fetchall(sql, parameters))

    def _check_open(self) -> None:
        if self._closed:
            raise StoreUnavailable("the SQLite event store is closed")
