"""A busy desk: many clerks of one unit file at once, on every store.

Their filings are decided side by side and share the store's commits (each takes a
ticket, then queues its append behind the ticket before it), yet the day's receipt
numbers stay dense: a number is kept only by the filing whose append committed at it,
even when a filing fails after taking one.
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
from interfaces.bootstrap import App, bootstrap
from tests.contract.test_event_store import ContractStore, read_all, warm_up
from tests.examples import APP_CALENDAR, APP_MONDAY_9AM, APPLICANT, COC_LEU, MERIT, officer

DAY = APP_MONDAY_9AM.astimezone(VIETNAM_TZ).date()

CLERKS = 30
JAMMED = "Bản khai (giấy kẹt)"
"""The document whose receipt fails to print, after its filing has taken a number."""


class Printer(PlainTextFormRenderer):
    """Counts the receipts it prints; jams on the receipt for ``JAMMED``."""

    def __init__(self) -> None:
        self.printed = 0
        self.all_printed = asyncio.Event()
        self._loop = asyncio.get_running_loop()

    def render(self, form: FormData) -> bytes:
        self.printed += 1
        if self.printed >= CLERKS:
            self._loop.call_soon_threadsafe(self.all_printed.set)
        if JAMMED in repr(form):
            raise OSError("the receipt printer jammed")
        return super().render(form)


async def at_the_desk(store: ContractStore) -> tuple[App, Printer]:
    await warm_up(store)
    printer = Printer()
    app = await bootstrap(
        store=store, clock=FixedClock(APP_MONDAY_9AM), calendar=APP_CALENDAR, form_renderer=printer
    )
    return app, printer


def file(app: App, key: str | None = None, document: str = "Bản khai") -> asyncio.Task[object]:
    context = Context(actor=officer(Role.CLERK, COC_LEU), idempotency_key=key)
    command = c.FileDossier(MERIT, APPLICANT, (Document(document),), Channel.DESK)
    return asyncio.create_task(app.dossiers.receive_at_desk(context, command))


async def assert_dense(store: ContractStore, receipts: list[dict[str, object]]) -> int:
    """The receipts' codes are the day's numbers 1..n, each entered once; return n."""
    codes = sorted({str(r["code"]) for r in receipts})
    filed = len(codes)
    assert codes == [ReceiptRegister.code_of(COC_LEU, DAY, n) for n in range(1, filed + 1)]
    register = await store.read_stream(ReceiptRegister.id_for(COC_LEU, DAY))
    assert [e.version for e in register] == list(range(1, filed + 2))
    assert (await verify_chain(store)).ok
    return filed


async def test_a_busy_desks_filings_share_commits(store: ContractStore) -> None:
    app, printer = await at_the_desk(store)

    # The first commit waits until every clerk has printed a receipt, so the filings
    # decided meanwhile queue behind it (a slow disk, say).
    first = True

    async def slow_disk(_: Sequence[StreamAppend]) -> None:
        nonlocal first
        if first:
            first = False
            await asyncio.wait_for(printer.all_printed.wait(), 10)

    store.before_commit = slow_disk
    try:
        receipts = [plain(r) for r in await asyncio.gather(*(file(app) for _ in range(CLERKS)))]
        filed = await assert_dense(store, receipts)
        assert filed == CLERKS
        if not isinstance(store, InMemoryEventStore):  # it commits one append at a time
            commits = {e.recorded_at for e in await read_all(store) if e.stream_type == "Dossier"}
            assert len(commits) <= 3
    finally:
        store.before_commit = None
        await app.close()


async def test_numbers_a_failed_filing_took_go_to_the_next_ones(store: ContractStore) -> None:
    app, _ = await at_the_desk(store)

    # Thirty clerks at once; one request is sent twice with the same key (a retry that
    # left before the first answer came), so one of the twins' two numbers goes unused;
    # one receipt jams after its filing took a number.
    plain_ones = [file(app) for _ in range(CLERKS - 3)]
    filings = [*plain_ones[:10], file(app, document=JAMMED), *plain_ones[10:]]
    filings += [file(app, "twice"), file(app, "twice")]
    outcomes = await asyncio.gather(*filings, return_exceptions=True)
    try:
        assert [str(o) for o in outcomes if isinstance(o, BaseException)] == [
            "the receipt printer jammed"
        ]
        receipts = [plain(o) for o in outcomes if not isinstance(o, BaseException)]
        assert receipts[-1] == receipts[-2]  # the twin got the first one's answer
        assert await assert_dense(store, receipts) == CLERKS - 2
    finally:
        await app.close()
