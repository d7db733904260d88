"""The event store in PostgreSQL, on an asyncpg pool, with group commit.

Appends queue for one committer task (see :mod:`infrastructure.group_commit`), which
writes each batch in one transaction on its own connection: ``BEGIN; LOCK TABLE ONLY
events IN EXCLUSIVE MODE`` (the partitioned parent: appends run one batch at a time,
readers are not blocked; new months get their partition here, see
:mod:`infrastructure.postgres.partitioning`), one
statement reading the head, versions, keys and event ids the batch names, one statement
writing all accepted events and keys (and notifying), ``COMMIT``. Positions continue from
the stored maximum, so they are dense and commit in order: a reader following positions
never skips an event that committed late. ``lock_timeout`` and ``statement_timeout`` are
set per connection; their expiry, and any connection failure, raise
:class:`StoreUnavailable`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import asyncpg

from application.ports import (
    ChainAnchor,
    IdempotencyRecord,
    RecordedEvent,
    StoreUnavailable,
    StreamAppend,
)
from infrastructure.durability import POSTGRES_SETTINGS, postgres_problems
from infrastructure.group_commit import GroupCommitter, PendingAppend, Plan
from infrastructure.postgres.batch import (
    BEGIN,
    COLUMNS,
    NOTIFY_CHANNEL,
    OUTAGES,
    unavailable_on_outage,
    write_batch,
)
from infrastructure.postgres.cold_storage import (
    Detached,
    attached_months,
    check_detach,
    detach,
)
from infrastructure.postgres.partitioning import ENSURE_MONTHS
from infrastructure.postgres.pooling import CLIENT_MARGIN, client_bounds, pool_arguments
from infrastructure.postgres.schema import (
    CREATE_SCHEMA_MIGRATIONS,
    MIGRATION_LOCK_KEY,
    MIGRATIONS,
)
from infrastructure.store_support import BeforeCommit, decode_metadata

__all__ = ["NOTIFY_CHANNEL", "PostgresEventStore"]
_SELECT_KEY = "SELECT key, fingerprint, result FROM idempotency_keys WHERE key = $1"
_ANCHOR = """
SELECT last_position, last_hash FROM detached_partitions
WHERE last_position IS NOT NULL ORDER BY last_position DESC LIMIT 1
"""


async def _introspect_array_types(connection: Any) -> None:
    """Pool ``init``: make asyncpg learn the array types appends use when a connection
    opens, not in its first append, where it would cost milliseconds under the lock."""
    await connection.fetch(
        "SELECT NULL::uuid[], NULL::bigint[], NULL::integer[], NULL::text[], NULL::bytea[]"
    )


def _to_event(row: Any) -> RecordedEvent:
    return RecordedEvent(
        position=row[0],
        stream_id=UUID(int=row[1].int),
        stream_type=row[2],
        version=row[3],
        event_id=UUID(int=row[4].int),
        type=row[5],
        payload=row[6],
        metadata=decode_metadata(row[7]),
        recorded_at=row[8],
        hash=bytes(row[9]),
    )


def _lost(conn: Any) -> bool:
    """Whether a pooled connection is closed; the pool detaches a connection it saw
    close, and a detached one answers every call with InterfaceError."""
    try:
        return bool(conn.is_closed())
    except asyncpg.InterfaceError:
        return True


class PostgresEventStore:
    """Open with ``await PostgresEventStore.open(dsn)``, then ``await store.migrate()``."""

    def __init__(self, pool: Any, *, timeout: float) -> None:
        self._pool = pool
        self._timeout = timeout
        self._give_up = timeout + CLIENT_MARGIN
        self._closed = False
        self._committer = GroupCommitter(self._commit_batch, name="PostgreSQL")
        self._writer: Any | None = None
        self._months: set[tuple[int, int]] = set()
        """Months whose partition (and the next month's) a committed batch ensured."""
        self.before_commit: BeforeCommit | None = None
        """Test hook, see :data:`infrastructure.store_support.BeforeCommit`."""

    @classmethod
    async def open(
        cls,
        dsn: str,
        *,
        min_size: int = 1,
        max_size: int = 10,
        lock_timeout: float = 5.0,
        statement_timeout: float = 10.0,
        server_settings: Mapping[str, str] | None = None,
        pooled: bool = False,
    ) -> PostgresEventStore:
        """Connect a pool. An append waits at most ``lock_timeout`` seconds for the
        events lock and any statement runs at most ``statement_timeout`` seconds;
        waiting for a pooled connection or a connect also gives up after
        ``statement_timeout``, and every call gives up on its own a second later, even
        when the server answers nothing at all (frozen, or a silent network).
        ``server_settings`` are extra session settings (e.g. ``search_path``); ``pooled``:
        ``dsn`` is a transaction pooler (:mod:`infrastructure.postgres.pooling`)."""
        settings = {
            "lock_timeout": str(int(lock_timeout * 1000)),
            "statement_timeout": str(int(statement_timeout * 1000)),
            **(server_settings or {}),
        }
        with unavailable_on_outage():
            pool = await asyncpg.create_pool(
                dsn,
                min_size=min_size,
                max_size=max_size,
                init=_introspect_array_types,
                **client_bounds(statement_timeout),
                **pool_arguments(settings, pooled=pooled),
            )
        return cls(pool, timeout=statement_timeout)

    async def migrate(self) -> list[int]:
        """Apply the missing schema steps in one transaction, holding an advisory lock
        so concurrent migrations take turns; return the versions applied."""
        async with self._transaction() as conn:
            await conn.execute("SET LOCAL statement_timeout = 0")
            await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK_KEY, timeout=3600)
            await conn.execute(CREATE_SCHEMA_MIGRATIONS)
            applied = {row[0] for row in await conn.fetch("SELECT version FROM schema_migrations")}
            if applied - {m.version for m in MIGRATIONS}:
                raise RuntimeError(f"database has schema versions unknown here: {applied}")
            done: list[int] = []
            for migration in MIGRATIONS:
                if migration.version not in applied:
                    for statement in migration.statements:
                        await conn.execute(statement, timeout=3600)
                    await conn.execute(
                        "INSERT INTO schema_migrations (version) VALUES ($1)", migration.version
                    )
                    done.append(migration.version)
            return done

    async def append(
        self,
        streams: Sequence[StreamAppend],
        idempotency: IdempotencyRecord | None = None,
    ) -> int:
        self._check_open()
        return await self._committer.append(streams, idempotency)

    async def _commit_batch(self, batch: Sequence[PendingAppend]) -> Plan:
        with unavailable_on_outage():
            conn = await self._writer_connection()
            try:
                await conn.execute(BEGIN)
                now = datetime.now(UTC)
                month = (now.year, now.month)
                if month not in self._months:
                    await conn.execute(ENSURE_MONTHS, now)
                plan = await write_batch(conn, batch)
                if self.before_commit is not None:
                    for pending, _ in plan.accepted:
                        await self.before_commit(pending.streams)
                await conn.execute("COMMIT")
                self._months.add(month)
                return plan
            except BaseException as error:
                await self._after_failure(conn, error)
                raise

    async def _writer_connection(self) -> Any:
        """The committer's connection, kept between batches (a pooled connection is
        reset on every release: a round trip per append saved); a new one when the
        kept one was lost meanwhile (a server restart, say)."""
        if self._writer is not None and _lost(self._writer):
            self._writer = None
        if self._writer is None:
            self._writer = await self._pool.acquire(timeout=self._timeout)
        return self._writer

    async def _after_failure(self, conn: Any, error: BaseException) -> None:
        """Roll back after an error the server reported; after anything else (a broken
        connection, a timeout, a cancellation) give the connection up."""
        if isinstance(error, asyncpg.PostgresError) and not _lost(conn):
            with suppress(*OUTAGES, asyncpg.PostgresError, asyncpg.InterfaceError):
                await conn.execute("ROLLBACK")
                return
        self._writer = None
        with suppress(asyncpg.InterfaceError):  # already handed back by the pool
            conn.terminate()
        with suppress(Exception):
            await self._pool.release(conn)

    async def read_stream(self, stream_id: UUID, after_version: int = 0) -> list[RecordedEvent]:
        rows = await self._fetch(
            f"SELECT {COLUMNS} FROM events WHERE stream_id = $1 AND version > $2 ORDER BY version",
            stream_id,
            after_version,
        )
        return [_to_event(row) for row in rows]

    async def stream_version(self, stream_id: UUID) -> int:
        rows = await self._fetch(
            "SELECT coalesce((SELECT version FROM streams WHERE stream_id = $1), 0)", stream_id
        )
        return int(rows[0][0])

    async def read_all(
        self, after_position: int = 0, batch_size: int = 1000
    ) -> AsyncIterator[RecordedEvent]:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        position = after_position
        while True:
            rows = await self._fetch(
                f"SELECT {COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2",
                position,
                batch_size,
            )
            for row in rows:
                yield _to_event(row)
            if len(rows) < batch_size:
                return
            position = rows[-1][0]

    async def last_position(self) -> int:
        rows = await self._fetch("SELECT coalesce(max(position), 0) FROM events")
        return int(rows[0][0])

    async def chain_anchor(self) -> ChainAnchor | None:
        rows = await self._fetch(_ANCHOR)
        return ChainAnchor(rows[0][0], bytes(rows[0][1])) if rows else None

    async def detach_months(
        self, before: datetime, readers: Mapping[str, int], kept_types: Collection[str]
    ) -> Detached:
        """Detach every month before ``before`` for cold storage, or raise
        :class:`~infrastructure.postgres.cold_storage.DetachRefused` saying why not
        (``readers``: positions of log readers whose rows live in another database)."""
        async with self._transaction() as conn:
            await conn.execute("SET LOCAL statement_timeout = 0")
            months = await attached_months(conn, before)
            head = await conn.fetchval("SELECT coalesce(max(position), 0) FROM events")
            await check_detach(conn, before, months, readers, kept_types)
        async with self._transaction() as conn:
            return await detach(conn, before, months, head)

    async def find_idempotency(self, key: str) -> IdempotencyRecord | None:
        rows = await self._fetch(_SELECT_KEY, key)
        return IdempotencyRecord(*rows[0]) if rows else None

    async def ping(self) -> None:
        await self._fetch("SELECT 1")

    async def durability_problems(self) -> list[str]:
        """What in this session's settings would lose acknowledged commits (the
        startup self-check, :mod:`infrastructure.durability`)."""
        read = ", ".join(f"current_setting('{name}')" for name in POSTGRES_SETTINGS)
        rows = await self._fetch(f"SELECT {read}")
        return postgres_problems(dict(zip(POSTGRES_SETTINGS, rows[0], strict=True)))

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self._committer.close(self._timeout)
        if self._writer is not None:
            with suppress(Exception):
                await self._pool.release(self._writer, timeout=self._timeout)
            self._writer = None
        try:
            await asyncio.wait_for(self._pool.close(), timeout=self._timeout)
        except TimeoutError:
            self._pool.terminate()

    async def _fetch(self, sql: str, *args: Any) -> list[Any]:
        self._check_open()
        with unavailable_on_outage():
            async with asyncio.timeout(self._give_up):
                try:
                    conn = await self._pool.acquire(timeout=self._timeout)
                except asyncpg.InterfaceError:
                    self._check_open()  # closed meanwhile: unavailable, like any call after
                    raise
                try:
                    return list(await conn.fetch(sql, *args))
                except BaseException as error:
                    # Not the server's answer (a timeout, a cancellation, a broken
                    # socket): give the connection up, for the pool would wait on its
                    # release for a cancellation that a frozen server never confirms.
                    if not isinstance(error, asyncpg.PostgresError):
                        with suppress(asyncpg.InterfaceError):
                            conn.terminate()
                    raise
                finally:
                    await self._pool.release(conn)

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[Any]:
        self._check_open()
        with unavailable_on_outage():
            async with (
                self._pool.acquire(timeout=self._timeout) as conn,
                conn.transaction(),
            ):
                yield conn

    def _check_open(self) -> None:
        if self._closed:
            raise StoreUnavailable("the PostgreSQL event store is closed")
