"""Reference data, open to anyone: the procedure catalog (the units: ``units.py``)."""

from __future__ import annotations

from typing import Any

from application.plain import plain
from interfaces.http import responses
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.units import AsOfQuery


async def procedures(call: Call) -> dict[str, Any]:
    """Until the catalog keeps a version per period (issue 13, item 2), every day's
    answer is its newest versions; ``as_of`` is in the contract already."""
    return {"items": [plain(procedure) for procedure in call.services.catalog]}


ENDPOINTS = (
    Endpoint(
        "GET",
        "/api/v1/procedures",
        "list_procedures",
        "The procedure catalog, newest version of each",
        procedures,
        responses.ProcedureList,
        query=AsOfQuery,
        auth=False,
        tag="reference",
    ),
)
