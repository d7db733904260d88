"""The procedure catalog (the units: ``units.py``): the versions in force on a day, open
to anyone, and a version published by an admin of the province.

A version's body is validated here for its shape (and documented); the catalog registry
judges it: a route that does not start with receive, has no decide step, or names a level
no unit holds on its effective date → 422 naming the field (``steps[2].level``), and
nothing of it is recorded.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from application.catalog.service import Procedures
from domain.catalog import Action, Procedure, ResultKind, Step
from domain.publishing import Draft
from domain.units import Level
from interfaces.http import responses, schemas
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.units import AsOfQuery, Code, Text

Short = Annotated[str, Field(min_length=1, max_length=200)]


class StepIn(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    level: Level
    action: Action


class VersionIn(BaseModel):
    """A procedure version (a new code starts at version 1), in force from ``effective``
    (today or later; a later date waits)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    code: Code
    name: Text
    field: Short
    receiving_level: Level | None = None
    """Optional: the first step's level (checked when given)."""
    time_limit_days: Annotated[int, Field(ge=0, le=3650)]
    result_kind: ResultKind
    steps: Annotated[list[StepIn], Field(min_length=1, max_length=50)]
    """The route: starts with receive, has a decide step, every level held by a unit of
    the tree in force on ``effective``."""
    required_documents: Annotated[list[Short], Field(max_length=100)] = []
    fee_vnd: Annotated[int, Field(ge=0, le=10**12)] | None = None
    """The fee in VND, when the procedure has one."""
    effective: schemas.Day
    """The first day the version applies: today or later."""
    legal_basis: Text
    """The decision that publishes it (quyết định công bố thủ tục hành chính)."""

    def draft(self) -> Draft:
        return Draft(
            code=self.code,
            name=self.name,
            field=self.field,
            time_limit_days=self.time_limit_days,
            required_documents=tuple(self.required_documents),
            result_kind=self.result_kind,
            steps=tuple(Step(step.level, step.action) for step in self.steps),
            effective=self.effective,
            legal_basis=self.legal_basis,
            fee_vnd=self.fee_vnd,
            receiving_level=self.receiving_level,
        )


def _procedures(call: Call) -> Procedures:
    return call.services.procedures


async def procedures(call: Call) -> dict[str, list[Procedure]]:
    query: AsOfQuery = call.query
    return {"items": _procedures(call).on(query.as_of)}


async def publish(call: Call) -> Procedure:
    body: VersionIn = call.body
    return await _procedures(call).publish(call.context(call.officer), body.draft())


ENDPOINTS = (
    Endpoint(
        "GET",
        "/api/v1/procedures",
        "list_procedures",
        "The procedure catalog: the version of each procedure in force on a day (default: today)",
        procedures,
        responses.ProcedureList,
        query=AsOfQuery,
        auth=False,
        tag="reference",
    ),
    Endpoint(
        "POST",
        "/api/v1/procedures",
        "publish_procedure",
        "Publish a procedure version effective from a date (admin of the province); "
        "dossiers already received keep the version they were received under",
        publish,
        responses.ProcedureOut,
        status=201,
        body=VersionIn,
        command=True,
        errors=(403, 409, 503),
        tag="reference",
    ),
)
