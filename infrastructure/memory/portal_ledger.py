"""The portal sync's ledger in process memory (tests, ``memory://``)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from uuid import UUID

from projections.outbound.portal.ports import SyncRow

ORDER = {"failed": 0, "pending": 1, "synced": 2}


class MemoryPortalLedger:
    def __init__(self) -> None:
        self._rows: dict[UUID, SyncRow] = {}

    async def get(self, dossier_id: UUID) -> SyncRow | None:
        return self._rows.get(dossier_id)

    async def put(self, row: SyncRow) -> None:
        self._rows[row.dossier_id] = row

    async def due(self, now: datetime, limit: int) -> Sequence[SyncRow]:
        due = [r for r in self._rows.values() if r.failure and r.retry_at and r.retry_at <= now]
        return sorted(due, key=lambda row: row.retry_at or now)[:limit]

    async def rows(self, units: Collection[str] | None, limit: int) -> Sequence[SyncRow]:
        rows = [r for r in self._rows.values() if units is None or r.unit in units]
        return sorted(rows, key=lambda row: (ORDER[row.state], row.code))[:limit]

    async def counts(self, units: Collection[str] | None) -> dict[str, int]:
        counts = {"synced": 0, "pending": 0, "failed": 0}
        for row in await self.rows(units, len(self._rows)):
            counts[row.state] += 1
        return counts
