"""The dossier commands an officer may run from the pages: the API's own command table
(``interfaces/http/dossiers.py``), each command's form derived from its dataclass."""

from __future__ import annotations

from dataclasses import dataclass

from application.errors import NotFound
from interfaces.http.commands import Command
from interfaces.http.dossiers import COMMANDS, STAFF_ACTIONS
from interfaces.web.desk.fields import FormField, form_fields
from interfaces.web.paths import STAFF_HOME


@dataclass(frozen=True)
class ActionForm:
    name: str
    """As :data:`domain.dossiers.access.COMMANDS` names it (``request_supplement``)."""
    path: str
    fields: tuple[FormField, ...]


def entry_of(name: str) -> Command[object]:
    action = name.replace("_", "-")
    if action not in STAFF_ACTIONS:
        raise NotFound("action")
    entry: Command[object] = COMMANDS[action]
    return entry


def action_forms(dossier_id: str, names: tuple[str, ...]) -> list[ActionForm]:
    """The forms of the commands the officer may run now (``names``, as
    :meth:`Dossiers.desk` lists them)."""
    staff = [name for name in names if name.replace("_", "-") in STAFF_ACTIONS]
    return [
        ActionForm(name, f"{STAFF_HOME}/{dossier_id}/{name}", form_fields(entry_of(name).body))
        for name in staff
    ]
