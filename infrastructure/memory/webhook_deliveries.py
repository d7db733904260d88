"""The webhook deliveries log in process memory (tests, ``memory://``)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from application.subscriptions.views import Delivery, Outcome


class MemoryDeliveryLog:
    def __init__(self) -> None:
        self.rows: dict[UUID, list[Delivery]] = {}

    async def record(self, subscription_id: UUID, deliveries: Sequence[Delivery]) -> None:
        self.rows.setdefault(subscription_id, []).extend(deliveries)

    async def list(
        self, subscription_id: UUID, outcome: Outcome | None, limit: int
    ) -> list[Delivery]:
        rows = [
            row
            for row in reversed(self.rows.get(subscription_id, []))
            if outcome is None or row.outcome == outcome
        ]
        return rows[:limit]
