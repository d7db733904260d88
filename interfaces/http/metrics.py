"""Prometheus metrics of the HTTP API and of the projections, in a registry owned by one
app instance. Projection gauges are set when scraped, from the projections' status."""

from __future__ import annotations

from collections.abc import Iterable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from projections.runner import ProjectionStatus

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class HttpMetrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        labels = ["method", "route", "status"]
        self.requests = Counter(
            "motcua_http_requests", "HTTP requests answered", labels, registry=self.registry
        )
        self.latency = Histogram(
            "motcua_http_request_duration_seconds",
            "Time to answer an HTTP request",
            labels,
            registry=self.registry,
        )
        self.position = Gauge(
            "motcua_projection_position",
            "Position of the last event the projection's view includes",
            ["projection"],
            registry=self.registry,
        )
        self.lag = Gauge(
            "motcua_projection_lag",
            "Events committed that the projection's view does not include yet",
            ["projection"],
            registry=self.registry,
        )

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answer; ``route`` is a template, never a raw path (bounded labels)."""
        labels = (method if method in _METHODS else "OTHER", route, str(status))
        self.requests.labels(*labels).inc()
        self.latency.labels(*labels).observe(seconds)

    def projections(self, statuses: Iterable[ProjectionStatus] | None) -> None:
        """The projections as of this scrape; None (unknown: the store is not answering)
        drops their gauges rather than repeat stale figures."""
        self.position.clear()
        self.lag.clear()
        for status in statuses or ():
            self.position.labels(status.name).set(status.position)
            self.lag.labels(status.name).set(status.lag)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
