"""What went wrong with a form, as people read it: a sentence in the reader's language
next to each field a problem names, or one over the form when it names none.

The sentences follow the API's own refusals: pydantic's error of the derived body (the
very validation the API runs), :class:`InvalidInput` naming its field, and the domain's
named refusals. A field is named as the API names it (``applicant.citizen_id``); the
form's inputs carry those names, so each sentence finds its input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from application.errors import Forbidden, InvalidInput
from domain.dossiers.errors import InvalidAppointment, NotOnRoute
from interfaces.web.catalog import CATALOG
from interfaces.web.i18n import Translator

_BY_TYPE = {
    "missing": "mistake.missing",
    "string_too_short": "mistake.missing",
    "string_too_long": "mistake.too_long",
    "too_short": "mistake.no_items",
    "too_long": "mistake.too_many",
    "enum": "mistake.choice",
    "literal_error": "mistake.choice",
}
_PATTERN_OF_FIELD = {
    "applicant.citizen_id": "mistake.citizen_id",
    "applicant.phone": "mistake.phone",
}


@dataclass(frozen=True)
class Mistakes:
    """Sentences by field; ``summary`` for what names no field."""

    fields: dict[str, str] = field(default_factory=dict)
    summary: str | None = None


def field_of(location: tuple[int | str, ...]) -> str:
    """The form's name for a pydantic location: its path up to the first list index."""
    names: list[str] = []
    for part in location:
        if isinstance(part, int):
            break
        names.append(part)
    return ".".join(names) or "body"


def _sentence(t: Translator, name: str, kind: str, limits: dict[str, object]) -> str:
    if kind.startswith("date") or kind.startswith("datetime"):
        return t("mistake.date")
    if kind == "string_pattern_mismatch":
        return t(_PATTERN_OF_FIELD.get(name, "mistake.pattern"))
    key = _BY_TYPE.get(kind, "mistake.invalid")
    return t(key, most=limits.get("max_length", "")) if key.startswith("mistake.too") else t(key)


def mistakes_of(error: Exception, t: Translator) -> Mistakes | None:
    """The sentences for ``error``, or None when it is no mistake of the form's."""
    match error:
        case ValidationError():
            found: dict[str, str] = {}
            for item in error.errors(include_url=False, include_input=False):
                name = field_of(item["loc"])
                found.setdefault(name, _sentence(t, name, item["type"], item.get("ctx") or {}))
            return Mistakes(found, t("mistake.summary"))
        case InvalidInput():
            key = f"mistake.input.{error.field}"
            key = key if key in CATALOG else "mistake.invalid"
            return Mistakes({error.field: t(key)}, t("mistake.summary"))
        case InvalidAppointment():
            return Mistakes({"new_due_date": t("mistake.appointment")}, t("mistake.summary"))
        case NotOnRoute():
            return Mistakes(summary=t("mistake.route"))
        case Forbidden():
            return Mistakes(summary=t("error.403"))
    return None
