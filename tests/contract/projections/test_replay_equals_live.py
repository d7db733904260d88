"""Views built live, while the commands run, answer exactly as views rebuilt from the
log."""

from __future__ import annotations

import gc

from application.ports import RecordedEvent
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
    assert live["statistics 080 2021-02-01"]["rows"][0]["received"] == 11
    assert len(live["audit 10"]) == await app.store.last_position()
    assert sum(map(len, live["leader@080 inbox overdue=None"])) == 1
    # The live runners carry on after the swap.
    more = await desk.file("Nguyễn Văn Mới")
    await app.projections.wait_for()
    found = await app.read_models.search.page(STAFF[0], q="nguyen van moi")
    assert [item["id"] for item in found["items"]] == [str(more)]


async def test_every_view_is_rebuilt_in_one_pass_over_the_log(open_app: AppOpener) -> None:
    app = await open_app()
    await a_month_at_the_desks(app)
    source, head = app.projections.source, await app.store.last_position()
    reads: list[int] = []
    read_batch = source.batch

    async def counted(after: int, size: int) -> list[RecordedEvent]:
        reads.append(after)
        return await read_batch(after, size)

    source.batch = counted  # type: ignore[method-assign]
    rebuilt_at = await app.projections.rebuild(batch_size=4)
    assert set(rebuilt_at.values()) == {head}
    # One read per batch for all five views, and one more per view in its swap (to find
    # that nothing arrived meanwhile): not five passes over the log.
    full_batches = head // 4
    assert len(reads) <= full_batches + 1 + len(rebuilt_at) < 2 * full_batches
    assert reads[:full_batches] == [4 * n for n in range(full_batches)]
    # What the memos held was frozen out of the collector's way, and is back in it.
    assert gc.get_freeze_count() == 0
