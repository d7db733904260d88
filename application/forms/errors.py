"""Why a form cannot be built."""

from __future__ import annotations

from application.forms.issuance import FormNumber


class FormNotIssued(LookupError):
    """The dossier's history did not issue this form (or not at that version)."""

    def __init__(self, number: FormNumber, version: int | None = None) -> None:
        at = f" at version {version}" if version is not None else ""
        super().__init__(f"the dossier's history did not issue form {number}{at}")
        self.number = number
        self.version = version


class InvalidPeriod(ValueError):
    """A log book's period ends before it starts."""


class RendererUnavailable(RuntimeError):
    """The form could not be rendered now (its renderer's process died twice); nothing
    was recorded, and the command may be sent again."""
