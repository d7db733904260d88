"""A busy desk: many clerks of one unit file at once, on every store.

Their filings share the store's commits (the desk's turn ends once an append is queued,
not committed), yet the day's receipt numbers stay dense: a number is kept only by the
filing whose append committed at it, even when a filing fails after taking one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from application.chain import verify_chain
from application.context import Context
from application.dossiers import commands as c
from application.forms.data import FormData
from application.plain import plain
from application.ports import StreamAppend
from domain.calendar import VIETNAM_TZ
from domain.dossiers.dossier import Document
from domain.dossiers.register import ReceiptRegister
from domain.dossiers.status import Channel
from domain.shared import Role
from infrastructure.clock import FixedClock
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.memory.form_renderer import PlainTextFormRenderer
from interfaces.bootstrap import bootstrap
from tests.contract.test_event_store import ContractStore, read_all, warm_up
from tests.examples import APPLICANT, CALENDAR, COC_LEU, MERIT, MONDAY_9AM, officer

DAY = MONDAY_9AM.astimezone(VIETNAM_TZ).date()

CLERKS = 30
BROKEN_RECEIPT = 7
"""The filing whose receipt fails to print, after it has taken its number."""


class Printer(PlainTextFormRenderer):
    """Counts the receipts it prints and fails the ``BROKEN_RECEIPT``-th."""

    def __init__(self) -> None:
        self.printed = 0
        self.all_printed = asyncio.Event()
        self._loop = asyncio.get_running_loop()

    def render(self, form: FormData) -> bytes:
        self.printed += 1
        if self.printed >= CLERKS:
            self._loop.call_soon_threadsafe(self.all_printed.set)
        if self.printed == BROKEN_RECEIPT:
            raise OSError("the receipt printer jammed")
        return super().render(form)


async def test_a_busy_desk_shares_commits_and_keeps_its_numbers_dense(
    store: ContractStore,
) -> None:
    await warm_up(store)
    printer = Printer()
    app = await bootstrap(
        store=store, clock=FixedClock(MONDAY_9AM), calendar=CALENDAR, form_renderer=printer
    )

    # The first commit waits until every clerk has printed a receipt, so the filings
    # decided meanwhile queue behind it (a slow disk, say).
    first = True

    async def slow_disk(_: Sequence[StreamAppend]) -> None:
        nonlocal first
        if first:
            first = False
            await asyncio.wait_for(printer.all_printed.wait(), 10)

    store.before_commit = slow_disk

    def file(key: str | None = None) -> asyncio.Task[object]:
        context = Context(actor=officer(Role.CLERK, COC_LEU), idempotency_key=key)
        command = c.FileDossier(MERIT, APPLICANT, (Document("Bản khai"),), Channel.DESK)
        return asyncio.create_task(app.dossiers.receive_at_desk(context, command))

    # Thirty clerks at once; one request is sent twice with the same key (a retry that
    # left before the first answer came), so one of its two numbers goes unused; the
    # seventh receipt jams after its filing took a number.
    filings = [file() for _ in range(CLERKS - 2)] + [file("twice"), file("twice")]
    outcomes = await asyncio.gather(*filings, return_exceptions=True)
    store.before_commit = None
    try:
        failed = [o for o in outcomes if isinstance(o, BaseException)]
        assert [str(f) for f in failed] == ["the receipt printer jammed"]
        receipts = [plain(o) for o in outcomes if not isinstance(o, BaseException)]
        assert receipts[-1] == receipts[-2]  # the twin got the first one's answer

        codes = sorted({str(r["code"]) for r in receipts})
        filed = CLERKS - 2  # one jammed, and the twins filed once
        assert codes == [ReceiptRegister.code_of(COC_LEU, DAY, n) for n in range(1, filed + 1)]
        register = await store.read_stream(ReceiptRegister.id_for(COC_LEU, DAY))
        assert [e.version for e in register] == list(range(1, filed + 2))
        assert (await verify_chain(store)).ok

        if not isinstance(store, InMemoryEventStore):  # it commits one append at a time
            commits = {e.recorded_at for e in await read_all(store) if e.stream_type == "Dossier"}
            assert len(commits) <= filed // 2
    finally:
        await app.close()
