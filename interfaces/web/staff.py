"""``/can-bo/ho-so``: an auditor opens a dossier's journey, with the officers' roles on
each hand-off and the full event log (who, role, unit) beneath it."""

from __future__ import annotations

from uuid import UUID

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from application.plain import plain
from domain.dossiers.dossier import Dossier
from domain.shared import Role
from interfaces.http.state import services_of
from interfaces.web.failures import html_errors
from interfaces.web.journey import journey
from interfaces.web.journey_svg import journey_svg
from interfaces.web.pages import page, translator
from interfaces.web.paths import STAFF_HOME
from interfaces.web.session import officer


@html_errors
async def find(request: Request) -> Response:
    """The code typed in the form finds the dossier's page (its id follows from it)."""
    actor = officer(request)
    code = request.query_params.get("ma", "").strip()
    if code:
        return RedirectResponse(f"{STAFF_HOME}/{Dossier.id_for(code[:64])}", status_code=303)
    return page(request, "staff_find.html", {"actor": actor})


@html_errors
async def dossier_page(request: Request) -> Response:
    actor = officer(request, Role.AUDITOR)
    dossier_id: UUID = request.path_params["id"]
    services = services_of(request)
    state = plain(await services.dossiers.get(actor, dossier_id))
    events = plain(await services.dossiers.history(actor, dossier_id))["events"]
    diagram = journey_svg(journey(events, services.units, with_roles=True), translator(request))
    context = {
        "actor": actor,
        "dossier": state,
        "events": events,
        "diagram": diagram,
        "unit_names": {unit.code: unit.name for unit in services.units},
    }
    return page(request, "staff_dossier.html", context, personal=True)
