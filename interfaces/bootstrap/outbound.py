"""Wiring what leaves the server (issue 14): the broker's relay. Nothing here runs
without a broker URL."""

from __future__ import annotations

from typing import Any

from infrastructure.view_stores import Views
from projections.outbound.broker import NAME, Publisher, broker_publishing
from projections.outbound.relay import RelayRunner
from projections.runner import RunnerOptions
from projections.source import EventSource


def broker_relay(
    broker: Publisher, views: Views, source: EventSource, options: RunnerOptions
) -> RelayRunner[Any]:
    """The broker's runner, its position a row of ``projection_positions`` beside the views."""
    return broker_publishing(broker, views.positions(NAME), source, views.wakeups, options)
