"""Every view store: a filing finds the open dossiers of the same citizen and procedure
filed just before it (the runner is nudged, its next poll a minute away), not the ended
ones; a rebuilt view answers the same."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

from application.context import Context
from application.dossiers import commands as c
from domain.dossiers.dossier import Document
from domain.dossiers.status import Channel
from infrastructure.clock import FixedClock
from infrastructure.settings import Settings
from interfaces.bootstrap import App, bootstrap
from projections.possible_duplicates import SHOWN
from tests.contract.conftest import Opener
from tests.contract.projections.conftest import FAST, BackendOpener
from tests.examples import APP_CALENDAR, APP_MONDAY_9AM, APPLICANT, CLERK, MERIT

A_MINUTE = replace(FAST, poll_seconds=60.0)
FILING = c.FileDossier(MERIT, APPLICANT, (Document("Bản khai"),), Channel.DESK)


@asynccontextmanager
async def running_app(open_store: Opener, open_backend: BackendOpener) -> AsyncIterator[App]:
    """An App over the store and view backend under test, its projections running."""
    store, backend = await open_store(), await open_backend()
    app = await bootstrap(
        Settings(read_wait_seconds=5.0),  # a bound no test machine reaches
        store=store,
        clock=FixedClock(APP_MONDAY_9AM),
        calendar=APP_CALENDAR,
        views=backend.views,
        runner_options=A_MINUTE,
    )
    await app.start_projections()
    try:
        yield app
    finally:
        await app.stop_projections()
        await app.close()


async def test_a_filing_finds_the_open_dossiers_filed_just_before_it(
    open_store: Opener, open_backend: BackendOpener
) -> None:
    async with running_app(open_store, open_backend) as app:
        desk = Context(actor=CLERK)
        first = await app.dossiers.receive_at_desk(desk, FILING)
        second = await app.dossiers.receive_at_desk(desk, FILING)
        assert (first.possible_duplicates, second.possible_duplicates) == ([], [first.code])
        await app.dossiers.withdraw(desk, first.id, c.Withdraw("Nộp nhầm"))
        third = await app.dossiers.receive_at_desk(desk, FILING)
        assert third.possible_duplicates == [second.code]

        await app.projections.rebuild(["possible_duplicates"])
        fourth = await app.dossiers.receive_at_desk(desk, FILING)
        assert fourth.possible_duplicates == sorted([second.code, third.code])


async def test_a_filing_records_a_bounded_number_of_possible_duplicates(
    open_store: Opener, open_backend: BackendOpener
) -> None:
    # One citizen with more open dossiers of a procedure than a filing shows: each new
    # filing names the first SHOWN of them, not all (its event would grow with them).
    async with running_app(open_store, open_backend) as app:
        desk = Context(actor=CLERK)
        filed = [await app.dossiers.receive_at_desk(desk, FILING) for _ in range(SHOWN + 2)]
        last = await app.dossiers.receive_at_desk(desk, FILING)
        assert last.possible_duplicates == sorted(f.code for f in filed)[:SHOWN]
