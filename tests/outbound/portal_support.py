"""What the portal sync's tests share: dossiers taken through their whole life straight
through the repository, a sync pointed at the fake portal, and waiting for it."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

from application.encoding import new_mapper
from application.ports import EventStore
from application.repository import Repository
from domain.dossiers.dossier import Document
from domain.dossiers.status import Channel
from infrastructure.portal_client import HttpPortal
from infrastructure.view_stores import Views
from projections.outbound.portal.ports import PortalLedger
from projections.outbound.portal.projection import PortalRelay, portal_sync
from projections.outbound.portal.sync import PortalSync, RetryPolicy
from tests.examples import BIRTH, CALENDAR, CLERK, LEADER, MONDAY_9AM, submitted_dossier
from tests.outbound.fake_portal import PASSWORD, USER, FakePortal
from tests.outbound.support import FAST, decoding_source

WHOLE_LIFE = [1, 2, 4, 5, 4, 9, 10]
"""Submitted, received, processing, supplement asked, supplemented, approved, returned."""
RECEIVED = [1, 2, 4]
QUICK = RetryPolicy(first_seconds=0.05, max_seconds=0.3, every_seconds=0.02)


async def live_dossier(store: EventStore, number: int, *, whole_life: bool = True) -> str:
    """A birth registration filed and received; with ``whole_life`` also sent back for a
    supplement, supplemented, approved and returned, each step an append of its own."""
    repository = Repository(store, new_mapper())
    dossier = submitted_dossier(BIRTH, number=number)
    dossier.receive(CLERK, MONDAY_9AM, CALENDAR)
    await repository.save([dossier], {})
    if whole_life:
        at = MONDAY_9AM
        for act in (
            lambda t: dossier.request_supplement("thiếu bản sao", ("Bản sao",), CLERK, t),
            lambda t: dossier.supplement((Document("Bản sao"),), CLERK, t, CALENDAR),
            lambda t: dossier.approve({"number": number}, None, LEADER, t),
            lambda t: dossier.return_result(Channel.DESK, CLERK, t),
        ):
            at += timedelta(hours=1)
            act(at)
            await repository.save([dossier], {})
    return dossier.code


def sync_to(
    fake: FakePortal, store: EventStore, views: Views, ledger: PortalLedger, timeout: float = 0.5
) -> PortalRelay:
    portal = HttpPortal(fake.url, USER, PASSWORD, timeout=timeout)
    sync = PortalSync(portal, ledger, decoding_source(store), lambda: datetime.now(UTC), QUICK)
    return portal_sync(sync, views.positions("portal"), views.wakeups, FAST)


async def settled(
    ledger: PortalLedger, synced: int, *, failed: int = 0, within: float = 20.0
) -> None:
    """Wait until ``synced`` dossiers are synced and ``failed`` failed, none pending."""
    deadline = time.monotonic() + within
    while True:
        counts = await ledger.counts(None)
        if counts == {"synced": synced, "pending": 0, "failed": failed}:
            return
        if time.monotonic() > deadline:
            rows = await ledger.rows(None, 20)
            raise AssertionError(f"not settled: {counts} {rows}")
        await asyncio.sleep(0.02)
