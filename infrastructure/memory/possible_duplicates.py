"""Possible duplicates in memory: a scan answers (fine for tests and demos)."""

from __future__ import annotations

from infrastructure.memory.view_families import Live
from infrastructure.memory.views import MemoryFamily, Overlay
from projections.possible_duplicates import OpenDossier, PossibleDuplicatesView


class PossibleDuplicatesWriter:
    def __init__(self, overlay: Overlay) -> None:
        self._overlay = overlay

    async def put(self, dossier: OpenDossier) -> None:
        self._overlay.put("open", dossier.dossier_id, dossier)

    async def remove(self, dossier_id: str) -> None:
        self._overlay.delete("open", dossier_id)


class PossibleDuplicatesReader:
    def __init__(self, live: Live) -> None:
        self._live = live

    async def codes(self, citizen: str, procedure: str, limit: int) -> list[str]:
        rows: list[OpenDossier] = list(self._live().table("open").values())
        found = sorted(r.code for r in rows if (r.citizen, r.procedure) == (citizen, procedure))
        return found[:limit]


POSSIBLE_DUPLICATES: MemoryFamily[PossibleDuplicatesView] = MemoryFamily(
    "possible_duplicates", PossibleDuplicatesWriter
)
