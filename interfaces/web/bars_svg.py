"""Bar charts of on-time rates as inline SVG: one bar per unit or procedure, its name on
the line above it (procedure names run long), its rate at its end. Nothing is drawn for
what resolved nothing: a rate of nothing is not a rate of zero."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from interfaces.web.i18n import Translator
from interfaces.web.svg import document, tag, text, title

WIDTH, BAR_W, BAR_H, ROW_H, TOP, FONT = 480, 404, 16, 48, 22, 14
LABEL_CHARS = 56
"""Drawn at its width on a wide screen, scaled down to a phone's: 14 units read as 11 px."""
_BAR, _TRACK, _GRID, _MUTED = "#0b57a4", "#e3e8ee", "#c9d0d8", "#4a4f55"


@dataclass(frozen=True)
class Bar:
    name: str
    rate: float | None
    resolved: int
    late: int


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def _grid(height: float, t: Translator) -> list[str]:
    """Lines at 0, 25, 50, 75 and 100%, the 0, 50 and 100% ones labelled above."""
    parts = []
    for quarter in range(5):
        x = BAR_W * quarter / 4
        line = {"x1": x, "x2": x, "y1": TOP - 4, "y2": height - 6, "stroke": _GRID}
        parts.append(tag("line", line))
        if quarter % 2 == 0:
            anchor = ("start", "middle", "end")[quarter // 2]
            parts.append(text(x, 12, t.percent(quarter / 4), text_anchor=anchor, fill=_MUTED))
    return parts


def _bar(index: int, bar: Bar, t: Translator) -> str:
    y = TOP + index * ROW_H
    rate = t.percent(bar.rate) if bar.rate is not None else t("stats.none_resolved")
    spoken = t("stats.bar", name=bar.name, rate=rate, resolved=bar.resolved, late=bar.late)
    parts = [title(spoken), text(0, y + 15, _short(bar.name), font_size=FONT)]
    if bar.rate is None:
        parts.append(text(0, y + 35, rate, font_size=FONT - 1, fill=_MUTED, font_style="italic"))
    else:
        track = {"x": 0, "y": y + 22, "width": BAR_W, "height": BAR_H, "fill": _TRACK}
        filled = {**track, "width": round(BAR_W * bar.rate, 1), "fill": _BAR}
        parts += [tag("rect", track), tag("rect", filled)]
        parts.append(text(BAR_W + 6, y + 35, rate, font_size=FONT, font_weight=700))
    return tag("g", {"class": "bar"}, "".join(parts))


def bar_chart(chart_id: str, heading: str, bars: Sequence[Bar], t: Translator) -> Markup:
    """``chart_id`` names the chart's title and description (one page holds two charts)."""
    height = TOP + len(bars) * ROW_H + 8
    parts = [
        tag("title", {"id": f"{chart_id}-title"}, str(escape(heading))),
        tag("desc", {"id": f"{chart_id}-desc"}, str(escape(t("stats.chart.desc")))),
        *_grid(height, t),
        *(_bar(index, bar, t) for index, bar in enumerate(bars)),
    ]
    labelled_by = f"{chart_id}-title {chart_id}-desc"
    return document(WIDTH, height, labelled_by, "".join(parts), "bar-chart")
