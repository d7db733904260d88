"""Views in the event store's SQLite file, on connections of their own (aiosqlite).

Each active runner writes through a connection of its own, in ``BEGIN IMMEDIATE``
transactions: SQLite's single-writer lock serialises them with the event store's
appends and with other processes. Within this process a registry lets only one
runner per projection and file hold the lease; across processes the tracked-position
check inside each transaction keeps the effect exactly-once. Queries use one
query-only connection; WAL gives each a snapshot of committed data. Text search is
an FTS5 trigram index, which answers ``LIKE '%…%'`` from the index.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from pathlib import Path
from typing import Any

import aiosqlite

from application.ports import StoreUnavailable
from infrastructure.polling_wakeups import PollingWakeUps
from infrastructure.sql_views.sql import Dialect, Row, SqlSession

_TRANSIENT = frozenset(
    {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL}
    | {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PROTOCOL}
)
_LEASED: set[tuple[str, str]] = set()
"""(file, projection) pairs whose lease a runner of this process holds."""
_REBUILDING: dict[tuple[str, str], asyncio.Lock] = {}


@contextmanager
def _unavailable_when_transient() -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode & 0xFF in _TRANSIENT:
            raise StoreUnavailable(f"sqlite views: {error}") from error
        raise


class SqliteSession:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> None:
        with _unavailable_when_transient():
            await self.connection.execute(sql, parameters)

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with _unavailable_when_transient():
                await self.connection.executemany(sql, rows)

    async def fetch(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        with _unavailable_when_transient():
            return list(await self.connection.execute_fetchall(sql, parameters))


class Fts5TextSearch:
    def tables(self) -> tuple[str, ...]:
        return ("search_text",)

    def ddl(self, s: str) -> list[str]:
        return [f"CREATE VIRTUAL TABLE search_text{s} USING fts5(text, tokenize = 'trigram')"]

    async def add(self, session: SqlSession, s: str, texts: Sequence[tuple[int, str]]) -> None:
        await session.executemany(f"INSERT INTO search_text{s} (rowid, text) VALUES (?, ?)", texts)

    def matching(self, s: str) -> str:
        return f"SELECT rowid FROM search_text{s} WHERE text LIKE ?"


SQLITE = Dialect(
    name="sqlite",
    for_update="",
    text_search=Fts5TextSearch(),
    list_tables="SELECT name FROM sqlite_master WHERE type = 'table'",
    creation_lock="SELECT 1",  # BEGIN IMMEDIATE already excludes every other writer
)


async def _connect(path: Path, busy_timeout: float, *, query_only: bool) -> aiosqlite.Connection:
    with _unavailable_when_transient():
        connection = await aiosqlite.connect(path, isolation_level=None)
        try:
            await connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute("PRAGMA synchronous = FULL")
            if query_only:
                await connection.execute("PRAGMA query_only = ON")
        except BaseException:
            await connection.close()
            raise
    return connection


class SqliteViews:
    """Open with ``await SqliteViews.open(path)`` on a migrated event store file."""

    dialect = SQLITE

    def __init__(self, path: Path, busy_timeout: float, reader: aiosqlite.Connection) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self.wakeups = PollingWakeUps()
        self._reader = SqliteSession(reader)
        self._maintenance: SqliteSession | None = None
        self._maintenance_lock = asyncio.Lock()
        self._closed = False

    @classmethod
    async def open(cls, path: str | Path, *, busy_timeout: float = 5.0) -> SqliteViews:
        resolved = await asyncio.to_thread(Path(path).resolve)
        return cls(resolved, busy_timeout, await _connect(resolved, busy_timeout, query_only=True))

    async def fetch(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        return await self._reader.fetch(sql, parameters)

    @asynccontextmanager
    async def lease(self, name: str) -> AsyncIterator[SqlSession | None]:
        key = (str(self.path), name)
        if key in _LEASED:
            yield None
            return
        _LEASED.add(key)
        try:
            connection = await _connect(self.path, self.busy_timeout, query_only=False)
            try:
                yield SqliteSession(connection)
            finally:
                await connection.close()
        finally:
            _LEASED.discard(key)

    @asynccontextmanager
    async def transaction(self, session: SqlSession | None = None) -> AsyncIterator[SqlSession]:
        if session is not None:
            async with _immediate(session):
                yield session
            return
        async with self._maintenance_lock:
            if self._maintenance is None:
                self._maintenance = SqliteSession(
                    await _connect(self.path, self.busy_timeout, query_only=False)
                )
            async with _immediate(self._maintenance):
                yield self._maintenance

    @asynccontextmanager
    async def rebuilding(self, name: str) -> AsyncIterator[None]:
        async with _REBUILDING.setdefault((str(self.path), name), asyncio.Lock()):
            yield

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self._reader.connection.close()
        if self._maintenance is not None:
            await self._maintenance.connection.close()
        await self.wakeups.close()


@asynccontextmanager
async def _immediate(session: SqlSession) -> AsyncIterator[None]:
    """A write transaction. BEGIN is inside the ``try``: a task cancelled while its BEGIN
    waits for the lock leaves the BEGIN to finish on aiosqlite's thread, and the ROLLBACK
    queued after it must end that transaction, or the connection keeps the database's
    write lock for as long as it stays open."""
    try:
        await session.execute("BEGIN IMMEDIATE")
        yield
        await session.execute("COMMIT")
    except BaseException:
        with suppress(sqlite3.Error, StoreUnavailable):
            await session.execute("ROLLBACK")
        raise
