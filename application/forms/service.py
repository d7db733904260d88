"""Printing the forms: a dossier's forms 01–06 and a unit's log book (07), as PDF bytes.

A letter (01–05) that a command issued has its SHA-256 in that command's event; it is
served by rendering it again from the events and checking the digest, so what is served
is byte for byte what was issued. The signer keeps recently issued ones by digest (a
receipt is printed right after it is issued), which skips the second render.
A digest that no longer matches (the fonts or the PDF library changed: see
``FormRenderer.fingerprint``) is refused rather than served as if it were the same paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from application.errors import InvalidInput, NotFound
from application.forms.dossier_forms import dossier_form
from application.forms.errors import FormNotIssued
from application.forms.issuance import FormNumber
from application.forms.letters import LETTERS, issuing_index
from application.forms.log_book import log_book
from application.forms.signing import FormSigner, render, sha256
from application.repository import Repository
from domain.dossiers import access
from domain.dossiers.dossier import Dossier
from domain.dossiers.register import ReceiptRegister
from domain.shared import Actor, Role
from domain.units import UnitTree

_STAFF = frozenset({Role.CLERK, Role.SPECIALIST, Role.LEADER, Role.AUDITOR})
_DOSSIER_FORMS = frozenset(FormNumber) - {FormNumber.LOG_BOOK}
LONGEST_PERIOD_DAYS = 366
"""A log book covers at most a year: each day of it is a read of the unit's register."""
ONLINE_INTAKE_DAYS = 31
"""How far before a log book's period its registers are read: an online submission is
entered on the day it is filed and received at the desk later, within days."""


class FormDrift(RuntimeError):
    """A re-rendered form no longer has the digest its event recorded."""


class Forms:
    def __init__(
        self, repository: Repository, signer: FormSigner, units: UnitTree, years: range
    ) -> None:
        self.repository = repository
        self.signer = signer
        self.renderer = signer.renderer
        self.units = units
        """Today's tree: who may read what (the papers name units as they were)."""
        self.years = years
        """The calendar years the working calendar knows: log books outside them are refused."""

    async def dossier_form(self, actor: Actor, dossier_id: UUID, number: str) -> bytes:
        """Form ``number`` (01–06) of a dossier the staff member may see; NotFound for an
        unknown number or one the dossier's history did not issue."""
        events = await self._visible_events(actor, dossier_id)
        if number not in _DOSSIER_FORMS:
            raise NotFound("form with this number")
        form_number = FormNumber(number)
        try:
            data = dossier_form(form_number, events, self.signer.units_on)
        except FormNotIssued:
            raise NotFound("form of this dossier") from None
        recorded = self._recorded_digest(form_number, events)
        if recorded and (recent := self.signer.recent.get(recorded)) is not None:
            return recent
        pdf = await render(self.renderer, data)
        if recorded and sha256(pdf) != recorded:
            raise FormDrift(f"form {number} of dossier {dossier_id} no longer renders as issued")
        return pdf

    @staticmethod
    def _recorded_digest(number: FormNumber, events: Sequence[Any]) -> str:
        if number not in LETTERS:
            return ""
        issued = events[issuing_index(events, number)]
        return str(getattr(issued, "form_sha256", ""))

    async def _visible_events(self, actor: Actor, dossier_id: UUID) -> list[Any]:
        events = await self.repository.events(dossier_id)
        if not events or actor.role not in _STAFF:
            raise NotFound()
        dossier = events[0].mutate(None)
        for domain_event in events[1:]:
            dossier = domain_event.mutate(dossier)
        if not isinstance(dossier, Dossier) or not access.can_see(actor, dossier, self.units):
            raise NotFound()
        return events

    async def log_book(self, actor: Actor, unit: str, start: date, end: date) -> bytes:
        """Form 07 of ``unit`` for the days ``start``..``end``, for its staff and the
        auditors above it."""
        if not self._may_read_unit(actor, unit):
            raise NotFound("unit")
        for field, day in (("from", start), ("to", end)):
            if day.year not in self.years:
                first, last = self.years[0], self.years[-1]
                raise InvalidInput(field, f"the calendar covers the years {first} to {last}")
        if end < start:
            raise InvalidInput("to", "the period ends before it starts")
        if (end - start).days >= LONGEST_PERIOD_DAYS:
            raise InvalidInput("to", f"a log book covers at most {LONGEST_PERIOD_DAYS} days")
        histories = [
            await self.repository.events(Dossier.id_for(code))
            for code in await self._entered(unit, start - timedelta(ONLINE_INTAKE_DAYS), end)
        ]
        units = self.signer.units_on(end)
        if unit not in units:  # it ceased within the period: named as it was at its start
            units = self.signer.units_on(start)
        return await render(self.renderer, log_book(unit, start, end, histories, units))

    def _may_read_unit(self, actor: Actor, unit: str) -> bool:
        if unit not in self.units or actor.unit not in self.units:
            return False
        if actor.role == Role.AUDITOR:
            return unit in self.units.subtree(actor.unit)
        return actor.role in _STAFF and actor.unit == unit

    async def _entered(self, unit: str, first: date, last: date) -> list[str]:
        """The codes the unit's receipt registers entered on the days ``first``..``last``."""
        codes: list[str] = []
        day = first
        while day <= last:
            register = ReceiptRegister.id_for(unit, day)
            entries = max(await self.repository.store.stream_version(register) - 1, 0)
            codes += [ReceiptRegister.code_of(unit, day, n) for n in range(1, entries + 1)]
            day += timedelta(days=1)
        return codes
