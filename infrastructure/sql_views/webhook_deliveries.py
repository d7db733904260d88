"""The webhook deliveries log on SQL (SQLite or PostgreSQL, the views' database): one row
per attempt, in short transactions of its own (a relay holds no transaction while it
delivers)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import UUID

from application.subscriptions.views import Delivery, Outcome
from infrastructure.sql_views.sql import Row, SqlBackend

_DDL = (
    """CREATE TABLE IF NOT EXISTS webhook_deliveries (
        subscription_id TEXT NOT NULL, at TEXT NOT NULL, event_id TEXT NOT NULL,
        position BIGINT NOT NULL, type TEXT NOT NULL, subject TEXT NOT NULL,
        attempt INTEGER NOT NULL, outcome TEXT NOT NULL, status INTEGER, error TEXT)""",
    """CREATE INDEX IF NOT EXISTS webhook_deliveries_latest
        ON webhook_deliveries (subscription_id, at, position)""",
)
_COLUMNS = "event_id, position, type, subject, attempt, outcome, status, error, at"


def _delivery(row: Row) -> Delivery:
    event_id, position, type_, subject, attempt, outcome, status, error, at = row
    return Delivery(
        str(event_id),
        int(position),
        str(type_),
        str(subject),
        int(attempt),
        Outcome(outcome),
        None if status is None else int(status),
        error,
        datetime.fromisoformat(at),
    )


class SqlDeliveryLog:
    def __init__(self, backend: SqlBackend) -> None:
        self.backend = backend
        self._ready = False

    async def record(self, subscription_id: UUID, deliveries: Sequence[Delivery]) -> None:
        if not deliveries:
            return
        await self._ensure()
        async with self.backend.transaction() as session:
            await session.executemany(
                f"INSERT INTO webhook_deliveries (subscription_id, {_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        str(subscription_id),
                        d.event_id,
                        d.position,
                        d.type,
                        d.subject,
                        d.attempt,
                        str(d.outcome),
                        d.status,
                        d.error,
                        d.at.astimezone(UTC).isoformat(timespec="microseconds"),
                    )
                    for d in deliveries
                ],
            )

    async def list(
        self, subscription_id: UUID, outcome: Outcome | None, limit: int
    ) -> list[Delivery]:
        await self._ensure()
        where, parameters = "subscription_id = ?", [str(subscription_id)]
        if outcome is not None:
            where, parameters = f"{where} AND outcome = ?", [*parameters, str(outcome)]
        rows = await self.backend.fetch(
            f"SELECT {_COLUMNS} FROM webhook_deliveries WHERE {where} "
            "ORDER BY at DESC, position DESC, attempt DESC LIMIT ?",
            (*parameters, limit),
        )
        return [_delivery(row) for row in rows]

    async def _ensure(self) -> None:
        if self._ready:
            return
        async with self.backend.transaction() as session:
            await session.execute(self.backend.dialect.creation_lock)
            for statement in _DDL:
                await session.execute(statement)
        self._ready = True
