"""Do the projections, caught up after crashes, answer what a rebuild from zero answers?

An App over the store catches every projection up, reads every read model through its
query API (search and audit log of the whole province, the desks' inboxes, the
statistics since 2000), rebuilds every projection from the first event, and reads them
again: the two readings must be equal.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from pydantic import SecretStr

from domain.shared import Actor, Role
from infrastructure.settings import Settings
from interfaces.bootstrap import App, bootstrap
from tests.e2e.api import SECRET
from tests.examples import TODAYS_DESK
from tests.reliability.lock_report import reporting_locks
from tests.reliability.server import MASTER_KEY

Page = Callable[[str | None], Awaitable[dict[str, Any]]]


async def every_page(page: Page) -> list[Any]:
    items: list[Any] = []
    cursor: str | None = None
    for _ in range(10_000):  # bounded: far more pages than any test writes
        answer = await page(cursor)
        items += answer["items"]
        cursor = answer.get("next_cursor")
        if not cursor:
            return items
    raise AssertionError("the pages never ended")


def inbox_of(app: App, desk: Actor) -> Page:
    async def page(cursor: str | None) -> dict[str, Any]:
        return await app.read_models.inbox.page(desk, cursor=cursor, limit=100)

    return page


async def reading(app: App) -> dict[str, Any]:
    root = next(unit.code for unit in app.units if unit.parent is None)
    auditor = Actor("reliability-auditor", Role.AUDITOR, root)
    models = app.read_models
    found: dict[str, Any] = {
        "search": await every_page(lambda c: models.search.page(auditor, cursor=c, limit=100)),
        "statistics": await models.statistics.report(auditor, first=date(2000, 1, 1)),
    }
    for role in (Role.CLERK, Role.SPECIALIST, Role.LEADER):
        found[f"inbox:{role}"] = await every_page(
            inbox_of(app, Actor(f"r-{role}", role, TODAYS_DESK))
        )
    audit: list[Any] = []
    after = 0
    for _ in range(100_000):
        answer = await models.audit_log.page(auditor, after=after, limit=500)
        audit += answer["items"]
        if not answer["items"]:
            break
        after = answer["next_after"]
    found["audit_log"] = audit
    return found


async def caught_up_equals_rebuilt(database_url: str) -> tuple[bool, dict[str, int]]:
    """Whether the caught-up read models equal the rebuilt ones; and how big each was."""
    settings = Settings(
        database_url=database_url, jwt_secret=SECRET, master_key=SecretStr(MASTER_KEY)
    )
    app = await bootstrap(settings)
    try:
        await app.start_projections()
        await app.projections.wait_for(within=120.0)
        caught_up = await reading(app)
        await app.stop_projections()
        async with reporting_locks(database_url):
            await app.projections.rebuild()
        rebuilt = await reading(app)
    finally:
        await app.close()
    sizes = {
        name: len(value["rows"] if isinstance(value, dict) else value)
        for name, value in caught_up.items()
    }
    return caught_up == rebuilt, sizes
