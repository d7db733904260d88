"""The journey diagram as inline SVG: lanes per level, hand-off arrows with their dates,
waits for documents shaded, appointment dates as dashed lines (see ``journey_layout``)."""

from __future__ import annotations

from markupsafe import Markup, escape

from interfaces.web.i18n import Translator, local_day
from interfaces.web.journey import Journey
from interfaces.web.journey_layout import LANE_H, TOP, Layout
from interfaces.web.svg import document, tag, text, title

DOT = 6
_ENDS = frozenset({"ResultReturned", "Withdrawn", "IntakeRefused", "Rated", "Stopped"})
_ARROW, _PAUSE, _DUE, _RENEWED, _STAY = "#0b57a4", "#8a5300", "#a4161a", "#5b2a86", "#7a8795"
_DOT_FILL = {
    "Approved": "#1e7b34",
    "ResultReturned": "#1e7b34",
    "Refused": _DUE,
    "IntakeRefused": _DUE,
    "Withdrawn": "#5f6368",
    "Stopped": "#5f6368",
}


def journey_svg(journey: Journey, t: Translator) -> Markup:
    """The diagram; the hand-offs name the officers' roles when the journey has them."""
    with_roles = any(handoff.role for handoff in journey.handoffs)
    layout = Layout.of(journey, 100 if with_roles else 76)
    summary = t("journey.summary", lanes=len(journey.lanes), handoffs=len(journey.handoffs))
    parts = [
        tag("title", {"id": "journey-title"}, str(escape(t("dossier.journey")))),
        tag("desc", {"id": "journey-desc"}, str(escape(summary))),
        _arrowhead(),
        *_lanes(layout, t),
        *_pauses(layout, t),
        *_stays(layout),
        *_appointments(layout, t),
        *_handoffs(layout, t),
        *_steps(layout, t),
        *_days(layout, t),
    ]
    labelled_by = "journey-title journey-desc"
    return document(layout.width, layout.height, labelled_by, "".join(parts), "journey-diagram")


def _arrowhead() -> str:
    head = tag("path", {"d": "M0,0 L10,5 L0,10 z", "fill": _ARROW})
    marker = tag(
        "marker",
        {
            "id": "journey-arrow",
            "viewBox": "0 0 10 10",
            "refX": 9,
            "refY": 5,
            "markerWidth": 7,
            "markerHeight": 7,
            "orient": "auto",
        },
        head,
    )
    return tag("defs", {}, marker)


def _lanes(layout: Layout, t: Translator) -> list[str]:
    parts = []
    for row, level in enumerate(layout.journey.lanes):
        top = TOP + LANE_H * row
        name = layout.journey.lane_names.get(level, "")
        short = name if len(name) <= 20 else name[:19] + "…"
        box = {"x": 0, "y": top, "width": layout.width, "height": LANE_H}
        band = tag("rect", box, title(name) if name else "")
        shade = "#eef2f6" if row % 2 == 0 else "#f9fafb"
        label = text(8, top + 26, t(f"level.{level.value}"), font_weight="bold")
        label += text(8, top + 44, short, font_size=11)
        parts.append(tag("g", {"class": "lane", "fill": shade}, band + label))
    return parts


def _pauses(layout: Layout, t: Translator) -> list[str]:
    parts = []
    for pause in layout.journey.pauses:
        left = layout.step_x(pause.start)
        right = layout.step_x(pause.end) if pause.end is not None else layout.open_end
        top = layout.y(pause.level) - LANE_H / 2 + 4
        box = {"x": left, "y": top, "width": max(right - left, 8), "height": LANE_H - 8}
        shaded = tag("rect", {**box, "fill": "#f7d58b", "stroke": _PAUSE})
        label = text(left + 4, top + 13, t("journey.pause"), font_size=11)
        parts.append(tag("g", {"class": "pause"}, shaded + label))
    return parts


def _stays(layout: Layout) -> list[str]:
    """A line along the lane while the dossier stays at a level; open-ended while open."""
    steps, parts = layout.journey.steps, []
    for index, level in enumerate(layout.level_after()):
        if index + 1 < len(steps):
            end = layout.step_x(index + 1)
        elif steps[index].kind not in _ENDS:
            end = layout.open_end
        else:
            continue
        y = layout.y(level)
        line = {"x1": layout.step_x(index), "y1": y, "x2": end, "y2": y}
        parts.append(tag("line", {"class": "stay", **line, "stroke": _STAY, "stroke_width": 3}))
    return parts


def _appointments(layout: Layout, t: Translator) -> list[str]:
    parts = []
    for index, appointment in enumerate(layout.journey.appointments):
        x = layout.x(layout.appointment_column[index])
        colour = _RENEWED if appointment.renewed else _DUE
        key = "journey.new_due" if appointment.renewed else "journey.due"
        line = {"x1": x, "y1": TOP - 6, "x2": x, "y2": layout.lanes_bottom}
        dashed = tag(
            "line", {**line, "stroke": colour, "stroke_width": 2, "stroke_dasharray": "6 4"}
        )
        words = t(key, date=t.date(appointment.on))
        label = text(x, 16 + 14 * (index % 2), words, text_anchor="middle", fill=colour)
        kind = "appointment renewed" if appointment.renewed else "appointment"
        parts.append(tag("g", {"class": kind}, dashed + label))
    return parts


def _handoffs(layout: Layout, t: Translator) -> list[str]:
    parts = []
    for handoff in layout.journey.handoffs:
        day = local_day(layout.journey.steps[handoff.step].at)
        x, y1, y2 = layout.step_x(handoff.step), layout.y(handoff.source), layout.y(handoff.target)
        towards = 1 if y2 > y1 else -1
        line = {"x1": x, "y1": y1 + towards * DOT, "x2": x, "y2": y2 - towards * (DOT + 2)}
        arrow = tag(
            "line",
            {**line, "stroke": _ARROW, "stroke_width": 2.5, "marker_end": "url(#journey-arrow)"},
        )
        middle = (y1 + y2) / 2
        label = text(x + 6, middle, t.short_date(day), fill=_ARROW, font_weight="bold")
        if handoff.role:
            label += text(x + 6, middle + 14, t(f"role.{handoff.role}"), font_size=11)
        named = t.date(day)
        tooltip = title(
            t("journey.handoff", date=named, source=handoff.source_name, target=handoff.target_name)
        )
        parts.append(tag("g", {"class": "handoff"}, tooltip + arrow + label))
    return parts


def _steps(layout: Layout, t: Translator) -> list[str]:
    parts = []
    for index, step in enumerate(layout.journey.steps):
        words = [t.datetime(step.at), t(f"event.{step.kind}"), step.unit_name]
        if step.role:
            words.append(t(f"role.{step.role}"))
        where = {"cx": layout.step_x(index), "cy": layout.y(step.level), "r": DOT}
        paint = {"fill": _DOT_FILL.get(step.kind, _ARROW), "stroke": "#ffffff", "stroke_width": 2}
        parts.append(tag("circle", {"class": "step", **where, **paint}, title(" — ".join(words))))
    return parts


def _days(layout: Layout, t: Translator) -> list[str]:
    """The day under the first step of each day."""
    parts, previous = [], None
    for index, step in enumerate(layout.journey.steps):
        day = local_day(step.at)
        if day != previous:
            y = layout.lanes_bottom + 18
            parts.append(
                text(layout.step_x(index), y, t.short_date(day), text_anchor="middle", font_size=11)
            )
        previous = day
    return parts
