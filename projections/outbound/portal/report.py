"""``GET /api/v1/portal/sync``: how far the dossiers of a unit (its subtree included)
have got on the national portal, for officers and auditors; and ``motcua portal
reconcile``: the dossiers whose portal status differs from what the log says."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from application.errors import Forbidden, NotFound
from domain.shared import Actor, Role
from domain.units import UnitTree
from projections.outbound.portal.ports import PortalLedger, SyncRow

MAY_READ = frozenset({Role.CLERK, Role.SPECIALIST, Role.LEADER, Role.AUDITOR})


@dataclass(frozen=True)
class SyncItem:
    code: str
    unit: str
    state: str
    """``synced``, ``pending`` (steps not pushed yet) or ``failed`` (held, retried)."""
    portal_status: int | None
    """The last status the portal acknowledged."""
    attempts: int
    failure: str | None
    retry_at: datetime | None

    @classmethod
    def of(cls, row: SyncRow) -> SyncItem:
        status = row.status if row.status > 0 else None
        return cls(row.code, row.unit, row.state, status, row.attempts, row.failure, row.retry_at)


@dataclass(frozen=True)
class SyncReport:
    synced: int
    pending: int
    failed: int
    items: list[SyncItem]


async def sync_report(
    ledger: PortalLedger, units: UnitTree, actor: Actor, unit: str | None, limit: int = 200
) -> SyncReport:
    if actor.role not in MAY_READ:
        raise Forbidden("the portal sync is for officers and auditors")
    unit = unit or actor.unit
    if unit not in units or actor.unit not in units or not units.is_within(unit, actor.unit):
        raise NotFound("unit")
    scope = units.subtree(unit)
    counts = await ledger.counts(scope)
    rows = await ledger.rows(scope, limit)
    return SyncReport(
        counts["synced"], counts["pending"], counts["failed"], [SyncItem.of(r) for r in rows]
    )


@dataclass(frozen=True)
class Difference:
    code: str
    expected: int
    """What the log says the portal should show."""
    portal: int | None
    """What the portal shows (None: it has no such dossier)."""


async def reconcile(
    ledger: PortalLedger,
    expected: Callable[[SyncRow], Awaitable[int | None]],
    shown: Callable[[str], Awaitable[int | None]],
) -> list[Difference]:
    """Every dossier the sync knows, its expected status against the portal's."""
    differences = []
    for row in await ledger.rows(None, 1_000_000):
        status = await expected(row)
        if status is None:
            continue
        portal = await shown(row.code)
        if portal != status:
            differences.append(Difference(row.code, status, portal))
    return differences
