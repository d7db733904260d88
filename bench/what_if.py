"""``calendar_what_if``: ``POST /api/v1/calendar/what-if`` over 10⁵ dossiers (10⁴ with
``--quick``), on PostgreSQL.

In a fresh schema the realistic log of :mod:`bench.dossier_log` (each dossier received,
transferred, decided six days later, returned the next day; one filed every two minutes,
so 10⁵ span some twenty weeks of 2027) is COPYed in, and the real ``due_clocks``
projection is rebuilt from it. Then the read model the API calls
(:class:`projections.calendar_what_if.CalendarWhatIf`, the answer serialised as the HTTP
layer does) is timed on three proposals:

- ``one_day``: one extra day off in the middle of the period, the usual question: only the
  dossiers whose clock runs over that day are read and recounted;
- ``whole_period``: a day off on the first working day and a make-up Saturday at the end,
  so every dossier's clock runs over a proposed day: all 10⁵ are candidates, few change;
- ``every_wednesday``: every Wednesday of the period off: every dossier's date moves, so
  all 10⁵ are in the answer (the worst case, and the figure judged against the 5 s target).

Each is timed ``ROUNDS`` times; the median is reported.
"""

from __future__ import annotations

import statistics
import time
from datetime import date, timedelta

import asyncpg
from pydantic import TypeAdapter

from application.clock.commands import WhatIf
from application.clock.in_force import CalendarInForce
from application.clock.views import WhatIfView
from application.encoding import new_mapper
from application.repository import Repository
from bench.catchup import migrate
from bench.context import Context, Result, fresh_schema
from bench.dossier_log import copy_to_postgres
from domain.clock.working_days import IndexedCalendar
from infrastructure.calendar_data import vietnam_calendar
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.postgres.views import PostgresViews
from infrastructure.reference_data import load_units
from infrastructure.sql_views.due_clocks import SqlDueClocksReader
from infrastructure.view_stores import sql_views
from projections.calendar_what_if import CalendarWhatIf
from projections.read_models import bindings
from projections.rebuild import rebuild
from projections.source import EventSource

SIZES = {False: 100_000, True: 10_000}
ROUNDS = 5
TODAY = date(2027, 6, 1)
WEDNESDAYS = tuple(date(2027, 1, 6) + timedelta(weeks=w) for w in range(22))
PROPOSALS = {
    "one_day": WhatIf(extra_days_off=(date(2027, 3, 10),)),
    "whole_period": WhatIf(extra_days_off=(date(2027, 1, 5),), make_up_days=(date(2027, 6, 5),)),
    "every_wednesday": WhatIf(extra_days_off=WEDNESDAYS),
}


async def calendar_what_if(ctx: Context) -> Result:
    dossiers = SIZES[ctx.quick]
    detail: dict[str, object] = {"dossiers": dossiers}
    async with fresh_schema(ctx.dsn, "whatif") as schema:
        settings = {"search_path": schema}
        await migrate(ctx.dsn, schema)
        store = await PostgresEventStore.open(ctx.dsn, server_settings=settings)
        backend = await PostgresViews.open(ctx.dsn, statement_timeout=600, server_settings=settings)
        try:
            connection = await asyncpg.connect(ctx.dsn, server_settings=settings)
            try:
                started = time.perf_counter()
                await copy_to_postgres(connection, dossiers)
                source = EventSource(store, Repository(store, new_mapper()).decode)
                every = bindings(sql_views(backend).stores, load_units(), source)
                await rebuild([b for b in every if b.name == "due_clocks"], source)
                await connection.execute("ANALYZE")
                detail["seed_seconds"] = round(time.perf_counter() - started, 1)
            finally:
                await connection.close()
            calendar = CalendarInForce(
                IndexedCalendar.over(vietnam_calendar(range(2026, 2032)), 2026, 2031)
            )
            what_if = CalendarWhatIf(SqlDueClocksReader(backend.fetch), calendar, lambda: TODAY)
            answer = TypeAdapter(WhatIfView)
            for name, proposal in PROPOSALS.items():
                times, changed = [], 0
                for _ in range(ROUNDS):
                    began = time.perf_counter()
                    view = await what_if.changes(proposal)
                    answer.dump_json(view)
                    times.append(time.perf_counter() - began)
                    changed = len(view.items)
                detail[f"{name}_seconds"] = round(statistics.median(times), 3)
                detail[f"{name}_changed"] = changed
        finally:
            await backend.close()
            await store.close()
    return Result(float(str(detail["every_wednesday_seconds"])), "s", detail)
