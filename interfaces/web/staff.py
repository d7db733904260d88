"""``/can-bo/ho-so``: an officer or auditor opens a dossier by the code on its receipt
(the dossier's own page is :mod:`interfaces.web.desk.dossier`)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from domain.dossiers.dossier import Dossier
from interfaces.web.failures import html_errors
from interfaces.web.pages import page
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
