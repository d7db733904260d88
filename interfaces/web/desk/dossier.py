"""``/can-bo/ho-so/{id}``: a dossier as an officer works it. Its state, the journey
diagram and the event log (who, role, unit), and the commands the officer's role may
run on it *now* (``Dossiers.desk``: the rules the API applies), each as a form
(:mod:`interfaces.web.desk.actions`). An auditor reads the same page with no forms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from starlette.requests import Request
from starlette.responses import Response

from application.forms.issuance import TITLES, printable
from application.plain import plain
from domain.dossiers.access import COMMANDS
from domain.dossiers.dossier import Dossier
from domain.shared import Actor
from interfaces.http.state import services_of
from interfaces.web.desk.commands import action_forms
from interfaces.web.desk.mistakes import Mistakes
from interfaces.web.failures import html_errors
from interfaces.web.journey import journey
from interfaces.web.journey_svg import journey_svg
from interfaces.web.pages import page, translator
from interfaces.web.papers import form_path
from interfaces.web.paths import STAFF_HOME
from interfaces.web.session import officer


@dataclass(frozen=True)
class Typed:
    """What the officer typed into one action's form, shown again after a refusal."""

    action: str | None = None
    values: dict[str, str] = field(default_factory=dict)


async def render(
    request: Request,
    actor: Actor,
    dossier_id: UUID,
    *,
    status: int = 200,
    typed: Typed | None = None,
    mistakes: Mistakes | None = None,
    changed: bool = False,
) -> Response:
    services = services_of(request)
    desk = await services.dossiers.desk(actor, dossier_id)
    events = plain(await services.dossiers.history(actor, dossier_id))["events"]
    trip = journey(events, services.unit_registry.tree_on, with_roles=True)
    diagram = journey_svg(trip, translator(request))
    done = request.query_params.get("xong")
    context = {
        "here": f"{STAFF_HOME}/{dossier_id}",  # after a refused form too: the language link
        "actor": actor,
        "dossier": plain(desk.dossier),
        "events": events,
        "diagram": diagram,
        "unit_names": services.unit_registry.names(),
        "actions": action_forms(str(dossier_id), desk.actions),
        "next_unit": desk.next_unit,
        "typed": typed or Typed(),
        "mistakes": mistakes or Mistakes(),
        "changed": changed,
        "forms": _forms_to_print(str(dossier_id), events),
        "done": done if done in COMMANDS and status == 200 else None,
        "duplicates": [
            {"code": code, "url": f"{STAFF_HOME}/{Dossier.id_for(code)}"}
            for code in desk.dossier.possible_duplicates
        ],
    }
    return page(request, "desk_dossier.html", context, status=status, personal=True)


def _forms_to_print(dossier_id: str, events: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The forms the dossier can print, each with the page that serves its PDF."""
    return [
        {
            "number": number.value,
            "title": TITLES[number],
            "url": form_path(dossier_id, number.value),
        }
        for number in printable(event["type"] for event in events)
    ]


@html_errors
async def dossier_page(request: Request) -> Response:
    actor = officer(request)
    return await render(request, actor, request.path_params["id"])
