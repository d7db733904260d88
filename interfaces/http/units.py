"""The units over time: the tree of any day, one unit with its predecessors and successors,
and reorganisations recorded by an admin of the province.

A plan's body is validated here for its shape (and documented); ``plan_from_json`` makes
the domain's plan of it, which the registry judges whole: a plan that leaves a unit
without a parent, uses a unit twice, reuses a live code or names an unknown unit → 422
naming the change (``changes[3].from[1]``), and nothing of it is recorded.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from application.units import views
from application.units.commands import plan_from_json
from domain.units import Level
from interfaces.http import schemas
from interfaces.http.endpoints import Call, Endpoint

Code = Annotated[str, Field(pattern=r"^[0-9A-Za-z.\-]{1,20}$")]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class AsOfQuery(schemas.Query):
    as_of: schemas.Day | None = None
    """The day (default: today in Hà Nội)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class NewUnitIn(_Strict):
    code: Code
    name: Text
    level: Level
    parent: Code | None = None


class MergeIn(_Strict):
    kind: Literal["merge"]
    into: NewUnitIn
    from_: Annotated[list[Code], Field(alias="from", min_length=1, max_length=1000)]


class EstablishIn(_Strict):
    kind: Literal["establish"]
    unit: NewUnitIn


class AbolishIn(_Strict):
    kind: Literal["abolish"]
    unit: Code
    successor: Code


class RenameIn(_Strict):
    kind: Literal["rename"]
    unit: Code
    name: Text


class MoveIn(_Strict):
    kind: Literal["move"]
    unit: Code
    parent: Code


ChangeIn = Annotated[
    MergeIn | EstablishIn | AbolishIn | RenameIn | MoveIn, Field(discriminator="kind")
]


class PlanIn(_Strict):
    """A reorganisation: every change takes effect on ``effective`` (a future date waits)."""

    effective: schemas.Day
    legal_basis: Text
    changes: Annotated[list[ChangeIn], Field(min_length=1, max_length=10_000)]


async def tree(call: Call) -> views.UnitList:
    query: AsOfQuery = call.query
    return call.services.unit_registry.tree(query.as_of)


async def unit(call: Call) -> views.UnitDetail:
    query: AsOfQuery = call.query
    return call.services.unit_registry.unit(call.path["code"], query.as_of)


async def reorganise(call: Call) -> views.Reorganisation:
    body: PlanIn = call.body
    plan = plan_from_json(body.model_dump(mode="json", by_alias=True))
    return await call.services.unit_registry.reorganise(call.context(call.officer), plan)


ENDPOINTS = (
    Endpoint(
        "GET",
        "/api/v1/units",
        "list_units",
        "The administrative units in force on a day (default: today)",
        tree,
        views.UnitList,
        query=AsOfQuery,
        auth=False,
        tag="reference",
    ),
    Endpoint(
        "GET",
        "/api/v1/units/{code}",
        "get_unit",
        "One unit over its period, with the units it was formed from and those that took "
        "over from it; a code reused across a reorganisation: the unit holding it on as_of",
        unit,
        views.UnitDetail,
        query=AsOfQuery,
        auth=False,
        tag="reference",
    ),
    Endpoint(
        "POST",
        "/api/v1/reorganisations",
        "reorganise",
        "Record a reorganisation of the units (admin of the province), judged whole",
        reorganise,
        views.Reorganisation,
        status=201,
        body=PlanIn,
        command=True,
        errors=(403, 409, 503),
        tag="reference",
    ),
)
