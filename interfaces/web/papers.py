"""``/can-bo/ho-so/{id}/mau/{number}``: a dossier's form as its PDF, for the signed-in
officer in scope (the receipt page links form 01 here): the same bytes as
``GET /api/v1/dossiers/{id}/forms/{number}``, under the pages' session."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from interfaces.http.forms import pdf_response
from interfaces.http.state import services_of
from interfaces.web.failures import html_errors
from interfaces.web.paths import STAFF_HOME
from interfaces.web.session import officer


def form_path(dossier_id: object, number: str) -> str:
    return f"{STAFF_HOME}/{dossier_id}/mau/{number}"


@html_errors
async def dossier_form(request: Request) -> Response:
    actor = officer(request)
    number = request.path_params["number"]
    pdf = await services_of(request).forms.dossier_form(actor, request.path_params["id"], number)
    return pdf_response(pdf, f"mau-{number}")
