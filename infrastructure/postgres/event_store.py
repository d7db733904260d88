"""The event store in PostgreSQL, on an asyncpg pool.

Each append is one transaction that first takes ``LOCK TABLE events IN EXCLUSIVE
MODE``: appends run one at a time (readers are not blocked), so ``max(position) + 1``
gives dense positions that commit in order and a reader following positions never
skips an event that committed late. Versions and idempotency keys are checked under
the same lock. ``lock_timeout`` and ``statement_timeout`` are set per connection; their
expiry, and any connection failure, raise :class:`StoreUnavailable`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import asyncpg

from application.chain import GENESIS
from application.ports import (
    IdempotencyKeyExists,
    IdempotencyRecord,
    RecordedEvent,
    StoreUnavailable,
    StreamAppend,
)
from infrastructure.postgres.schema import (
    CREATE_SCHEMA_MIGRATIONS,
    MIGRATION_LOCK_KEY,
    MIGRATIONS,
)
from infrastructure.store_support import (
    BeforeCommit,
    chain,
    check_versions,
    decode_metadata,
    encode_metadata,
    validate_append,
)

_OUTAGES: tuple[type[BaseException], ...] = (
    OSError,  # includes ConnectionError
    TimeoutError,  # asyncio.TimeoutError is the same class since 3.11
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,  # query canceled, admin shutdown, ...
    asyncpg.exceptions.LockNotAvailableError,  # lock_timeout
    asyncpg.exceptions.InsufficientResourcesError,  # too many connections, disk full
    asyncpg.exceptions.TransactionRollbackError,  # deadlock, serialization failure
)
NOTIFY_CHANNEL = "motcua_events"
"""Each append notifies this channel with its last position when it commits."""
_COLUMNS = (
    "position, stream_id, stream_type, version, event_id, event_type, payload, "
    "metadata, recorded_at, hash"
)
_SELECT_KEY = "SELECT key, fingerprint, result FROM idempotency_keys WHERE key = $1"
_STATE = """
SELECT coalesce((SELECT max(position) FROM events), 0),
       (SELECT hash FROM events ORDER BY position DESC LIMIT 1),
       array(SELECT coalesce((SELECT max(e.version) FROM events e WHERE e.stream_id = s.id), 0)
             FROM unnest($1::uuid[]) WITH ORDINALITY AS s(id, n) ORDER BY s.n)
"""
_INSERT = f"""
INSERT INTO events ({_COLUMNS})
SELECT p, s, st, v, e, et, pl, m::jsonb, $9::timestamptz, h
FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::integer[], $5::uuid[], $6::text[],
            $7::bytea[], $8::text[], $10::bytea[]) AS t(p, s, st, v, e, et, pl, m, h)
"""


async def _introspect_array_types(connection: Any) -> None:
    """Pool ``init``: make asyncpg learn the array types appends use when a connection
    opens, not in its first append, where it would cost milliseconds under the lock."""
    await connection.fetch(
        "SELECT NULL::uuid[], NULL::bigint[], NULL::integer[], NULL::text[], NULL::bytea[]"
    )


@contextmanager
def _unavailable_on_outage() -> Iterator[None]:
    try:
        yield
    except _OUTAGES as error:
        raise StoreUnavailable(f"postgres: {type(error).__name__}: {error}") from error


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


class PostgresEventStore:
    """Open with ``await PostgresEventStore.open(dsn)``, then ``await store.migrate()``."""

    def __init__(self, pool: Any, *, timeout: float) -> None:
        self._pool = pool
        self._timeout = timeout
        self._closed = False
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
    ) -> PostgresEventStore:
        """Connect a pool. An append waits at most ``lock_timeout`` seconds for the
        events lock and any statement runs at most ``statement_timeout`` seconds;
        waiting for a pooled connection or a connect also gives up after
        ``statement_timeout``. ``server_settings`` are extra session settings (e.g.
        ``search_path``)."""
        settings = {
            "lock_timeout": str(int(lock_timeout * 1000)),
            "statement_timeout": str(int(statement_timeout * 1000)),
            **(server_settings or {}),
        }
        with _unavailable_on_outage():
            pool = await asyncpg.create_pool(
                dsn,
                min_size=min_size,
                max_size=max_size,
                timeout=statement_timeout,
                command_timeout=statement_timeout + 5.0,  # a dead network, not a slow query
                server_settings=settings,
                init=_introspect_array_types,
            )
        return cls(pool, timeout=statement_timeout)

    async def migrate(self) -> list[int]:
        """Apply the missing schema steps in one transaction, holding an advisory lock
        so concurrent migrations take turns; return the versions applied."""
        async with self._transaction() as conn:
            await conn.execute("SET LOCAL statement_timeout = 0")
            await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK_KEY)
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
        validate_append(streams)
        async with self._transaction() as conn:
            await conn.execute("LOCK TABLE events IN EXCLUSIVE MODE")
            if idempotency is not None:
                found = await conn.fetchrow(_SELECT_KEY, idempotency.key)
                if found is not None:
                    raise IdempotencyKeyExists(IdempotencyRecord(*found))
            last, head, versions = await conn.fetchrow(_STATE, [s.stream_id for s in streams])
            check_versions(
                streams, {s.stream_id: v for s, v in zip(streams, versions, strict=True)}
            )
            events = [(s, e) for s in streams for e in s.events]
            now, previous, hashes = datetime.now(UTC), head or GENESIS, []
            for offset, (stream, event) in enumerate(events, start=1):
                previous = chain(previous, last + offset, stream, event, now)
                hashes.append(previous)
            await conn.execute(
                _INSERT,
                list(range(last + 1, last + len(events) + 1)),
                [s.stream_id for s, _ in events],
                [s.stream_type for s, _ in events],
                [e.version for _, e in events],
                [e.event_id for _, e in events],
                [e.type for _, e in events],
                [bytes(e.payload) for _, e in events],
                [encode_metadata(e.metadata) for _, e in events],
                now,
                hashes,
            )
            last += len(events)
            await conn.execute("SELECT pg_notify($1, $2)", NOTIFY_CHANNEL, str(last))
            if idempotency is not None:
                await conn.execute(
                    "INSERT INTO idempotency_keys (key, fingerprint, result, position) "
                    "VALUES ($1, $2, $3, $4)",
                    idempotency.key,
                    idempotency.fingerprint,
                    bytes(idempotency.result),
                    last,
                )
            if self.before_commit is not None:
                await self.before_commit(streams)
            return int(last)

    async def read_stream(self, stream_id: UUID, after_version: int = 0) -> list[RecordedEvent]:
        rows = await self._fetch(
            f"SELECT {_COLUMNS} FROM events WHERE stream_id = $1 AND version > $2 ORDER BY version",
            stream_id,
            after_version,
        )
        return [_to_event(row) for row in rows]

    async def read_all(
        self, after_position: int = 0, batch_size: int = 1000
    ) -> AsyncIterator[RecordedEvent]:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        position = after_position
        while True:
            rows = await self._fetch(
                f"SELECT {_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2",
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

    async def find_idempotency(self, key: str) -> IdempotencyRecord | None:
        rows = await self._fetch(_SELECT_KEY, key)
        return IdempotencyRecord(*rows[0]) if rows else None

    async def ping(self) -> None:
        await self._fetch("SELECT 1")

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            await asyncio.wait_for(self._pool.close(), timeout=self._timeout)
        except TimeoutError:
            self._pool.terminate()

    async def _fetch(self, sql: str, *args: Any) -> list[Any]:
        self._check_open()
        with _unavailable_on_outage():
            return list(await self._pool.fetch(sql, *args, timeout=self._timeout + 5.0))

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[Any]:
        self._check_open()
        with _unavailable_on_outage():
            async with (
                self._pool.acquire(timeout=self._timeout) as conn,
                conn.transaction(),
            ):
                yield conn

    def _check_open(self) -> None:
        if self._closed:
            raise StoreUnavailable("the PostgreSQL event store is closed")
