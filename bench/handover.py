"""The 2025 switch under load: 10,000 dossiers in flight at old Lào Cai units on 30 June
2025 (filed at the communes of Thành phố Lào Cai and Huyện Bát Xát, half of them handed on
to their district), then :class:`application.units.handover.HandOver` at 1 July on
PostgreSQL, while a desk keeps filing dossiers on the new tree, one after another.

Answers the seconds the hand-over takes (target ≤ 60) and the longest a filing waited
meanwhile (``filing_max_ms``, target ≤ 1000): the hand-over appends in batches under the
same append lock as filings, so a filing waits one batch at most.

    python -m bench.scenario motcua_handover --dsn URL --workdir DIR
"""

from __future__ import annotations

import asyncio
import itertools
import time
from datetime import UTC, datetime, timedelta

from application.encoding import new_mapper
from application.repository import Repository
from application.units.handover import HandOver
from bench.context import Context, Result, fresh_schema
from domain.calendar import WorkingCalendar
from domain.dossiers.dossier import Applicant, Document, Dossier
from domain.dossiers.status import Channel
from domain.shared import Actor, Role
from infrastructure.clock import FixedClock
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.reference_data import load_catalog
from infrastructure.unit_history.loading import DEMO_JURISDICTION, record_reference_units

SWITCH = datetime(2025, 7, 1).date()
FILED = datetime(2025, 6, 23, 2, 0, tzinfo=UTC)  # a Monday, 09:00 in Hà Nội
PROCEDURE = "LC.BTXH.CTTC"  # commune receives, district decides: both levels cease
CALENDAR = WorkingCalendar(days_off=frozenset(), make_up_days=frozenset())
DOSSIERS = 10_000


def _in_flight(count: int) -> list[Dossier]:
    history = record_reference_units(None, FILED).history
    eve = history.tree_on(SWITCH - timedelta(days=1))
    procedure = load_catalog().in_force(PROCEDURE, FILED.date())
    communes = [u.code for u in eve if u.parent in ("080", "082")]
    dossiers = []
    for n in range(count):
        commune = communes[n % len(communes)]
        clerk = Actor(f"clerk@{commune}", Role.CLERK, commune)
        dossier = Dossier.submit(
            code=f"{commune}-250623-{n:06d}",
            procedure=procedure,
            applicant=Applicant("Nguyễn Thị Mai", f"{n:012d}"),
            documents=(Document("Đơn đề nghị"),),
            channel=Channel.DESK,
            receiving_unit=commune,
            secret_hash="0" * 64,
            actor=clerk,
            at=FILED,
        )
        dossier.receive(clerk, FILED, CALENDAR)
        if n % 2:
            district = eve.get(commune).parent
            assert district is not None
            dossier.transfer(district, None, eve, clerk, FILED + timedelta(hours=1))
        dossiers.append(dossier)
    return dossiers


async def motcua_handover(ctx: Context) -> Result:
    count = 1_000 if ctx.quick else DOSSIERS
    history = record_reference_units(None, FILED).history
    catalog = load_catalog()
    async with fresh_schema(ctx.dsn, "handover") as schema:
        store = await PostgresEventStore.open(
            ctx.dsn, max_size=8, server_settings={"search_path": schema}
        )
        try:
            await store.migrate()
            repository = Repository(store, new_mapper())
            dossiers = _in_flight(count)
            for start in range(0, count, 500):
                await repository.save(dossiers[start : start + 500], {})
            clock = FixedClock(datetime(2025, 6, 30, 17, 0, tzinfo=UTC))
            manager = HandOver(repository, catalog, clock, DEMO_JURISDICTION)
            waits: list[float] = []
            done = asyncio.Event()

            async def desk() -> None:
                """Files on the new tree (phường Lào Cai, 02647) back to back."""
                clerk = Actor("clerk@02647", Role.CLERK, "02647")
                procedure = catalog.in_force("1.001193", SWITCH)
                for n in itertools.count():
                    if done.is_set():
                        return
                    filed = Dossier.submit(
                        code=f"02647-250701-{n:06d}",
                        procedure=procedure,
                        applicant=Applicant("Lò Văn Sáng", f"{n:012d}"),
                        documents=(),
                        channel=Channel.DESK,
                        receiving_unit="02647",
                        secret_hash="0" * 64,
                        actor=clerk,
                        at=clock.now(),
                    )
                    started = time.perf_counter()
                    await repository.save([filed], {})
                    waits.append(time.perf_counter() - started)

            filing = asyncio.create_task(desk())
            started = time.perf_counter()
            report = await manager.run(history, SWITCH)
            seconds = time.perf_counter() - started
            done.set()
            await filing
            again_started = time.perf_counter()
            again = await manager.run(history, SWITCH)
            again_seconds = time.perf_counter() - again_started
        finally:
            await store.close()
    waits.sort()
    return Result(
        seconds,
        "s",
        {
            "dossiers": count,
            "handed_over": report.handed_over,
            "handed_over_on_rerun": again.handed_over - report.handed_over,
            "rerun_seconds": round(again_seconds, 3),
            "filings_meanwhile": len(waits),
            "filing_p99_ms": round(1000 * waits[int(0.99 * (len(waits) - 1))], 1),
            "filing_max_ms": round(1000 * waits[-1], 1),
        },
    )
