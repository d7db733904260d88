"""A command that issues a form records the form's SHA-256 in its own event.

The letter prints the command's event, and the event holds the letter's digest: the
command is run first on a copy of the dossier (a draft event, digest left empty), the
letter is built from that draft and rendered, and the command then runs for real with
the digest. The letters read only the events' named fields, never ``form_sha256``, so
the draft and the recorded event print the same bytes.
"""

from __future__ import annotations

import asyncio
import copy
import hashlib
from collections import OrderedDict
from collections.abc import Callable

from application.forms.data import FormData
from application.forms.facts import UnitsOn
from application.forms.issuance import form_issued_by
from application.forms.letters import issued_letter
from application.forms.ports import FormRenderer
from application.forms.wording import local
from domain.dossiers.dossier import Dossier

IssuingCommand = Callable[[Dossier, str], None]
"""Runs a dossier command with the given ``form_sha256``."""


async def render(renderer: FormRenderer, form: FormData) -> bytes:
    """Rendering is CPU work for tens of milliseconds: off the event loop."""
    return await asyncio.to_thread(renderer.render, form)


def sha256(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


class RecentForms:
    """The bytes of the last forms issued, by digest, within a bound."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._forms: OrderedDict[str, bytes] = OrderedDict()

    def keep(self, pdf: bytes) -> str:
        digest = sha256(pdf)
        self._forms[digest] = pdf
        self._forms.move_to_end(digest)
        while len(self._forms) > self.size:
            self._forms.popitem(last=False)
        return digest

    def get(self, digest: str) -> bytes | None:
        return self._forms.get(digest)


class FormSigner:
    def __init__(self, renderer: FormRenderer, units_on: UnitsOn, recent: int = 64) -> None:
        self.renderer = renderer
        self.units_on = units_on
        self.recent = RecentForms(recent)

    async def issue(self, dossier: Dossier, command: IssuingCommand) -> None:
        """Run ``command`` on ``dossier``, its event carrying the digest of the form it
        issues (none when the event issues no form)."""
        draft = copy.deepcopy(dossier)
        command(draft, "")
        issued = draft.pending_events[-1]
        number = form_issued_by(issued)
        if number is None:
            command(dossier, "")
            return
        units = self.units_on(local(issued.timestamp).date())
        form = issued_letter(number, dossier, issued, units)  # the dossier as it stands
        command(dossier, self.recent.keep(await render(self.renderer, form)))
