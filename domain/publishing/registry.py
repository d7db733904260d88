"""The procedure catalog of a jurisdiction as a history of events.

Every version of every procedure is a ``VersionPublished`` event carrying the whole
version and the day it comes into force; the catalog of any day is derived from them
(:meth:`Catalog.in_force`), so a version published for a later date takes effect on that
date by itself. One stream per jurisdiction, like the unit registry: written a few times a
year, never contended, read once at start (the reference file's ~15 versions, then what
admins publish).

The reference file's versions are recorded as the data holds them (:meth:`record`); an
admin's draft is judged first (:meth:`publish`, the rules of :mod:`.check`).
"""

from __future__ import annotations

from collections.abc import Set
from datetime import date, datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.catalog import Catalog, Procedure, ResultKind, Step
from domain.jurisdiction import OnePerJurisdiction
from domain.publishing.check import problems_in
from domain.publishing.draft import Draft, InvalidVersion
from domain.shared import Actor
from domain.units import Level


class CatalogRegistry(OnePerJurisdiction, Aggregate):
    NAMESPACE = uuid5(NAMESPACE_URL, "urn:motcua:catalog-registry")

    class Opened(Aggregate.Created):
        jurisdiction: str
        actor: Actor

    class VersionPublished(Aggregate.Event):
        code: str
        version: int
        name: str
        field: str
        receiving_level: str
        time_limit_days: int
        required_documents: tuple[str, ...]
        result_kind: str
        steps: tuple[Step, ...]
        fee_vnd: int | None
        in_force_from: date | None
        """None: in force since before any dossier held (the reference file's first
        versions)."""
        code_status: str | None
        legal_basis: str
        actor: Actor

    @event(Opened)
    def __init__(self, id: UUID, jurisdiction: str, actor: Actor, timestamp: datetime) -> None:
        self.jurisdiction = jurisdiction
        self.catalog = Catalog()

    # -- commands ---------------------------------------------------------------------------

    def publish(
        self, draft: Draft, levels: Set[Level], today: date, actor: Actor, at: datetime
    ) -> Procedure:
        """Record ``draft`` as the procedure's next version, or raise
        :class:`InvalidVersion` naming each fault and record nothing. ``levels``: those of
        the units in force on the draft's effective date."""
        problems = problems_in(draft, levels, today)
        if problems:
            raise InvalidVersion(problems)
        number = self._next_version(draft.code)
        version = draft.version(number)
        self.record(version, draft.legal_basis, actor, at)
        return version

    def record(self, procedure: Procedure, legal_basis: str, actor: Actor, at: datetime) -> None:
        """Record a version as it is (the reference data's, whose routes were judged when
        they were written down)."""
        self._published(
            procedure.code,
            procedure.version,
            procedure.name,
            procedure.field,
            procedure.receiving_level.value,
            procedure.time_limit_days,
            procedure.required_documents,
            procedure.result_kind.value,
            procedure.steps,
            procedure.fee_vnd,
            procedure.in_force_from,
            procedure.code_status,
            legal_basis,
            actor,
            timestamp=at,
        )

    def _next_version(self, code: str) -> int:
        number = 1
        while self.catalog.holds(code, number):
            number += 1
        return number

    # -- state changes (no rules: replay never re-runs them) -----------------------------------

    @event(VersionPublished)
    def _published(
        self,
        code: str,
        version: int,
        name: str,
        field: str,
        receiving_level: str,
        time_limit_days: int,
        required_documents: tuple[str, ...],
        result_kind: str,
        steps: tuple[Step, ...],
        fee_vnd: int | None,
        in_force_from: date | None,
        code_status: str | None,
        legal_basis: str,
        actor: Actor,
        timestamp: datetime,
    ) -> None:
        self.catalog.add(
            Procedure(
                code=code,
                version=version,
                name=name,
                field=field,
                receiving_level=Level(receiving_level),
                time_limit_days=time_limit_days,
                required_documents=tuple(required_documents),
                result_kind=ResultKind(result_kind),
                steps=tuple(steps),
                fee_vnd=fee_vnd,
                in_force_from=in_force_from,
                code_status=code_status,
            )
        )
