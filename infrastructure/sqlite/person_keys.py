"""Person keys in the event store's SQLite file (table ``person_keys``, migration 3).

Keys are stored wrapped by the master key. Shredding overwrites the row with a
tombstone under ``secure_delete`` and then checkpoints the WAL (TRUNCATE), so the
wrapped key leaves both the database file and its -wal file (when no reader holds an
old snapshot at that instant; the next checkpoint finishes it otherwise).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import aiosqlite

from infrastructure.crypto import KeyWrap
from infrastructure.sqlite.batch import unavailable_when_transient

_SELECT = "SELECT wrapped_key FROM person_keys WHERE person_id = ?"
_CREATE = (
    "INSERT INTO person_keys (person_id, wrapped_key, created_at) VALUES (?, ?, ?) "
    "ON CONFLICT (person_id) DO NOTHING"
)
_SHRED = (
    "INSERT INTO person_keys (person_id, wrapped_key, created_at, shredded_at) "
    "VALUES (?, NULL, ?, ?) "
    "ON CONFLICT (person_id) DO UPDATE SET wrapped_key = NULL, shredded_at = excluded.shredded_at"
)
_SHREDDED = "SELECT 1 FROM person_keys WHERE person_id = ? AND wrapped_key IS NULL"


class SqlitePersonKeys:
    def __init__(self, connection: aiosqlite.Connection, wrap: KeyWrap) -> None:
        self._db = connection
        self._wrap = wrap

    @classmethod
    async def open(
        cls, path: str | Path, wrap: KeyWrap, *, busy_timeout: float = 5.0
    ) -> SqlitePersonKeys:
        with unavailable_when_transient():
            connection = await aiosqlite.connect(Path(path), isolation_level=None)
            try:
                await connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
                for pragma in ("journal_mode = WAL", "synchronous = FULL", "secure_delete = ON"):
                    await connection.execute(f"PRAGMA {pragma}")
            except BaseException:
                await connection.close()
                raise
        return cls(connection, wrap)

    async def key_for(self, person_id: UUID) -> bytes | None:
        rows = await self._fetch(_SELECT, (str(person_id),))
        if not rows:
            wrapped = self._wrap.new_wrapped_key(person_id)
            await self._fetch(_CREATE, (str(person_id), wrapped, _now()))
            rows = await self._fetch(_SELECT, (str(person_id),))
        stored = rows[0][0]
        return None if stored is None else self._wrap.unwrap(person_id, bytes(stored))

    async def shred(self, person_id: UUID) -> None:
        now = _now()
        await self._fetch(_SHRED, (str(person_id), now, now))
        await self._fetch("PRAGMA wal_checkpoint(TRUNCATE)")

    async def is_shredded(self, person_id: UUID) -> bool:
        return bool(await self._fetch(_SHREDDED, (str(person_id),)))

    def mac(self, data: bytes) -> bytes:
        return self._wrap.mac(data)

    async def close(self) -> None:
        await self._db.close()

    async def _fetch(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        with unavailable_when_transient():
            return list(await self._db.execute_fetchall(sql, parameters))


def _now() -> str:
    return datetime.now(UTC).isoformat()
