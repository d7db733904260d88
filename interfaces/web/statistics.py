"""``/thong-ke``: anyone reads how a unit handles its dossiers, for a period: how many were
received, resolved, resolved late, and the on-time rate by unit and by procedure.

No token: the figures are the statistics read model's public report, the very figures
``GET /api/v1/stats`` answers officers for the same unit and period; counts only, no one's
data. The form is a GET: a period and a unit make an address one can share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from application.errors import InvalidInput, NotFound
from domain.catalog import UnknownProcedure
from domain.units import Unit
from interfaces.http.state import Services, services_of
from interfaces.web.bars_svg import Bar, bar_chart
from interfaces.web.failures import html_errors
from interfaces.web.pages import page, translator

_LONGEST = 20


@dataclass(frozen=True)
class Figures:
    """A report's rows added up: one unit, or one procedure, or everything."""

    code: str
    name: str
    received: int
    received_carried_over: int
    resolved: int
    resolved_late: int
    in_processing_overdue: int
    on_time_rate: float | None

    @classmethod
    def of(cls, code: str, name: str, rows: Iterable[Mapping[str, Any]]) -> Figures:
        rows = list(rows)

        def total(key: str) -> int:
            return sum(int(row[key]) for row in rows)

        in_time = total("resolved_early") + total("resolved_on_time")
        resolved = in_time + total("resolved_late")
        return cls(
            code=code,
            name=name,
            received=total("received"),
            received_carried_over=total("received_carried_over"),
            resolved=resolved,
            resolved_late=total("resolved_late"),
            in_processing_overdue=total("in_processing_overdue"),
            # rounded as the read model rounds each row's rate
            on_time_rate=round(in_time / resolved, 4) if resolved else None,
        )

    @property
    def bar(self) -> Bar:
        return Bar(self.name, self.on_time_rate, self.resolved, self.resolved_late)


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("from", "not a date") from None


def _procedure_name(app: Services, code: str) -> str:
    try:
        return app.catalog.current(code).name
    except UnknownProcedure:
        return code


def _unit_choices(app: Services) -> list[tuple[Unit, list[Unit]]]:
    """The province, then each district with its communes, as the form's select groups."""
    children: dict[str | None, list[Unit]] = {}
    for unit in app.units:
        children.setdefault(unit.parent, []).append(unit)
    groups: list[tuple[Unit, list[Unit]]] = []
    for root in children[None]:
        groups.append((root, []))
        groups += [(district, children.get(district.code, [])) for district in children[root.code]]
    return groups


async def _figures(
    app: Services, unit: str, first: date | None, last: date | None
) -> dict[str, Any]:
    statistics = app.read_models.statistics
    report = await statistics.public_report(unit=unit, first=first, last=last)
    rows = report["rows"]
    below = [u for u in app.units if u.parent == unit] or [app.units.get(unit)]
    by_unit = []
    for child in below:
        answer = await statistics.public_report(unit=child.code, first=first, last=last)
        by_unit.append(Figures.of(child.code, child.name, answer["rows"]))
    by_procedure = [
        Figures.of(row["procedure"], _procedure_name(app, row["procedure"]), [row]) for row in rows
    ]
    return {
        "first": date.fromisoformat(report["from"]),
        "last": date.fromisoformat(report["to"]),
        "totals": Figures.of(unit, app.units.get(unit).name, rows),
        "by_unit": by_unit,
        "by_procedure": by_procedure,
    }


@html_errors
async def statistics_page(request: Request) -> Response:
    app, t = services_of(request), translator(request)
    params = request.query_params
    unit = params.get("don-vi", "").strip()[:_LONGEST] or app.read_models.statistics.root
    context: dict[str, Any] = {"units": _unit_choices(app), "unit": unit}
    await app.caught_up("statistics", app.read_wait_seconds)
    try:
        found = await _figures(app, unit, _day(params.get("tu")), _day(params.get("den")))
    except (InvalidInput, NotFound) as refused:
        unknown = isinstance(refused, NotFound)
        notice = t("stats.no_unit") if unknown else t("stats.invalid")
        context |= {"notice": notice, "first": params.get("tu", ""), "last": params.get("den", "")}
        return page(request, "statistics.html", context, status=404 if unknown else 422)
    charts = {
        "unit_chart": bar_chart(
            "by-unit", t("stats.by_unit"), [f.bar for f in found["by_unit"]], t
        ),
        "procedure_chart": bar_chart(
            "by-procedure", t("stats.by_procedure"), [f.bar for f in found["by_procedure"]], t
        ),
    }
    return page(request, "statistics.html", {**context, **found, **charts, "notice": None})
