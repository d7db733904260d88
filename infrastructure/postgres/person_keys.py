"""Person keys in the event store's PostgreSQL database (table ``person_keys``,
migration 3), stored wrapped by the master key; shredding leaves a tombstone row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

import asyncpg

from infrastructure.crypto import KeyWrap
from infrastructure.postgres.batch import unavailable_on_outage
from infrastructure.postgres.pooling import pool_arguments

_SELECT = "SELECT wrapped_key FROM person_keys WHERE person_id = $1"
_CREATE = (
    "INSERT INTO person_keys (person_id, wrapped_key) VALUES ($1, $2) "
    "ON CONFLICT (person_id) DO NOTHING"
)
_SHRED = (
    "INSERT INTO person_keys (person_id, wrapped_key, shredded_at) VALUES ($1, NULL, now()) "
    "ON CONFLICT (person_id) DO UPDATE SET wrapped_key = NULL, shredded_at = now()"
)
_SHREDDED = "SELECT 1 FROM person_keys WHERE person_id = $1 AND wrapped_key IS NULL"


class PostgresPersonKeys:
    def __init__(self, pool: Any, wrap: KeyWrap) -> None:
        self._pool = pool
        self._wrap = wrap

    @classmethod
    async def open(
        cls,
        dsn: str,
        wrap: KeyWrap,
        *,
        wait_seconds: float = 5.0,
        server_settings: Mapping[str, str] | None = None,
        pooled: bool = False,
    ) -> PostgresPersonKeys:
        with unavailable_on_outage():
            pool = await asyncpg.create_pool(
                dsn,
                min_size=1,
                max_size=4,
                timeout=wait_seconds,
                command_timeout=wait_seconds,
                **pool_arguments(server_settings or {}, pooled=pooled),
            )
        return cls(pool, wrap)

    async def key_for(self, person_id: UUID) -> bytes | None:
        with unavailable_on_outage():
            row = await self._pool.fetchrow(_SELECT, person_id)
            if row is None:
                wrapped = self._wrap.new_wrapped_key(person_id)
                await self._pool.execute(_CREATE, person_id, wrapped)
                row = await self._pool.fetchrow(_SELECT, person_id)
        stored = row[0]
        return None if stored is None else self._wrap.unwrap(person_id, bytes(stored))

    async def shred(self, person_id: UUID) -> None:
        with unavailable_on_outage():
            await self._pool.execute(_SHRED, person_id)

    async def is_shredded(self, person_id: UUID) -> bool:
        with unavailable_on_outage():
            return await self._pool.fetchrow(_SHREDDED, person_id) is not None

    def mac(self, data: bytes) -> bytes:
        return self._wrap.mac(data)

    async def close(self) -> None:
        await self._pool.close()
