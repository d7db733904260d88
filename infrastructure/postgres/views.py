"""Views in the event store's PostgreSQL database and schema, on a pool of their own.

Each active runner holds a direct connection of its own (``direct_dsn``: never through a
pooler in transaction mode, which would hand the session to others), and on it a session
advisory lock for its projection (``pg_try_advisory_lock``): one active runner per projection,
whatever the number of server processes; the lock goes when the connection does.
Its transactions lock the projection's tracking row first (``FOR UPDATE``), so a
rebuild's swap and a runner take turns. New events are announced by the store's
``pg_notify`` on :data:`NOTIFY_CHANNEL`, heard on one listening connection; runners
poll as well, since a notification can be lost with its connection. Text search is
``pg_trgm``: a GIN trigram index answers ``LIKE '%…%'``.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from functools import lru_cache
from typing import Any

import asyncpg

from application.ports import StoreUnavailable
from infrastructure.postgres.notifications import NotifiedWakeUps, close_quietly
from infrastructure.postgres.pooling import client_bounds, pool_arguments
from infrastructure.sql_views.sql import Dialect, Row, SqlSession
from projections.ports import RebuildInProgress

_OUTAGES: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.LockNotAvailableError,
    asyncpg.exceptions.InsufficientResourcesError,
    asyncpg.exceptions.TransactionRollbackError,
    asyncpg.exceptions.InterfaceError,
    asyncpg.exceptions.InternalClientError,  # no host of a multi-host DSN accepts writes
)
_KEEPALIVES = {
    "tcp_keepalives_idle": "10",
    "tcp_keepalives_interval": "5",
    "tcp_keepalives_count": "3",
}
_TRIGRAM_SCHEMA = """
SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'pg_trgm'
"""


@contextmanager
def _unavailable_on_outage() -> Iterator[None]:
    try:
        yield
    except _OUTAGES as error:
        raise StoreUnavailable(f"postgres views: {type(error).__name__}: {error}") from error


@lru_cache(maxsize=1024)
def numbered(sql: str) -> str:
    """``?`` placeholders as ``$1, $2, …`` (our statements hold no other question mark)."""
    first, *rest = sql.split("?")
    return first + "".join(f"${n}{part}" for n, part in enumerate(rest, start=1))


class PostgresSession:
    def __init__(self, connection: Any) -> None:
        self.connection = connection

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> None:
        with _unavailable_on_outage():
            await self.connection.execute(numbered(sql), *parameters)

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with _unavailable_on_outage():
                await self.connection.executemany(numbered(sql), rows)

    async def fetch(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        with _unavailable_on_outage():
            return list(await self.connection.fetch(numbered(sql), *parameters))


class TrigramTextSearch:
    def __init__(self, extension_schema: str) -> None:
        self._opclass = f'"{extension_schema}".gin_trgm_ops'

    def tables(self) -> tuple[str, ...]:
        return ()

    def ddl(self, s: str) -> list[str]:
        return [
            f"CREATE INDEX search_dossiers{s}_text "
            f"ON search_dossiers{s} USING gin (search_text {self._opclass})"
        ]

    async def add(self, session: SqlSession, s: str, texts: Sequence[tuple[int, str]]) -> None:
        return None  # the index follows search_dossiers.search_text

    def matching(self, s: str) -> str:
        return f"SELECT filed FROM search_dossiers{s} WHERE search_text LIKE ?"


def postgres_dialect(extension_schema: str) -> Dialect:
    return Dialect(
        name="postgres",
        for_update=" FOR UPDATE",
        text_search=TrigramTextSearch(extension_schema),
        list_tables="SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
        creation_lock="SELECT pg_advisory_xact_lock(hashtext('motcua: create views'))",
    )


class PostgresViews:
    """Open with ``await PostgresViews.open(dsn)`` on a migrated event store database."""

    def __init__(
        self,
        dsn: str,
        settings: dict[str, str],
        pool: Any,
        schema: str,
        dialect: Dialect,
        direct_dsn: str | None = None,
    ) -> None:
        self.dsn = dsn
        self.direct_dsn = direct_dsn or dsn
        """Leases (session advisory locks) and LISTEN: never through a transaction pooler."""
        self.settings = settings
        self.dialect = dialect
        self.wakeups = NotifiedWakeUps(self._connect)
        self._pool = pool
        self._schema = schema
        self._closed = False

    @classmethod
    async def open(
        cls,
        dsn: str,
        *,
        max_size: int = 10,
        statement_timeout: float = 30.0,
        server_settings: Mapping[str, str] | None = None,
        pooled: bool = False,
        direct_dsn: str | None = None,
    ) -> PostgresViews:
        """``pooled``: ``dsn`` is a transaction pooler; the advisory locks and the listener
        then connect to ``direct_dsn`` (:mod:`infrastructure.postgres.pooling`)."""
        settings = {"statement_timeout": str(int(statement_timeout * 1000))}
        settings |= dict(server_settings or {})
        with _unavailable_on_outage():
            pool = await asyncpg.create_pool(
                dsn,
                min_size=1,
                max_size=max_size,
                **client_bounds(statement_timeout),
                **pool_arguments(settings, pooled=pooled),
            )
        try:
            schema = await pool.fetchval("SELECT current_schema()")
            extension_schema = await pool.fetchval(_TRIGRAM_SCHEMA)
            if extension_schema is None:
                raise RuntimeError("pg_trgm is not installed here: run `motcua migrate`")
            dialect = postgres_dialect(extension_schema)
            views = cls(dsn, settings, pool, str(schema), dialect, direct_dsn)
            await views.wakeups.listen()
        except BaseException:
            await pool.close()
            raise
        return views

    async def fetch(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        with _unavailable_on_outage():
            return list(await self._pool.fetch(numbered(sql), *parameters))

    @asynccontextmanager
    async def lease(self, name: str) -> AsyncIterator[SqlSession | None]:
        async with self._advisory_lock("run", name) as connection:
            yield PostgresSession(connection) if connection is not None else None

    @asynccontextmanager
    async def transaction(self, session: SqlSession | None = None) -> AsyncIterator[SqlSession]:
        if isinstance(session, PostgresSession):
            with _unavailable_on_outage():
                async with session.connection.transaction():
                    yield session
            return
        with _unavailable_on_outage():
            async with self._pool.acquire() as connection, connection.transaction():
                yield PostgresSession(connection)

    @asynccontextmanager
    async def rebuilding(self, name: str) -> AsyncIterator[None]:
        async with self._advisory_lock("rebuild", name) as connection:
            if connection is None:
                raise RebuildInProgress(name)
            yield

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self.wakeups.close()
        try:
            await asyncio.wait_for(self._pool.close(), timeout=10)
        except TimeoutError:
            self._pool.terminate()

    def lock_key(self, purpose: str, name: str) -> int:
        """Advisory locks are per database: the key names the schema too."""
        digest = hashlib.sha256(f"motcua:{purpose}:{self._schema}:{name}".encode()).digest()
        return int.from_bytes(digest[:8], "big", signed=True)

    @asynccontextmanager
    async def _advisory_lock(self, purpose: str, name: str) -> AsyncIterator[Any | None]:
        """A connection holding the session lock, or None when another session holds it."""
        connection = await self._connect()
        try:
            with _unavailable_on_outage():
                held = await connection.fetchval(
                    "SELECT pg_try_advisory_lock($1)", self.lock_key(purpose, name)
                )
            yield connection if held else None
        finally:
            await close_quietly(connection)

    async def _connect(self) -> Any:
        """A direct session for a lease or the listener. Its keepalives let the server
        notice a client machine that vanished without closing the socket (a power cut,
        a partition) within about 25 s, and so free the locks it held."""
        settings = self.settings | _KEEPALIVES
        with _unavailable_on_outage():
            return await asyncpg.connect(self.direct_dsn, server_settings=settings, timeout=10)
