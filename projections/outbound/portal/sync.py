"""The national portal sync: an outbound projection that pushes every dossier's steps,
in order per dossier, with a dossier whose step failed holding its later ones while the
others go on.

The :class:`RelayRunner` reads the log and hands each batch's steps to
:meth:`PortalSync.deliver`, which pushes them dossier by dossier and records each
acknowledgement in the :class:`PortalLedger` before going on (a restart resends at most
the one step in flight, never an older one after a newer one). A step the portal
refuses (``error_code`` ≠ 0, a 5xx, a time-out) or that cannot be mapped marks the
dossier failed, with the reason and a time to try again; its later steps are not sent,
and the batch is done for the runner (the position advances: other dossiers go on). The
retry loop (:meth:`PortalSync.retry_due`) derives a failed dossier's steps again from
its stream, which the log keeps, and sends those after the last acknowledged one, with
a growing back-off between tries. Only the runner holding the lease retries, so two
processes never push one dossier at once.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from application.ports import StoreUnavailable
from domain.dossiers.dossier import Dossier
from projections.dossier_states import DossierChange
from projections.outbound.portal.ports import Portal, PortalFailure, PortalLedger, SyncRow
from projections.outbound.portal.steps import PortalStep, is_dossier_event, steps_of
from projections.outbound.relay import DeliveryUnavailable
from projections.source import EventSource

NAME = "portal"
LOCKS = 64


@dataclass(frozen=True)
class RetryPolicy:
    first_seconds: float = 5.0
    max_seconds: float = 1800.0
    every_seconds: float = 1.0
    """How often to look for failed dossiers whose time to retry has come."""
    parallel: int = 8
    """Dossiers pushed at once."""

    def delay(self, attempts: int) -> timedelta:
        return timedelta(seconds=min(self.first_seconds * 2.0 ** (attempts - 1), self.max_seconds))


class PortalSync:
    def __init__(
        self,
        portal: Portal,
        ledger: PortalLedger,
        source: EventSource,
        now: Callable[[], datetime],
        policy: RetryPolicy | None = None,
    ) -> None:
        self.portal, self.ledger, self.source, self.now = portal, ledger, source, now
        self.policy = policy or RetryPolicy()
        self._locks = [asyncio.Lock() for _ in range(LOCKS)]
        """Striped: one dossier always takes the same lock, and memory stays bounded."""
        self._parallel = asyncio.Semaphore(self.policy.parallel)

    async def deliver(self, steps: Sequence[PortalStep]) -> None:
        """The runner's delivery: every dossier's steps, dossiers side by side."""
        by_dossier: dict[UUID, list[PortalStep]] = {}
        for step in steps:
            by_dossier.setdefault(step.dossier_id, []).append(step)
        try:
            await asyncio.gather(*(self._advance(d, s, False) for d, s in by_dossier.items()))
        except StoreUnavailable as outage:
            raise DeliveryUnavailable(f"the sync ledger is unavailable: {outage}") from outage

    async def retry_due(self) -> int:
        """Push again the failed dossiers whose time has come; how many were tried."""
        due = await self.ledger.due(self.now(), self.policy.parallel * 4)
        await asyncio.gather(*(self._retry(row.dossier_id) for row in due))
        return len(due)

    async def expected_status(self, row: SyncRow) -> int | None:
        """The status the portal should show for the dossier, from the log."""
        steps = await self.steps_from_log(row.dossier_id)
        mapped = [step.status for step in steps if step.unmapped is None]
        return mapped[-1] if mapped else None

    async def steps_from_log(self, dossier_id: UUID) -> list[PortalStep]:
        history = await self.source.history(dossier_id)
        steps: list[PortalStep] = []
        state: Any = None
        for envelope in history:
            before, state = state, envelope.event.mutate(copy.copy(state))
            if isinstance(state, Dossier) and is_dossier_event(envelope.recorded.type):
                filed = history[0].recorded.position
                steps.extend(steps_of(DossierChange(before, state, filed, envelope)))
        return steps

    async def _retry(self, dossier_id: UUID) -> None:
        steps = await self.steps_from_log(dossier_id)
        if steps:
            await self._advance(dossier_id, steps, True)

    async def _advance(self, dossier_id: UUID, steps: list[PortalStep], retrying: bool) -> None:
        lock = self._locks[dossier_id.int % LOCKS]
        async with self._parallel, lock:
            first = steps[0]
            row = await self.ledger.get(dossier_id) or SyncRow(
                dossier_id, first.code, first.unit, 0, 0, 0
            )
            row = replace(row, known=max(row.known, steps[-1].mark))
            if row.failure is not None and not retrying:
                await self.ledger.put(row)  # held: the retry derives these again from the log
                return
            for step in steps:
                if step.mark <= row.sent:
                    continue  # acknowledged already (a batch delivered again, a retry)
                if step.unmapped is not None:
                    row = self._failed(row, step.unmapped)
                    break
                try:
                    row = await self._record(row, step)
                    await self.portal.progress(step)
                except PortalFailure as failure:
                    row = self._failed(row, str(failure))
                    break
                row = replace(
                    row,
                    sent=step.mark,
                    status=step.status,
                    attempts=0,
                    failure=None,
                    retry_at=None,
                )
                await self.ledger.put(row)
            else:
                return
            await self.ledger.put(row)

    async def _record(self, row: SyncRow, step: PortalStep) -> SyncRow:
        """The step's record. The portal must be told a dossier is new (``isUpdating``
        False) exactly when it does not have it: while the ledger has no acknowledged
        record of the dossier (a first push, or a crash came before we wrote the answer
        down), the portal is asked first. A question, not a write: on SQLite the
        ledger's writes share the single writer with the filings."""
        updating = row.status > 0 or await self.portal.status_of(step.code) is not None
        await self.portal.record(step, updating=updating)
        return replace(row, status=step.status)

    def _failed(self, row: SyncRow, reason: str) -> SyncRow:
        attempts = row.attempts + 1
        retry_at = self.now() + self.policy.delay(attempts)
        return replace(row, attempts=attempts, failure=reason, retry_at=retry_at)
