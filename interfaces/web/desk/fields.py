"""An HTML form for a command, derived from the command's own dataclass
(``application/dossiers/commands.py``), and the form's answer turned back into the
body the API would have received: the same validation then makes the command.

Each field's widget follows from its kind (:mod:`domain.fields`): free text is a text
area, a list of names one name per line, a date a ``dd/mm/yyyy`` text box (never
``<input type=date>``, whose display follows the browser's locale), an enumeration a
choice. An approval's result, a JSON object for the API, is the decision's reference
here (``{"decision": ...}``).
"""

from __future__ import annotations

import dataclasses
import re
import typing
from dataclasses import dataclass
from datetime import date
from enum import Enum, StrEnum
from functools import cache
from typing import Annotated, Any, get_args, get_origin

from domain.dossiers.dossier import Document
from domain.fields import Kind


class Widget(StrEnum):
    TEXT = "text"
    PARAGRAPHS = "paragraphs"
    LINES = "lines"
    DATE = "date"
    CHOICE = "choice"
    UNIT = "unit"


@dataclass(frozen=True)
class FormField:
    name: str
    widget: Widget
    required: bool
    choices: tuple[str, ...] = ()
    documents: bool = False
    """Lines that are documents (``{"name": line}``), not bare names."""


_DAY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def _kind_of(hint: Any) -> Kind | None:
    if get_origin(hint) is Annotated:
        return next((mark for mark in get_args(hint)[1:] if isinstance(mark, Kind)), None)
    return None


def _bare(hint: Any) -> Any:
    """``hint`` without Annotated and without ``| None``."""
    if get_origin(hint) is Annotated:
        return _bare(get_args(hint)[0])
    arguments = [arg for arg in get_args(hint) if arg is not type(None)]
    if arguments and len(arguments) < len(get_args(hint)):
        return _bare(arguments[0])
    return hint


def _field(field: dataclasses.Field[Any], hint: Any) -> FormField:
    required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    bare, kind = _bare(hint), _kind_of(hint)
    if get_origin(bare) is tuple:
        item = _bare(get_args(bare)[0])
        return FormField(field.name, Widget.LINES, required, documents=item is Document)
    if bare is date:
        return FormField(field.name, Widget.DATE, required)
    if isinstance(bare, type) and issubclass(bare, Enum):
        return FormField(field.name, Widget.CHOICE, required, tuple(m.value for m in bare))
    if kind is Kind.UNIT_CODE:
        return FormField(field.name, Widget.UNIT, required)
    if kind is Kind.REASON:
        return FormField(field.name, Widget.PARAGRAPHS, required)
    return FormField(field.name, Widget.TEXT, required)


@cache
def form_fields(command: type) -> tuple[FormField, ...]:
    hints = typing.get_type_hints(command, include_extras=True)
    return tuple(_field(field, hints[field.name]) for field in dataclasses.fields(command))


def iso_day(text: str) -> str:
    """``dd/mm/yyyy`` as ISO, or the text as typed (validation then names the field)."""
    match = _DAY.match(text)
    if not match:
        return text
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return text


def _value(spec: FormField, text: str) -> Any:
    if spec.widget is Widget.LINES:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return [{"name": line} for line in lines] if spec.documents else lines
    if spec.widget is Widget.DATE:
        return iso_day(text)
    if spec.name == "result":
        return {"decision": text.strip()} if text.strip() else {}
    return text


def body_of(command: type, form: dict[str, str]) -> dict[str, Any]:
    """The API body a form stands for; an empty optional field is left out."""
    body: dict[str, Any] = {}
    for spec in form_fields(command):
        text = form.get(spec.name, "")
        if text.strip() or spec.required:
            body[spec.name] = _value(spec, text)
    return body
