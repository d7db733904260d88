"""Every read model query is an index lookup or an index range, never a scan of a view's
table: its cost must follow the size of the answer, not of the province's history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from infrastructure.postgres.views import PostgresViews
from infrastructure.sql_views.audit_log import SqlAuditLogReader
from infrastructure.sql_views.inbox import SqlInboxReader
from infrastructure.sql_views.possible_duplicates import SqlPossibleDuplicatesReader
from infrastructure.sql_views.public_status import SqlPublicStatusReader
from infrastructure.sql_views.search import SqlSearchReader
from infrastructure.sql_views.statistics import SqlStatisticsReader
from infrastructure.sqlite.views import SqliteViews
from projections.search import Reach
from tests.contract.conftest import Storage
from tests.contract.projections.conftest import AppOpener
from tests.contract.test_event_store import SQL_ONLY
from tests.examples import CITY, COC_LEU, MERIT

pytestmark = SQL_ONLY

Query = tuple[str, Sequence[Any]]


class Recorder:
    """A reader's ``fetch`` that keeps the statement instead of running it."""

    def __init__(self) -> None:
        self.queries: list[Query] = []

    async def __call__(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        self.queries.append((sql, parameters))
        return []


async def explain(
    storage: Storage, views: SqliteViews | PostgresViews, queries: list[Query]
) -> list[str]:
    """One plan per query, as text."""
    plans = []
    for sql, parameters in queries:
        if isinstance(views, SqliteViews):
            rows = await views.fetch("EXPLAIN QUERY PLAN " + sql, parameters)
            plans.append("\n".join(str(row[3]) for row in rows))
            continue
        async with views.transaction() as session:
            await session.execute("SET LOCAL enable_seqscan = off")
            rows = await session.fetch("EXPLAIN " + sql, parameters)
        plans.append("\n".join(str(row[0]) for row in rows))
    return plans


async def test_each_query_uses_an_index(storage: Storage, open_app: AppOpener) -> None:
    app = await open_app()
    await app.start_projections()
    await app.projections.wait_for()  # the views exist
    views = app.views.stores.inbox.backend  # type: ignore[attr-defined]
    record = Recorder()
    await SqlInboxReader(record).page(
        COC_LEU, "clerk", status=None, overdue=None, today=738000, after=(738000, 5), limit=21
    )
    await SqlInboxReader(record).page(
        COC_LEU, "clerk", status="in_processing", overdue=True, today=738000, after=None, limit=21
    )
    search = SqlSearchReader(record, views.dialect)
    for status, procedure, text in (
        (None, None, None),
        ("approved", None, "nguyen"),
        (None, "x", None),
    ):
        await search.page(
            Reach.VISITED,
            COC_LEU,
            status=status,
            procedure=procedure,
            text=text,
            before=99,
            limit=21,
        )
    await SqlPublicStatusReader(record).get("02644-210111-0001")
    await SqlAuditLogReader(record).page(CITY, 10, 100)
    await SqlStatisticsReader(record).sums(
        [CITY, COC_LEU], None, first_day=738000, last_day=738030, today=738020
    )
    await SqlPossibleDuplicatesReader(record).codes("ab" * 32, MERIT, 10)
    for (sql, _), plan in zip(
        record.queries, await explain(storage, views, record.queries), strict=True
    ):
        scans = [line for line in plan.splitlines() if _is_table_scan(line)]
        assert not scans, f"{sql}\n{plan}"


def _is_table_scan(line: str) -> bool:
    line = line.strip(" ->")
    if line.startswith("SCAN "):  # SQLite; an FTS5 table answers from its index
        return "VIRTUAL TABLE" not in line
    return line.startswith("Seq Scan")  # PostgreSQL, with sequential scans discouraged
