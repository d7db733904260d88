"""Views built live, while the commands run, answer exactly as views rebuilt from the
log; and the lists answer as the scanning stand-in they replace."""

from __future__ import annotations

import pytest

from domain.shared import Role
from tests.contract.projections.conftest import AppOpener
from tests.contract.projections.scenario import (
    STAFF,
    ReadModelLists,
    a_month_at_the_desks,
    answers,
    dossier_lists,
)


async def test_rebuilding_every_view_from_zero_changes_no_answer(open_app: AppOpener) -> None:
    app = await open_app()
    await app.start_projections()
    desk = await a_month_at_the_desks(app, follow=True)
    await app.projections.wait_for()
    live = await answers(app, desk)
    rebuilt_at = await app.projections.rebuild()
    assert set(rebuilt_at.values()) == {await app.store.last_position()}
    assert await answers(app, desk) == live
    # The answers are about something: the month's figures, lists and timelines.
    assert live["statistics 080 2027-02-01"]["rows"][0]["received"] == 11
    assert len(live["audit 10"]) == await app.store.last_position()
    assert sum(map(len, live["leader@080 inbox overdue=None"])) == 1
    # The live runners carry on after the swap.
    more = await desk.file("Nguyễn Văn Mới")
    await app.projections.wait_for()
    found = await app.read_models.search.page(STAFF[0], q="nguyen van moi")
    assert [item["id"] for item in found["items"]] == [str(more)]


async def test_the_lists_answer_as_the_scanning_stand_in(open_app: AppOpener) -> None:
    scanning = pytest.importorskip("application.dossier_queries")
    app = await open_app()
    desk = await a_month_at_the_desks(app)
    await app.start_projections()
    await app.projections.wait_for()
    stand_in = scanning.ScanningDossierQueries(app.dossiers.repository, app.units, app.clock)
    for actor in STAFF:
        ours = await dossier_lists(ReadModelLists(app), actor)
        theirs = await dossier_lists(stand_in, actor)
        # The stand-in matches text with its diacritics; the read model without them.
        del ours["search q=nguyen"], theirs["search q=nguyen"]
        assert ours == theirs, actor
    assert desk.secrets
    for code, secret in desk.secrets.items():
        assert await app.read_models.public_status.lookup(
            code, secret
        ) == await app.dossiers.public_status(code, secret)
    clerk = next(actor for actor in STAFF if actor.role == Role.CLERK)
    assert (await app.read_models.search.page(clerk, q="nguyen"))["items"]
