"""A procedure version as an admin proposes it, before it is judged, and the refusal that
names what is wrong with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.catalog import Procedure, ResultKind, Step
from domain.shared import DomainError
from domain.units import Level


@dataclass(frozen=True)
class Draft:
    """A version of procedure ``code`` in force from ``effective``. Unlike a
    :class:`Procedure` it holds any route, so that each fault can be named by field."""

    code: str
    name: str
    field: str
    time_limit_days: int
    required_documents: tuple[str, ...]
    result_kind: ResultKind
    steps: tuple[Step, ...]
    effective: date
    legal_basis: str
    fee_vnd: int | None = None
    receiving_level: Level | None = None
    """When given, it must be the level of the first step (it is that level anyway)."""

    def version(self, number: int) -> Procedure:
        """The draft as version ``number`` (raises ``InvalidProcedure`` if unjudged)."""
        return Procedure(
            code=self.code,
            version=number,
            name=self.name,
            field=self.field,
            receiving_level=self.steps[0].level,
            time_limit_days=self.time_limit_days,
            required_documents=self.required_documents,
            result_kind=self.result_kind,
            steps=self.steps,
            fee_vnd=self.fee_vnd,
            in_force_from=self.effective,
        )


@dataclass(frozen=True)
class VersionProblem:
    """What is wrong in a draft, and where: ``field`` is a path into the draft as the API
    spells it (``steps[2].level``, ``effective``), so a 422 can name it as is."""

    field: str
    message: str


class InvalidVersion(DomainError):
    """A draft was refused whole: nothing of it is recorded."""

    def __init__(self, problems: tuple[VersionProblem, ...]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems
