"""A reader waits, briefly, for the views to include what was committed before it: the
runners are nudged rather than left to their next poll (here a minute away)."""

from __future__ import annotations

from dataclasses import replace

from application.context import Context
from application.dossiers import commands as c
from domain.dossiers.dossier import Applicant, Document
from domain.dossiers.status import Channel
from infrastructure.clock import FixedClock
from interfaces.bootstrap import bootstrap
from tests.contract.conftest import Opener
from tests.contract.projections.conftest import FAST, BackendOpener
from tests.examples import APP_CALENDAR, APP_MONDAY_9AM, CLERK, MERIT

A_MINUTE = replace(FAST, poll_seconds=60.0)


async def test_a_reader_finds_what_was_committed_before_it(
    open_store: Opener, open_backend: BackendOpener
) -> None:
    store, backend = await open_store(), await open_backend()
    app = await bootstrap(
        store=store,
        clock=FixedClock(APP_MONDAY_9AM),
        calendar=APP_CALENDAR,
        views=backend.views,
        runner_options=A_MINUTE,
    )
    assert await app.projections.caught_up("inbox", within=5.0)  # not running: no wait
    await app.start_projections()
    try:
        await app.projections.wait_for(await store.last_position(), within=5.0)
        for name in ("Nguyễn Thị Mai", "Đặng Văn Nam"):
            applicant = Applicant(full_name=name, citizen_id="010203004005")
            await app.dossiers.receive_at_desk(
                Context(actor=CLERK),
                c.FileDossier(MERIT, applicant, (Document("Bản khai"),), Channel.DESK),
            )
            # Within 5 s, where the next poll is a minute away: the runner was nudged.
            assert await app.projections.caught_up("search", within=5.0)
            found = await app.read_models.search.page(CLERK)
            assert found["items"][0]["applicant"]["full_name"] == name
        status = {s.name: s.position for s in await app.projections.status()}
        assert status["search"] == await store.last_position()
    finally:
        await app.stop_projections()
