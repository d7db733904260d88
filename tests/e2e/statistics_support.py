"""A small morning of work for the statistics tests, and the figures the page shows, read
back from its HTML."""

from __future__ import annotations

import re
from typing import Any

import httpx

from domain.shared import Role
from tests.e2e.api import act, file
from tests.examples import BIRTH, KIM_TAN, MERIT

_ROW = re.compile(r'<tr data-code="([^"]+)">(.*?)</tr>', re.S)
_VALUE = re.compile(r'data-value="([^"]*)"')
_TILE = re.compile(r'<dd data-figure="(\w+)">([^<]*)</dd>')
COLUMNS = ("received", "resolved", "resolved_late", "on_time_rate")


async def a_morning_at_two_communes(client: httpx.AsyncClient) -> None:
    """Monday 11 January 2021. Cốc Lếu registers a birth and its leader signs it the same
    morning (due that day: on time); it receives two merit dossiers, one of which waits
    for a paper. Kim Tân receives a birth registration, then the citizen withdraws it."""
    birth = await file(client, procedure_code=BIRTH)
    await act(client, birth, "approve", {"result": {"so": "12/2027"}}, Role.LEADER)
    await file(client, procedure_code=MERIT)
    waiting = await file(client, procedure_code=MERIT)
    ask = {"reason": "Thiếu bản sao CCCD", "documents": ["Bản sao CCCD"]}
    await act(client, waiting, "request-supplement", ask, Role.CLERK)
    other = await file(client, unit=KIM_TAN, procedure_code=BIRTH)
    await act(client, other, "withdraw", {"reason": "Không cần nữa"}, Role.CLERK, KIM_TAN)


def summed(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The API's rows added up, as the page shows them: resolved in all, late, and the
    share resolved early or on time."""
    in_time = sum(row["resolved_early"] + row["resolved_on_time"] for row in rows)
    late = sum(row["resolved_late"] for row in rows)
    resolved = in_time + late
    return {
        "received": sum(row["received"] for row in rows),
        "resolved": resolved,
        "resolved_late": late,
        "on_time_rate": round(in_time / resolved, 4) if resolved else None,
    }


def table(html: str, table_id: str) -> dict[str, dict[str, Any]]:
    """The rows of one of the page's figure tables, by unit or procedure code."""
    body = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    found = {}
    for code, cells in _ROW.findall(body):
        values = _VALUE.findall(cells)
        figures: dict[str, Any] = {k: int(v) for k, v in zip(COLUMNS[:3], values, strict=False)}
        figures["on_time_rate"] = float(values[3]) if values[3] else None
        found[code] = figures
    return found


def tiles(html: str) -> dict[str, str]:
    return dict(_TILE.findall(html))
