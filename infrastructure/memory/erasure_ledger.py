"""The erasure ledger in process memory (tests, memory://)."""

from __future__ import annotations

from uuid import UUID


class InMemoryErasureLedger:
    def __init__(self) -> None:
        self._erased: list[UUID] = []

    async def record(self, person_id: UUID) -> None:
        if person_id not in self._erased:
            self._erased.append(person_id)

    async def erased(self) -> list[UUID]:
        return list(self._erased)
