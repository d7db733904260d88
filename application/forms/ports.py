"""The port the forms are printed through."""

from __future__ import annotations

from typing import Protocol

from application.forms.data import FormData


class FormRenderer(Protocol):
    def render(self, form: FormData) -> bytes:
        """The form as an A4 PDF: the same data always gives the same bytes."""
        ...

    @property
    def fingerprint(self) -> str:
        """Names what the bytes depend on besides the data (library and font versions):
        a stored form's SHA-256 is reproducible while the fingerprint is unchanged."""
        ...
