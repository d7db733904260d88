"""A dossier's clock as JSON, for the SQL views."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from domain.clock.due_date import Clock, Reappointed, Received, Resumed, Step


def clock_document(clock: Clock) -> dict[str, Any]:
    return {
        "limit": clock.time_limit_days,
        "steps": [_step_document(step) for step in clock.steps],
        "paused": clock.paused_since.isoformat() if clock.paused_since else None,
        "decided": clock.decided_on.isoformat() if clock.decided_on else None,
        "apologized": clock.apologized,
        "closed": clock.closed,
    }


def clock_of(document: dict[str, Any]) -> Clock:
    paused, decided = document["paused"], document["decided"]
    return Clock(
        time_limit_days=document["limit"],
        steps=tuple(_step_of(step) for step in document["steps"]),
        paused_since=datetime.fromisoformat(paused) if paused else None,
        decided_on=date.fromisoformat(decided) if decided else None,
        apologized=document["apologized"],
        closed=document["closed"],
    )


def _step_document(step: Step) -> list[str]:
    if isinstance(step, Received):
        return ["received", step.at.isoformat()]
    if isinstance(step, Resumed):
        return ["resumed", step.paused_since.isoformat(), step.at.isoformat()]
    return ["reappointed", step.due_date.isoformat()]


def _step_of(document: list[str]) -> Step:
    kind, *values = document
    if kind == "received":
        return Received(datetime.fromisoformat(values[0]))
    if kind == "resumed":
        return Resumed(datetime.fromisoformat(values[0]), datetime.fromisoformat(values[1]))
    return Reappointed(date.fromisoformat(values[0]))
