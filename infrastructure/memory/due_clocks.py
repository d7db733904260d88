"""Dossiers' clocks in memory: a scan answers (fine for tests and demos)."""

from __future__ import annotations

from domain.clock.due_date import Clock
from domain.clock.risk import Stints
from infrastructure.memory.view_families import Live
from infrastructure.memory.views import MemoryFamily, Overlay
from projections.due_clocks import DueClock, DueClocksView


class DueClocksWriter:
    def __init__(self, overlay: Overlay) -> None:
        self._overlay = overlay

    async def get(self, filed: int) -> DueClock | None:
        row: DueClock | None = self._overlay.get("clocks", filed)
        return row

    async def put(self, row: DueClock) -> None:
        self._overlay.put("clocks", row.filed, row)

    async def add_stints(self, procedure: str, stints: dict[int, int]) -> None:
        for stop, days in stints.items():
            known: Stints = self._overlay.get("stints", (procedure, stop)) or Stints()
            updated = Stints(known.count + 1, known.working_days + days)
            self._overlay.put("stints", (procedure, stop), updated)


class DueClocksReader:
    def __init__(self, live: Live) -> None:
        self._live = live

    async def running_over(self, first: int, last: int, *, open_only: bool) -> list[DueClock]:
        rows: list[DueClock] = list(self._live().table("clocks").values())
        return [
            r for r in rows if r.first <= last and r.last >= first and (r.open or not open_only)
        ]

    async def clocks_over(self, first: int, last: int) -> list[Clock]:
        rows = await self.running_over(first, last, open_only=False)
        return list({row.clock: None for row in rows})

    async def codes_with(
        self, first: int, last: int, clocks: list[Clock]
    ) -> list[tuple[str, Clock]]:
        wanted = set(clocks)
        rows = await self.running_over(first, last, open_only=False)
        return [(row.code, row.clock) for row in rows if row.clock in wanted]

    async def processing_at(self, unit: str) -> list[DueClock]:
        rows: list[DueClock] = list(self._live().table("clocks").values())
        return [r for r in rows if r.unit == unit and r.processing]

    async def stints(self, procedure: str) -> dict[int, Stints]:
        table = self._live().table("stints")
        return {stop: s for (p, stop), s in table.items() if p == procedure}


DUE_CLOCKS: MemoryFamily[DueClocksView] = MemoryFamily("due_clocks", DueClocksWriter)
