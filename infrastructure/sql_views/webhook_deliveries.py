"""The webhook deliveries log on SQL (SQLite or PostgreSQL, the views' database): one row
per attempt, written when it is made, in a short transaction of its own (a relay holds no
transaction while it delivers)."""

from __future__ import annotations

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

    async def record(self, subscription_id: UUID, delivery: Delivery) -> None:
        await self._ensure()
        async with self.backend.transaction() as session:
            await session.execute(
                f"INSERT INTO webhook_deliveries (subscription_id, {_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(subscription_id),
                    delivery.event_id,
                    delivery.position,
                    delivery.type,
                    delivery.subject,
                    delivery.attempt,
                    str(delivery.outcome),
                    delivery.status,
                    delivery.error,
                    delivery.at.astimezone(UTC).isoformat(timespec="microseconds"),
                ),
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
