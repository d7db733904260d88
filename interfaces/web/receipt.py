"""``/can-bo/bien-nhan``: the receipt and appointment slip, for the clerk to print.

The lookup secret exists in clear only in the answer to the filing (``POST
/api/v1/dossiers``); the server keeps its hash. So the clerk's client hands it back:
it posts that answer as JSON (or the form posts code and secret), the secret is checked
against the stored hash (a wrong one finds nothing, under the citizens' guess limits)
and everything else on the slip is read from the dossier itself.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import Response

from application.errors import NotFound
from application.plain import plain
from domain.dossiers.dossier import Dossier
from domain.shared import Role
from interfaces.http.inputs import read_body
from interfaces.http.public import guarded
from interfaces.http.state import services_of
from interfaces.web import csrf
from interfaces.web.failures import html_errors
from interfaces.web.forms import read_form
from interfaces.web.lookup import citizen_call
from interfaces.web.pages import page
from interfaces.web.papers import form_path
from interfaces.web.paths import LOOKUP
from interfaces.web.session import officer


class FilingAnswer(BaseModel):
    """What the receipt needs of ``POST /api/v1/dossiers``'s answer; the rest is ignored."""

    model_config = ConfigDict(extra="ignore")
    code: str = Field(min_length=1, max_length=64)
    lookup_secret: str = Field(min_length=1, max_length=64)


@html_errors
async def receipt_form(request: Request) -> Response:
    actor = officer(request, Role.CLERK)
    return page(request, "receipt_form.html", {"actor": actor, "failed": False})


async def _code_and_secret(request: Request) -> tuple[str, str]:
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type == "application/json":
        answer = await read_body(request, FilingAnswer)
        return answer.code.strip(), answer.lookup_secret.strip()
    form = await read_form(request)
    csrf.check(request, form, services_of(request).jwt_secret)
    return form.get("code", "").strip()[:64], "".join(form.get("secret", "").split())[:64]


@html_errors
async def receipt(request: Request) -> Response:
    actor = officer(request, Role.CLERK)
    code, secret = await _code_and_secret(request)
    call = citizen_call(request, code)
    dossiers = call.services.dossiers
    try:
        if not (code and secret):
            raise NotFound()
        await guarded(call, lambda: dossiers.citizen(code, secret))
        dossier = plain(await dossiers.get(actor, Dossier.id_for(code)))
    except NotFound:
        context = {"actor": actor, "failed": True}
        return page(request, "receipt_form.html", context, status=404, personal=True)
    unit = call.services.units.get(dossier["receiving_unit"])
    context = {
        "dossier": dossier,
        "secret": secret,
        "desk": unit.name,
        "lookup_url": str(request.url.replace(path=LOOKUP, query="")),
        "pdf_url": form_path(dossier["id"], "01"),
    }
    return page(request, "receipt.html", context, personal=True)
