"""Reference data, open to anyone: administrative units and the procedure catalog."""

from __future__ import annotations

from typing import Any

from application.plain import plain
from interfaces.http import responses
from interfaces.http.endpoints import Call, Endpoint


async def units(call: Call) -> dict[str, Any]:
    return {"items": [plain(unit) for unit in call.services.units]}


async def procedures(call: Call) -> dict[str, Any]:
    return {"items": [plain(procedure) for procedure in call.services.catalog]}


ENDPOINTS = (
    Endpoint(
        "GET",
        "/api/v1/units",
        "list_units",
        "Administrative units: province, district, commune",
        units,
        responses.UnitList,
        auth=False,
        tag="reference",
    ),
    Endpoint(
        "GET",
        "/api/v1/procedures",
        "list_procedures",
        "The procedure catalog, newest version of each",
        procedures,
        responses.ProcedureList,
        auth=False,
        tag="reference",
    ),
)
