"""The working calendar: try a proposed change (what-if), announce one (admin)."""

from __future__ import annotations

from application.clock import commands
from application.clock.risk_views import AtRiskList
from application.clock.views import AnnouncementView, WhatIfView
from application.errors import Forbidden
from domain.shared import Role
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.schemas import AtRiskQuery

_TRY = frozenset({Role.LEADER, Role.AUDITOR})
_OFFICERS = frozenset({Role.CLERK, Role.SPECIALIST, Role.LEADER})


async def what_if(call: Call) -> WhatIfView:
    if call.officer.role not in _TRY:
        raise Forbidden("trying a calendar change is for leaders and auditors")
    return await call.services.calendar_what_if.changes(call.body)


async def at_risk(call: Call) -> AtRiskList:
    if call.officer.role not in _OFFICERS:
        raise Forbidden("the at-risk list is for officers of the unit")
    query: AtRiskQuery = call.query
    return await call.services.at_risk.dossiers(call.officer, query.within_days)


async def announce(call: Call) -> AnnouncementView:
    return await call.services.calendar.announce(call.context(call.officer), call.body)


ENDPOINTS = (
    Endpoint(
        "GET",
        "/api/v1/at-risk",
        "at_risk",
        "Dossiers in processing at the caller's unit likely to be late, highest risk first",
        at_risk,
        AtRiskList,
        query=AtRiskQuery,
        errors=(403, 503),
        tag="calendar",
        reads="due_clocks",
    ),
    Endpoint(
        "POST",
        "/api/v1/calendar/what-if",
        "calendar_what_if",
        "The dossiers whose due date or lateness a proposed change of the calendar would "
        "change; nothing is changed",
        what_if,
        WhatIfView,
        body=commands.WhatIf,
        errors=(403, 503),
        tag="calendar",
        reads="due_clocks",
    ),
    Endpoint(
        "POST",
        "/api/v1/calendar",
        "calendar_announce",
        "Announce or withdraw days off and make-up working days: open dossiers' due dates "
        "follow, each with an event saying why",
        announce,
        AnnouncementView,
        body=commands.Announce,
        command=True,
        errors=(403, 409, 503),
        tag="calendar",
    ),
)
