"""``/can-bo/tiep-nhan``: a clerk receives a walk-in citizen (or a posted dossier).

The procedure is picked from the catalog in force, received at the clerk's level, and
found by its name without accents; applicant, documents and channel make the body of
``POST /api/v1/dossiers`` (``FileDossier``), validated as the API validates it. On
success the receipt and appointment slip opens, ready to print: the lookup secret
exists in clear only in this answer. The form carries an idempotency key, so a double
click or a resent form files one dossier, not two.

Online submissions are received or refused at intake from their own page
(:mod:`interfaces.web.desk.dossier`), like every other command.
"""

from __future__ import annotations

import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from application.context import Context
from application.dossiers.commands import FileDossier
from application.plain import plain
from domain.catalog import Procedure
from domain.shared import Actor, Role
from interfaces.http.bodies import body_adapter
from interfaces.http.state import Services, services_of
from interfaces.web import csrf
from interfaces.web.desk.fields import body_of
from interfaces.web.desk.mistakes import Mistakes, mistakes_of
from interfaces.web.failures import html_errors
from interfaces.web.forms import read_form
from interfaces.web.pages import page, translator
from interfaces.web.papers import form_path
from interfaces.web.paths import LOOKUP
from interfaces.web.session import officer
from projections.search import fold

_APPLICANT = ("full_name", "citizen_id", "phone", "address")


def _procedures(services: Services, actor: Actor, search: str) -> list[Procedure]:
    """The catalog's procedures received at the clerk's level whose name (or code)
    holds the folded search words."""
    level = services.units.get(actor.unit).level
    words = fold(search).split()
    return sorted(
        (
            procedure
            for procedure in services.catalog
            if procedure.receiving_level == level
            and all(word in fold(f"{procedure.name} {procedure.code}") for word in words)
        ),
        key=lambda procedure: procedure.name,
    )


def _form_page(
    request: Request,
    actor: Actor,
    typed: dict[str, str],
    mistakes: Mistakes,
    status: int = 200,
) -> Response:
    services = services_of(request)
    search = request.query_params.get("tim", "").strip()[:100]
    procedures = _procedures(services, actor, search)
    # One procedure found: its required documents are the checklist to start from.
    required = procedures[0].required_documents if len(procedures) == 1 else ()
    context = {
        "actor": actor,
        "search": search,
        "procedures": procedures,
        "required": required,
        "typed": typed,
        "mistakes": mistakes,
        "channels": ["desk", "post"],
        "idempotency": typed.get("idem") or secrets.token_urlsafe(18),
    }
    return page(request, "desk_intake.html", context, status=status, personal=True)


@html_errors
async def intake_form(request: Request) -> Response:
    actor = officer(request, Role.CLERK)
    return _form_page(request, actor, {}, Mistakes())


def _body(form: dict[str, str]) -> dict[str, Any]:
    applicant = {
        name: form.get(f"applicant.{name}", "").strip()
        for name in _APPLICANT
        if form.get(f"applicant.{name}", "").strip() or name in ("full_name", "citizen_id")
    }
    return {**body_of(FileDossier, form), "applicant": applicant}


@html_errors
async def intake(request: Request) -> Response:
    actor = officer(request, Role.CLERK)
    services = services_of(request)
    form = await read_form(request)
    csrf.check(request, form, services.jwt_secret)
    context = Context(
        actor=actor,
        request_id=getattr(request.state, "request_id", ""),
        idempotency_key=form.get("idem") or None,
    )
    try:
        command = body_adapter(FileDossier).validate_python(_body(form))
        receipt = await services.dossiers.receive_at_desk(context, command)
    except Exception as error:
        mistakes = mistakes_of(error, translator(request))
        if mistakes is None:
            raise
        return _form_page(request, actor, form, mistakes, status=422)
    filed = plain(receipt)  # a resent form's answer is the first one, as stored
    slip = {
        "dossier": filed,
        "secret": filed["lookup_secret"],
        "desk": services.units.get(filed["receiving_unit"]).name,
        "lookup_url": str(request.url.replace(path=LOOKUP, query="")),
        "pdf_url": form_path(filed["id"], "01"),
    }
    return page(request, "receipt.html", slip, status=201, personal=True)
