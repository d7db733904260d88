"""What the lifespan hands to every request handler."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from interfaces.bootstrap import App
from interfaces.http.metrics import HttpMetrics
from interfaces.http.rate_limit import GuessLimits


@dataclass(frozen=True)
class Services:
    app: App
    guesses: GuessLimits
    metrics: HttpMetrics
    openapi: dict[str, Any]


def services_of(request: Request) -> Services:
    services: Services = request.state.services
    return services
