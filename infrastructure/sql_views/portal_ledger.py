"""How far each dossier has got on the national portal, in the views' database (SQLite
or PostgreSQL): one row per dossier, written after each acknowledged step."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from infrastructure.sql_views.sql import Row, SqlBackend, marks
from projections.outbound.portal.ports import SyncRow

TABLE = "portal_sync"
COLUMNS = "dossier_id, code, unit, known, sent, status, attempts, failure, retry_at"
DDL = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
    dossier_id TEXT PRIMARY KEY, code TEXT NOT NULL, unit TEXT NOT NULL,
    known BIGINT NOT NULL, sent BIGINT NOT NULL, status INTEGER NOT NULL,
    attempts INTEGER NOT NULL, failure TEXT, retry_at TEXT)"""
UPSERT = f"""INSERT INTO {TABLE} ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (dossier_id) DO UPDATE SET code = excluded.code, unit = excluded.unit,
    known = excluded.known, sent = excluded.sent, status = excluded.status,
    attempts = excluded.attempts, failure = excluded.failure, retry_at = excluded.retry_at"""
STATE = (
    "CASE WHEN failure IS NOT NULL THEN 'failed' WHEN sent >= known THEN 'synced'"
    " ELSE 'pending' END"
)


class SqlPortalLedger:
    def __init__(self, backend: SqlBackend) -> None:
        self.backend = backend
        self._ready = False
        self._creating = asyncio.Lock()

    async def get(self, dossier_id: UUID) -> SyncRow | None:
        rows = await self._fetch(
            f"SELECT {COLUMNS} FROM {TABLE} WHERE dossier_id = ?", [str(dossier_id)]
        )
        return _row(rows[0]) if rows else None

    async def put(self, row: SyncRow) -> None:
        await self._ensure()
        retry_at = row.retry_at.isoformat() if row.retry_at else None
        async with self.backend.transaction() as session:
            await session.execute(
                UPSERT,
                [
                    str(row.dossier_id),
                    row.code,
                    row.unit,
                    row.known,
                    row.sent,
                    row.status,
                    row.attempts,
                    row.failure,
                    retry_at,
                ],
            )

    async def due(self, now: datetime, limit: int) -> Sequence[SyncRow]:
        rows = await self._fetch(
            f"SELECT {COLUMNS} FROM {TABLE} WHERE failure IS NOT NULL AND retry_at <= ?"
            " ORDER BY retry_at LIMIT ?",
            [now.isoformat(), limit],
        )
        return [_row(row) for row in rows]

    async def rows(self, units: Collection[str] | None, limit: int) -> Sequence[SyncRow]:
        where, parameters = _within(units)
        rows = await self._fetch(
            f"SELECT {COLUMNS} FROM {TABLE}{where}"
            " ORDER BY failure IS NULL, sent >= known, code LIMIT ?",
            [*parameters, limit],
        )
        return [_row(row) for row in rows]

    async def counts(self, units: Collection[str] | None) -> dict[str, int]:
        where, parameters = _within(units)
        rows = await self._fetch(
            f"SELECT {STATE}, COUNT(*) FROM {TABLE}{where} GROUP BY 1", parameters
        )
        counts = {"synced": 0, "pending": 0, "failed": 0}
        counts.update({str(state): int(count) for state, count in rows})
        return counts

    async def _fetch(self, sql: str, parameters: Sequence[Any]) -> list[Row]:
        await self._ensure()
        return await self.backend.fetch(sql, parameters)

    async def _ensure(self) -> None:
        """The table, made on first use (processes creating it at once take turns)."""
        async with self._creating:
            if not self._ready:
                async with self.backend.transaction() as session:
                    await session.execute(self.backend.dialect.creation_lock)
                    await session.execute(DDL)
                self._ready = True


def _within(units: Collection[str] | None) -> tuple[str, list[Any]]:
    if units is None:
        return "", []
    return f" WHERE unit IN ({marks(len(units))})", sorted(units)


def _row(row: Row) -> SyncRow:
    dossier_id, code, unit, known, sent, status, attempts, failure, retry_at = row
    return SyncRow(
        UUID(dossier_id),
        code,
        unit,
        int(known),
        int(sent),
        int(status),
        int(attempts),
        failure,
        datetime.fromisoformat(retry_at) if retry_at else None,
    )
