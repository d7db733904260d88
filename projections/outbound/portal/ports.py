"""What the portal sync needs from outside: the portal itself, and a ledger of how far
each dossier has got there (in our database, so a restart resends nothing the portal
has acknowledged: resending an older state after a newer one would put it out of order).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from projections.outbound.portal.steps import PortalStep


class PortalFailure(Exception):
    """The portal did not take a step: ``error_code`` ≠ 0, a 5xx, a time-out, no answer.
    Retried later; the dossier's later steps wait behind it."""


class Portal(Protocol):
    async def record(self, step: PortalStep, *, updating: bool) -> None:
        """``DongBoHoSoMC``: the dossier as of the step (``updating`` once the portal has
        it). Calls run in a session, renewed when the portal says it expired. Returns once
        the portal accepted; raises :class:`PortalFailure` otherwise."""
        ...

    async def progress(self, step: PortalStep) -> None:
        """``CapNhatTienDoHoSoMC``: the step's progress line, after its record."""
        ...

    async def status_of(self, code: str) -> int | None:
        """The status the portal shows for the dossier ``code``; None when it has none."""
        ...

    async def close(self) -> None: ...


@dataclass(frozen=True)
class SyncRow:
    """One dossier's sync. ``known`` is the last step's mark the log has produced,
    ``sent`` the last one the portal acknowledged; a ``failure`` holds every later step."""

    dossier_id: UUID
    code: str
    unit: str
    known: int
    sent: int
    status: int
    """The last status the portal acknowledged in the dossier's record (0: none yet)."""
    attempts: int = 0
    failure: str | None = None
    retry_at: datetime | None = None

    @property
    def state(self) -> str:
        if self.failure is not None:
            return "failed"
        return "synced" if self.sent >= self.known else "pending"


class PortalLedger(Protocol):
    async def get(self, dossier_id: UUID) -> SyncRow | None: ...

    async def put(self, row: SyncRow) -> None:
        """Insert or replace the dossier's row (one short transaction)."""
        ...

    async def due(self, now: datetime, limit: int) -> Sequence[SyncRow]:
        """Failed rows whose ``retry_at`` has come, oldest first."""
        ...

    async def rows(self, units: Collection[str] | None, limit: int) -> Sequence[SyncRow]:
        """Rows of the dossiers received at ``units`` (every unit: None), failed first."""
        ...

    async def counts(self, units: Collection[str] | None) -> dict[str, int]:
        """``{"synced", "pending", "failed"}`` over the dossiers received at ``units``."""
        ...
