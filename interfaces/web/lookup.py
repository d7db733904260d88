"""``/tra-cuu``: the citizen follows a dossier with the code and the secret on the receipt.

The form posts (the secret stays out of addresses and history) and the answer changes
nothing, so it needs no CSRF token. The lookup sits behind the API's own guard, counting
failed guesses in the same limiter; it reads the dossier from its events (``Dossiers.
public_status``, where the API reads the public_status view) because the journey is drawn
from those events too, and the two must agree. A wrong secret, an unknown code and a
malformed entry answer one identical page.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from application.errors import NotFound
from application.plain import plain
from domain.dossiers.dossier import Dossier
from interfaces.http.endpoints import Call
from interfaces.http.errors import Problem
from interfaces.http.public import guarded
from interfaces.http.state import services_of
from interfaces.web.failures import html_errors, wait_minutes
from interfaces.web.forms import read_form
from interfaces.web.journey import journey
from interfaces.web.journey_svg import journey_svg
from interfaces.web.pages import page, translator

EXAMPLE_CODE = "02644-270111-0001"
_LONGEST = 64


def citizen_call(request: Request, code: str) -> Call:
    """The form's lookup as the API's ``/public/dossiers/{code}`` call, for its guard."""
    scope = {**request.scope, "path_params": {"code": code}}
    return Call(Request(scope, request.receive), services_of(request), None, None, None)


async def lookup_form(request: Request) -> Response:
    return page(request, "lookup.html", {"example": EXAMPLE_CODE, "notice": None})


def _refusal(request: Request, status: int, notice: dict[str, str], **headers: str) -> Response:
    context = {"example": EXAMPLE_CODE, "notice": notice}
    return page(request, "lookup.html", context, status=status, headers=headers, personal=True)


def _not_found(request: Request) -> Response:
    t = translator(request)
    notice = {"title": t("lookup.not_found.title"), "text": t("lookup.not_found")}
    return _refusal(request, 404, notice)


def _limited(request: Request, problem: Problem) -> Response:
    t = translator(request)
    minutes = wait_minutes(problem)
    notice = {"title": t("lookup.limited.title"), "text": t("lookup.limited", minutes=minutes)}
    return _refusal(request, 429, notice, **problem.headers)


@html_errors
async def lookup(request: Request) -> Response:
    form = await read_form(request)
    code = form.get("code", "").strip()
    secret = "".join(form.get("secret", "").split())
    if not code or not secret or len(code) > _LONGEST or len(secret) > _LONGEST:
        return _not_found(request)
    call = citizen_call(request, code)
    dossiers = call.services.dossiers
    try:
        summary = await guarded(call, lambda: dossiers.public_status(code, secret))
    except NotFound:
        return _not_found(request)
    except Problem as problem:
        if problem.status != 429:
            raise
        return _limited(request, problem)
    citizen = (await dossiers.citizen(code, secret)).actor
    dossier_id = Dossier.id_for(code)
    state = plain(await dossiers.get(citizen, dossier_id))
    events = plain(await dossiers.history(citizen, dossier_id))["events"]
    diagram = journey_svg(
        journey(events, call.services.unit_registry.tree_on, with_roles=False), translator(request)
    )
    context = {"dossier": plain(summary), "badge": badge(state), "diagram": diagram}
    return page(request, "dossier.html", context, personal=True)


def badge(state: dict[str, Any]) -> str | None:
    """The catalog key of the dossier's standing against its appointment, if any."""
    if state["overdue"]:
        return "badge.overdue"
    if state["late"]:
        return "badge.late"
    if state["status"] in ("in_processing", "awaiting_supplement"):
        return "badge.on_schedule"
    if state["status"] in ("approved", "result_returned"):
        return "badge.on_time"
    return None
