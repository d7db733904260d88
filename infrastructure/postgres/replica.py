"""Views read from a streaming replica, once it has replayed what a query must see.

A view's row commits on the primary in its projection's transaction, after the write it
shows; so the replica must have replayed past the primary's WAL as it is once the
projection caught up, not merely past the write's own commit. :meth:`serve_reads` takes
``pg_current_wal_lsn()`` on the primary (one short round trip), then polls the
replica's ``pg_last_wal_replay_lsn()`` until it passed it (PostgreSQL 15 has no
server-side wait for an LSN), at most the given seconds. The choice holds for the rest
of the call (a context variable, reset per request by :func:`primary_reads`): its
readers ask :meth:`fetch`, which goes to the replica or to the primary. A replica that
is away or missed its bound sends the reads of the next second straight to the primary,
so a broken replica costs no query a wait.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import asyncpg

from application.ports import StoreUnavailable
from infrastructure.postgres.batch import unavailable_on_outage
from infrastructure.postgres.pooling import client_bounds, pool_arguments
from infrastructure.postgres.views import numbered
from infrastructure.sql_views.sql import Row

Fetch = Callable[[str, Sequence[Any]], Awaitable[list[Row]]]
_ON_REPLICA: ContextVar[bool] = ContextVar("motcua_reads_on_replica", default=False)
_PRIMARY_LSN = "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint"
_REPLAYED_LSN = """
SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END
        - '0/0'::pg_lsn)::bigint
"""
"""How far the replica has replayed; a replica promoted meanwhile holds all it wrote."""
_FIRST_PAUSE = 0.002
_LONGEST_PAUSE = 0.05


@contextmanager
def primary_reads() -> Iterator[None]:
    """Reads go to the primary until :meth:`PostgresReplica.serve_reads` says otherwise
    (around each request, so no choice outlives its call)."""
    token = _ON_REPLICA.set(False)
    try:
        yield
    finally:
        _ON_REPLICA.reset(token)


class PostgresReplica:
    """Open with ``await PostgresReplica.open(replica_dsn, primary_fetch)``."""

    COOL_OFF_SECONDS = 1.0
    """After the replica was away or late, how long reads go to the primary unasked."""

    def __init__(self, pool: Any, primary: Fetch) -> None:
        self._pool = pool
        self._primary = primary
        self._replayed = -1
        self._skip_until = 0.0

    @classmethod
    async def open(
        cls,
        dsn: str,
        primary: Fetch,
        *,
        max_size: int = 10,
        statement_timeout: float = 30.0,
        pooled: bool = False,
    ) -> PostgresReplica:
        """No connection is made before the first read: a replica that is away does not
        keep the server from starting."""
        settings = {"statement_timeout": str(int(statement_timeout * 1000))}
        pool = await asyncpg.create_pool(
            dsn,
            min_size=0,
            max_size=max_size,
            **client_bounds(statement_timeout),
            **pool_arguments(settings, pooled=pooled),
        )
        return cls(pool, primary)

    async def serve_reads(self, within: float) -> bool:
        _ON_REPLICA.set(False)
        if within <= 0 or time.monotonic() < self._skip_until:
            return False
        deadline = time.monotonic() + within
        target = int((await self._primary(_PRIMARY_LSN, ()))[0][0])
        pause = _FIRST_PAUSE
        while self._replayed < target:
            try:
                self._replayed = await self._replayed_lsn()
            except StoreUnavailable:
                return self._miss()
            if self._replayed >= target:
                break
            left = deadline - time.monotonic()
            if left <= 0:
                return self._miss()
            await asyncio.sleep(min(pause, left))  # PostgreSQL 15 cannot wait for an LSN
            pause = min(pause * 2, _LONGEST_PAUSE)
        _ON_REPLICA.set(True)
        return True

    async def fetch(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        """On the replica when this call may read there (the primary when it fails)."""
        if _ON_REPLICA.get():
            try:
                with unavailable_on_outage():
                    return list(await self._pool.fetch(numbered(sql), *parameters))
            except StoreUnavailable:
                self._miss()
        return await self._primary(sql, parameters)

    async def close(self) -> None:
        try:
            await asyncio.wait_for(self._pool.close(), timeout=10)
        except TimeoutError:
            self._pool.terminate()

    async def _replayed_lsn(self) -> int:
        with unavailable_on_outage():
            replayed = await self._pool.fetchval(_REPLAYED_LSN, timeout=5)
        return -1 if replayed is None else int(replayed)

    def _miss(self) -> bool:
        self._skip_until = time.monotonic() + self.COOL_OFF_SECONDS
        return False
