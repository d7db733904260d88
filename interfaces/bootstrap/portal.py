"""The national portal sync, wired when ``MOTCUA_PORTAL_URL`` is set: the HTTP portal,
the ledger beside the views, and the relay run with the other projections."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from datetime import UTC

from infrastructure.clock import SystemClock
from infrastructure.portal_client import HttpPortal
from infrastructure.settings import Settings
from infrastructure.view_stores import Views
from projections.outbound.portal.ports import Portal, PortalLedger
from projections.outbound.portal.projection import PortalRelay, portal_sync
from projections.outbound.portal.report import Difference, reconcile
from projections.outbound.portal.sync import NAME, PortalSync, RetryPolicy
from projections.runner import RunnerOptions
from projections.source import EventSource


class NationalPortal:
    """The ledger always (the sync report reads it); the relay only when configured."""

    def __init__(self, ledger: PortalLedger, sync: PortalSync | None, relay: PortalRelay | None):
        self.ledger, self.sync, self.relay = ledger, sync, relay
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if self.relay is not None and self._task is None:
            self._task = asyncio.create_task(self.relay.run(), name="portal-sync")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task

    async def reconcile(self) -> list[Difference]:
        if self.sync is None:
            raise RuntimeError("MOTCUA_PORTAL_URL is not set")
        return await reconcile(self.ledger, self.sync.expected_status, self.sync.portal.status_of)

    async def close(self) -> None:
        await self.stop()
        if self.sync is not None:
            await self.sync.portal.close()


def national_portal(
    settings: Settings,
    views: Views,
    source: EventSource,
    options: RunnerOptions,
    portal: Portal | None = None,
) -> NationalPortal:
    ledger = views.portal_ledger()
    if portal is None and settings.portal_url is None:
        return NationalPortal(ledger, None, None)
    portal = portal or HttpPortal(
        settings.portal_url or "",
        settings.portal_user,
        settings.portal_password.get_secret_value(),
        timeout=settings.portal_timeout_seconds,
    )
    policy = RetryPolicy(first_seconds=settings.portal_retry_seconds)
    wall = SystemClock()  # retries keep real time, whatever the business clock says
    sync = PortalSync(portal, ledger, source, lambda: wall.now().astimezone(UTC), policy)
    return NationalPortal(
        ledger, sync, portal_sync(sync, views.positions(NAME), views.wakeups, options)
    )
