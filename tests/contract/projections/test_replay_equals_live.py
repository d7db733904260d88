"""Views built live, while the commands run, answer exactly as views rebuilt from the
log."""

from __future__ import annotations

from tests.contract.projections.conftest import AppOpener
from tests.contract.projections.scenario import STAFF, a_month_at_the_desks, answers


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
