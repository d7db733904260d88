"""``/can-bo/hop-thu``: what waits at the officer's unit for their role.

The list is the inbox read model (``GET /api/v1/inbox``): earliest due date first, so
overdue dossiers (due before today) lead; filters by status, procedure and overdue;
counts per status at the top. A search by code or name (unaccented) looks in the search
read model instead (``GET /api/v1/dossiers``, its trigram index): every dossier that
passed through the unit, newest first. Both read your writes, as the API's routes do.

The dossiers at risk of being late (``GET /api/v1/at-risk``: the working days left against
what the rest of their route usually takes) come first, in their own list, highest risk
first, with the reason and the last day to send an apology in time; in the inbox each
carries a badge, and a filter keeps them alone.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from domain.dossiers.status import Status
from domain.shared import Role
from interfaces.http.state import services_of
from interfaces.web.failures import html_errors
from interfaces.web.pages import page
from interfaces.web.session import officer

PAGE_SIZE = 20
AT_RISK_SHOWN = 10
_LONGEST_QUERY = 100


def _status(text: str | None) -> Status | None:
    return next((status for status in Status if status.value == text), None)


@html_errors
async def inbox_page(request: Request) -> Response:
    actor = officer(request, Role.CLERK, Role.SPECIALIST, Role.LEADER)
    services = services_of(request)
    asked = request.query_params
    status = _status(asked.get("trang-thai"))
    codes = {procedure.code for procedure in services.catalog}
    procedure = asked.get("thu-tuc") if asked.get("thu-tuc") in codes else None
    q = asked.get("q", "").strip()[:_LONGEST_QUERY]
    overdue = asked.get("qua-han") == "1"
    only_at_risk = asked.get("nguy-co") == "1"
    cursor = asked.get("sau") or None
    searching = bool(q)
    found: dict[str, Any]
    if searching:
        await services.caught_up("search", services.read_wait_seconds)
        found = await services.read_models.search.page(
            actor, status=status, procedure=procedure, q=q, cursor=cursor, limit=PAGE_SIZE
        )
    await services.caught_up("due_clocks", services.read_wait_seconds)
    at_risk = (await services.at_risk.dossiers(actor)).items
    risky = {item.code for item in at_risk}
    if not searching:
        await services.caught_up("inbox", services.read_wait_seconds)
        found = await services.read_models.inbox.page(
            actor,
            status=status,
            overdue=overdue or None,
            procedure=procedure,
            cursor=cursor,
            limit=PAGE_SIZE,
            keep=risky.__contains__ if only_at_risk else None,
        )
    counts = await services.read_models.inbox.counts(actor)
    filters = {
        "trang-thai": status.value if status else "",
        "thu-tuc": procedure or "",
        "q": q,
        "qua-han": "1" if overdue else "",
        "nguy-co": "1" if only_at_risk else "",
    }
    context = {
        "actor": actor,
        "unit_name": services.units.get(actor.unit).name,
        "items": found["items"],
        "at_risk": at_risk[:AT_RISK_SHOWN],
        "risky": risky,
        "next_cursor": found["next_cursor"],
        "counts": counts,
        "total": sum(count for key, count in counts.items() if key != "overdue"),
        "statuses": [s.value for s in Status],
        "procedures": sorted(services.catalog, key=lambda p: p.name),
        "filters": filters,
        "searching": searching,
        "paged": cursor is not None,
    }
    return page(request, "desk_inbox.html", context, personal=True)
