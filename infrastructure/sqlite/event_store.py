"""The event store in one SQLite file (WAL, synchronous=FULL), on aiosqlite.

One writer connection: appends take an :class:`asyncio.Lock` and ``BEGIN IMMEDIATE``
(which also serialises them against other processes on the same file), so positions
are assigned as ``max(position) + 1`` and commit in order. Reads use a second,
query-only connection, so they never queue behind a write; WAL gives each read a
snapshot that holds only committed appends.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import aiosqlite

from application.chain import GENESIS
from application.ports import (
    IdempotencyKeyExists,
    IdempotencyRecord,
    NewEvent,
    RecordedEvent,
    StoreUnavailable,
    StreamAppend,
)
from infrastructure.sqlite.schema import CREATE_SCHEMA_MIGRATIONS, MIGRATIONS
from infrastructure.store_support import (
    BeforeCommit,
    chain,
    check_versions,
    decode_metadata,
    encode_metadata,
    validate_append,
)

_EVENT_COLUMNS = (
    "position, stream_id, stream_type, version, event_id, event_type, payload, metadata, "
    "recorded_at, hash"
)
# Primary result codes that mean "try again later", not "your SQL is wrong".
_TRANSIENT_CODES = frozenset(
    {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL}
    | {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PROTOCOL}
)


@contextmanager
def _unavailable_when_transient() -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode & 0xFF in _TRANSIENT_CODES:
            raise StoreUnavailable(f"sqlite: {error}") from error
        raise


async def _connect(path: Path, busy_timeout: float, *, query_only: bool) -> aiosqlite.Connection:
    connection = await aiosqlite.connect(path, isolation_level=None)  # we issue BEGIN/COMMIT
    try:
        await connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        await connection.execute("PRAGMA journal_mode = WAL")
        await connection.execute("PRAGMA synchronous = FULL")
        await connection.execute("PRAGMA foreign_keys = ON")
        if query_only:
            await connection.execute("PRAGMA query_only = ON")
    except BaseException:
        await connection.close()
        raise
    return connection


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


def _to_row(
    position: int, stream: StreamAppend, event: NewEvent, now: datetime, hash: bytes
) -> tuple[Any, ...]:
    return (
        position,
        str(stream.stream_id),
        stream.stream_type,
        event.version,
        str(event.event_id),
        event.type,
        event.payload,
        encode_metadata(event.metadata),
        now.isoformat(),
        hash,
    )


class SqliteEventStore:
    """Open with ``await SqliteEventStore.open(path)``, then ``await store.migrate()``."""

    def __init__(self, writer: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()
        self._closed = False
        self.before_commit: BeforeCommit | None = None
        """Test hook, see :data:`infrastructure.store_support.BeforeCommit`."""

    @classmethod
    async def open(cls, path: str | Path, *, busy_timeout: float = 5.0) -> SqliteEventStore:
        """Open (creating if needed) the database file; ``busy_timeout`` seconds is how
        long a write waits for another process's write before :class:`StoreUnavailable`."""
        path = Path(path)
        with _unavailable_when_transient():
            writer = await _connect(path, busy_timeout, query_only=False)
            try:
                reader = await _connect(path, busy_timeout, query_only=True)
            except BaseException:
                await writer.close()
                raise
        return cls(writer, reader)

    async def migrate(self) -> list[int]:
        """Apply the missing schema steps in one transaction; return their versions."""
        async with self._write_transaction() as db:
            await db.execute(CREATE_SCHEMA_MIGRATIONS)
            applied = {row[0] for row in await db.execute_fetchall(_SELECT_VERSIONS)}
            if applied - {m.version for m in MIGRATIONS}:
                raise RuntimeError(f"database has schema versions unknown here: {applied}")
            now = datetime.now(UTC).isoformat()
            done: list[int] = []
            for migration in MIGRATIONS:
                if migration.version not in applied:
                    for statement in migration.statements:
                        await db.execute(statement)
                    await db.execute(_INSERT_VERSION, (migration.version, now))
                    done.append(migration.version)
            return done

    async def append(
        self,
        streams: Sequence[StreamAppend],
        idempotency: IdempotencyRecord | None = None,
    ) -> int:
        validate_append(streams)
        async with self._write_transaction() as db:
            if idempotency is not None:
                rows = list(await db.execute_fetchall(_SELECT_KEY, (idempotency.key,)))
                if rows:
                    raise IdempotencyKeyExists(IdempotencyRecord(*rows[0]))
            current = await db.execute_fetchall(*_select_versions(streams))
            check_versions(streams, {UUID(row[0]): row[1] for row in current})
            head = list(await db.execute_fetchall(_SELECT_HEAD))
            last, previous = (head[0][0], bytes(head[0][1])) if head else (0, GENESIS)
            now = datetime.now(UTC)
            rows = []
            for stream, event in ((s, e) for s in streams for e in s.events):
                last += 1
                previous = chain(previous, last, stream, event, now)
                rows.append(_to_row(last, stream, event, now, previous))
            await db.executemany(
                f"INSERT INTO events ({_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )
            if idempotency is not None:
                await db.execute(
                    "INSERT INTO idempotency_keys VALUES (?, ?, ?, ?, ?)",
                    (
                        idempotency.key,
                        idempotency.fingerprint,
                        idempotency.result,
                        last,
                        now.isoformat(),
                    ),
                )
            if self.before_commit is not None:
                await self.before_commit(streams)
            return int(last)

    async def read_stream(self, stream_id: UUID, after_version: int = 0) -> list[RecordedEvent]:
        rows = await self._read(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version > ? "
            "ORDER BY version",
            (str(stream_id), after_version),
        )
        return [_to_event(row) for row in rows]

    async def read_all(
        self, after_position: int = 0, batch_size: int = 1000
    ) -> AsyncIterator[RecordedEvent]:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        position = after_position
        while True:
            rows = await self._read(
                f"SELECT {_EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?",
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

    async def close(self) -> None:
        async with self._write_lock:
            if self._closed:
                return
            self._closed = True
            await self._reader.close()
            await self._writer.close()

    async def _read(self, sql: str, parameters: Iterable[Any] = ()) -> list[Sequence[Any]]:
        if self._closed:
            raise StoreUnavailable("the SQLite event store is closed")
        with _unavailable_when_transient():
            return list(await self._reader.execute_fetchall(sql, parameters))

    @asynccontextmanager
    async def _write_transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._write_lock:
            if self._closed:
                raise StoreUnavailable("the SQLite event store is closed")
            with _unavailable_when_transient():
                await self._writer.execute("BEGIN IMMEDIATE")
                try:
                    yield self._writer
                    await self._writer.execute("COMMIT")
                except BaseException:
                    with suppress(sqlite3.Error):
                        await self._writer.execute("ROLLBACK")
                    raise


_SELECT_VERSIONS = "SELECT version FROM schema_migrations"
_SELECT_HEAD = "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1"
_INSERT_VERSION = "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"
_SELECT_KEY = "SELECT key, fingerprint, result FROM idempotency_keys WHERE key = ?"


def _select_versions(streams: Sequence[StreamAppend]) -> tuple[str, list[str]]:
    marks = ", ".join("?" for _ in streams)
    return (
        f"SELECT stream_id, max(version) FROM events WHERE stream_id IN ({marks}) "
        "GROUP BY stream_id",
        [str(s.stream_id) for s in streams],
    )
