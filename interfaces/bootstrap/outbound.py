"""Wiring what leaves the server (issue 14): the broker's relay; and the permit issuer's
relay, which writes back to the log. Nothing here runs without a broker URL except the
issuer."""

from __future__ import annotations

from typing import Any

from infrastructure.view_stores import Views
from projections.outbound.broker import NAME, Publisher, broker_publishing
from projections.outbound.relay import RelayRunner
from projections.permit_issuing import NAME as ISSUER
from projections.permit_issuing import Issue, permit_issuing
from projections.runner import RunnerOptions
from projections.source import EventSource


def broker_relay(
    broker: Publisher, views: Views, source: EventSource, options: RunnerOptions
) -> RelayRunner[Any]:
    """The broker's runner, its position a row of ``projection_positions`` beside the views."""
    return broker_publishing(broker, views.positions(NAME), source, views.wakeups, options)


def permit_relay(
    issue: Issue, views: Views, source: EventSource, options: RunnerOptions
) -> RelayRunner[Any]:
    """The permit issuer's runner, its position a row of ``projection_positions``."""
    return permit_issuing(issue, views.positions(ISSUER), source, views.wakeups, options)
