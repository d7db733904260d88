"""The commands an officer runs from a dossier's page: one form per command, derived
from the command's dataclass, run through the API's own command table
(``interfaces/http/dossiers.py``) and so through the one pipeline.

Every form carries the version the page showed, sent as ``If-Match``: a dossier that
changed meanwhile refuses the command (412, or 409 for a state that no longer admits
it), and the page comes back with the fresh state and a "changed meanwhile" notice,
never a silent overwrite. A form's mistakes come back next to their fields, with what
was typed.
"""

from __future__ import annotations

from uuid import UUID

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from application.context import Context
from application.errors import ConcurrencyConflict, PreconditionFailed
from application.ports import ConcurrencyError
from domain.dossiers.errors import InvalidTransition
from interfaces.http.bodies import body_adapter
from interfaces.http.errors import problem_from
from interfaces.http.state import services_of
from interfaces.web import csrf
from interfaces.web.desk.commands import entry_of
from interfaces.web.desk.dossier import Typed, render
from interfaces.web.desk.fields import body_of
from interfaces.web.desk.mistakes import mistakes_of
from interfaces.web.failures import html_errors
from interfaces.web.forms import read_form
from interfaces.web.pages import translator
from interfaces.web.paths import STAFF_HOME
from interfaces.web.session import officer

_CHANGED = (PreconditionFailed, ConcurrencyConflict, ConcurrencyError, InvalidTransition)


def _version(form: dict[str, str]) -> int:
    """The version the page showed; a form without one matches no version."""
    text = form.get("version", "")
    return int(text) if text.isdigit() and len(text) < 10 else 0


@html_errors
async def act(request: Request) -> Response:
    actor = officer(request)
    services = services_of(request)
    form = await read_form(request)
    csrf.check(request, form, services.jwt_secret)
    dossier_id: UUID = request.path_params["id"]
    name: str = request.path_params["action"]
    entry = entry_of(name)
    context = Context(
        actor=actor,
        request_id=getattr(request.state, "request_id", ""),
        if_match=_version(form),
    )
    typed = Typed(name, form)
    try:
        command = body_adapter(entry.body).validate_python(body_of(entry.body, form))
        await entry.run(services.dossiers, context, dossier_id, command)
    except _CHANGED:
        return await render(request, actor, dossier_id, status=409, typed=typed, changed=True)
    except Exception as error:
        mistakes = mistakes_of(error, translator(request))
        if mistakes is None:
            raise
        status = 422 if isinstance(error, ValidationError) else problem_from(error).status
        return await render(
            request, actor, dossier_id, status=status, typed=typed, mistakes=mistakes
        )
    return RedirectResponse(f"{STAFF_HOME}/{dossier_id}?xong={name}", status_code=303)
