"""Serving the forms a command issued: the digest its event holds is the served bytes',
and a form that no longer renders so is refused rather than served as the same paper."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from application.context import Context
from application.dossiers import commands as c
from application.forms.data import FormData
from application.forms.service import FormDrift
from application.forms.signing import RecentForms
from domain.dossiers.dossier import Dossier
from domain.shared import Role
from infrastructure.clock import FixedClock
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.memory.form_renderer import PlainTextFormRenderer
from interfaces.bootstrap import bootstrap
from tests.examples import APP_CALENDAR, APP_MONDAY_9AM, APPLICANT, COC_LEU, MERIT, officer

CLERK = Context(actor=officer(Role.CLERK, COC_LEU))


class Reprinted(PlainTextFormRenderer):
    """The same facts, other bytes: as after a font or PDF library upgrade."""

    def render(self, form: FormData) -> bytes:
        return super().render(form) + b"\n"


async def test_a_served_letter_is_the_one_its_event_hashed_and_drift_is_refused() -> None:
    app = await bootstrap(
        store=InMemoryEventStore(),
        clock=FixedClock(APP_MONDAY_9AM),
        calendar=APP_CALENDAR,
        form_renderer=PlainTextFormRenderer(),
    )
    receipt = await app.dossiers.receive_at_desk(CLERK, c.FileDossier(MERIT, APPLICANT))
    dossier_id = Dossier.id_for(receipt.code)
    [_, received] = await app.dossiers.repository.events(dossier_id)
    served = await app.forms.dossier_form(CLERK.actor, dossier_id, "01")
    assert hashlib.sha256(served).hexdigest() == received.form_sha256
    assert receipt.code in served.decode()
    # Rendered again (nothing cached), the same bytes.
    app.forms.signer.recent = RecentForms(0)
    assert await app.forms.dossier_form(CLERK.actor, dossier_id, "01") == served
    # After an upgrade that changes the bytes: refused, not served as the issued paper.
    app.forms.renderer = Reprinted()
    with pytest.raises(FormDrift):
        await app.forms.dossier_form(CLERK.actor, dossier_id, "01")
    # The control slip is issued by no command: it has no digest to keep.
    assert b"06" in await app.forms.dossier_form(CLERK.actor, dossier_id, "06")
    await app.close()


async def test_a_receipt_issued_before_a_reorganisation_serves_the_same_bytes_after_it() -> None:
    """Cốc Lếu ceased on 1 July 2025: its 2021 receipt still names it, as it was issued."""
    clock = FixedClock(APP_MONDAY_9AM)
    app = await bootstrap(
        store=InMemoryEventStore(),
        clock=clock,
        calendar=APP_CALENDAR,
        form_renderer=PlainTextFormRenderer(),
    )
    receipt = await app.dossiers.receive_at_desk(CLERK, c.FileDossier(MERIT, APPLICANT))
    dossier_id = Dossier.id_for(receipt.code)
    auditor = officer(Role.AUDITOR, "15")
    clock.set(datetime(2025, 8, 1, 2, 0, tzinfo=UTC))
    app.forms.signer.recent = RecentForms(0)  # rendered again, not taken from the recent ones
    served = await app.forms.dossier_form(auditor, dossier_id, "01")
    [_, received] = await app.dossiers.repository.events(dossier_id)
    assert hashlib.sha256(served).hexdigest() == received.form_sha256
    assert "CỐC LẾU" in served.decode()
    await app.close()
