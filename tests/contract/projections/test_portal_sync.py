"""The national portal sync on every backend (memory, SQLite, PostgreSQL), against the
strict fake portal on loopback: every step of every dossier reaches it, in order, with
every field as the protocol says; refusals, 5xx, time-outs and expired sessions are
retried; a dossier the portal keeps refusing holds its own later steps only; a state
nobody mapped is a visible failure."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

import pytest

from projections.outbound.portal import statuses
from projections.outbound.portal.projection import PortalRelay
from tests.contract.projections.conftest import BackendOpener
from tests.contract.test_event_store import ContractStore
from tests.outbound.fake_portal import FakePortal, fake_portal
from tests.outbound.portal_support import RECEIVED, WHOLE_LIFE, live_dossier, settled, sync_to

__all__ = ["fake_portal"]  # the fixture


@asynccontextmanager
async def running(relay: PortalRelay) -> AsyncIterator[PortalRelay]:
    task = asyncio.create_task(relay.run())
    try:
        yield relay
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
        await relay.sync.portal.close()


async def test_every_step_of_every_dossier_reaches_the_portal_in_order(
    store: ContractStore, open_backend: BackendOpener, fake_portal: FakePortal
) -> None:
    # Three dossiers live their whole life, two are only received.
    whole = [await live_dossier(store, n) for n in (1, 2, 3)]
    young = [await live_dossier(store, n, whole_life=False) for n in (4, 5)]
    backend = await open_backend()
    ledger = backend.views.portal_ledger()
    async with running(sync_to(fake_portal, store, backend.views, ledger)):
        await settled(ledger, 5)
    assert fake_portal.violations == []
    for code in whole:
        assert fake_portal.statuses[code] == WHOLE_LIFE  # each step once: nothing was retried
        assert fake_portal.records[code]["NgayTra"] != ""
    for code in young:
        assert fake_portal.statuses[code] == RECEIVED
        assert fake_portal.records[code]["NgayTra"] == ""
    assert fake_portal.auths == 1  # one session for everything
    row = (await ledger.rows(None, 10))[0]
    assert row.state == "synced" and row.failure is None


async def test_refusals_5xx_time_outs_and_expired_sessions_are_retried_in_order(
    store: ContractStore, open_backend: BackendOpener, fake_portal: FakePortal
) -> None:
    codes = [await live_dossier(store, n) for n in (1, 2)]
    # The portal fails its next calls in every way it can, some more than once.
    fake_portal.failures = ["error_code", "500", "slow", "expire", "error_code", "500", "expire"]
    fake_portal.slow_seconds = 1.0
    backend = await open_backend()
    ledger = backend.views.portal_ledger()
    async with running(sync_to(fake_portal, store, backend.views, ledger, timeout=0.3)):
        await settled(ledger, 2)
    assert fake_portal.violations == []
    assert fake_portal.failures == []
    for code in codes:
        assert fake_portal.accepted(code) == WHOLE_LIFE
    assert fake_portal.auths >= 3  # a new session after each expiry


async def test_a_dossier_the_portal_refuses_holds_its_later_steps_while_others_go_on(
    store: ContractStore, open_backend: BackendOpener, fake_portal: FakePortal
) -> None:
    held, *others = [await live_dossier(store, n) for n in (1, 2, 3)]
    fake_portal.failing_codes.add(held)
    backend = await open_backend()
    ledger = backend.views.portal_ledger()
    async with running(sync_to(fake_portal, store, backend.views, ledger)):
        await settled(ledger, 2, failed=1)
        # The refused dossier has nothing on the portal; the others have everything.
        assert held not in fake_portal.statuses
        assert [fake_portal.accepted(code) for code in others] == [WHOLE_LIFE, WHOLE_LIFE]
        (row,) = [r for r in await ledger.rows(None, 10) if r.state == "failed"]
        assert row.code == held and "error_code 7" in (row.failure or "")
        assert row.attempts >= 1 and row.retry_at is not None
        # The portal takes it again: its steps go, from the first, in order.
        fake_portal.failing_codes.clear()
        await settled(ledger, 3)
    assert fake_portal.accepted(held) == WHOLE_LIFE
    assert fake_portal.violations == []


async def test_a_state_nobody_mapped_is_a_visible_failure_holding_the_rest(
    store: ContractStore,
    open_backend: BackendOpener,
    fake_portal: FakePortal,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As if "awaiting_supplement" were a new state the table does not name yet.
    unmapped = {k: v for k, v in statuses.STATE_STATUS.items() if k != "awaiting_supplement"}
    monkeypatch.setattr(statuses, "STATE_STATUS", unmapped)
    code = await live_dossier(store, 1)
    backend = await open_backend()
    ledger = backend.views.portal_ledger()
    async with running(sync_to(fake_portal, store, backend.views, ledger)):
        await settled(ledger, 0, failed=1)
        (row,) = await ledger.rows(None, 10)
        assert "no portal status for the dossier state 'awaiting_supplement'" in (row.failure or "")
        assert fake_portal.statuses[code] == RECEIVED  # what came before went; nothing after
        # The table learns the state (a new release): the rest follows, in order.
        monkeypatch.undo()
        await settled(ledger, 1)
    assert fake_portal.accepted(code) == WHOLE_LIFE
