"""The table: every reported number, the baseline it is compared with (measured in the
same run) and its target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Line:
    name: str
    scenario: str
    field: str = "value"
    """``value``, or a key of the scenario's detail (``p99_ms``)."""
    baseline: str | None = None
    """Another line's name; the ratio is value / baseline's value."""
    target: float | None = None
    """A minimum ratio when there is a baseline, else a maximum value (see ``goal``)."""
    goal: str = ""
    """Overrides that default: ``ratio<=`` (at most ``target`` times the baseline) or
    ``value>=`` (at least ``target``)."""


LINES = (
    Line("raw_locked_1tx", "raw_locked_1tx"),
    Line("raw_unlocked_1tx", "raw_unlocked_1tx"),
    Line("raw_copy", "raw_copy"),
    Line("peer_eventsourcing_pg", "peer_eventsourcing_pg"),
    Line("motcua_append", "motcua_append", baseline="raw_locked_1tx", target=3.0),
    Line("motcua_append_vs_raw_unlocked", "motcua_append", baseline="raw_unlocked_1tx", target=1.5),
    Line("motcua_append_vs_peer", "motcua_append", baseline="peer_eventsourcing_pg", target=3.0),
    Line("starlette_bare", "starlette_bare"),
    Line("starlette_bare_p99_ms", "starlette_bare", field="p99_ms"),
    Line("motcua_http_commands", "motcua_http_commands", baseline="raw_locked_1tx", target=1.0),
    Line("motcua_http_commands_p50_ms", "motcua_http_commands", field="p50_ms"),
    Line("motcua_http_commands_p99_ms", "motcua_http_commands", field="p99_ms", target=50.0),
    Line("http_cpu_per_filing", "motcua_http_commands", field="cpu_ms_per_filing", target=0.4),
    Line("http_forms_cpu_per_filing", "motcua_http_commands", field="forms_cpu_ms_per_filing"),
    Line(
        "motcua_http_commands_forms_in_process",
        "motcua_http_commands_forms_in_process",
        baseline="motcua_http_commands",
    ),
    Line(
        "motcua_http_commands_forms_in_process_p99_ms",
        "motcua_http_commands_forms_in_process",
        field="p99_ms",
    ),
    Line(
        "http_cpu_per_filing_forms_in_process",
        "motcua_http_commands_forms_in_process",
        field="cpu_ms_per_filing",
    ),
    Line("http_busy_desk_spread", "http_busy_desk", field="spread"),
    Line("http_busy_desk", "http_busy_desk", baseline="http_busy_desk_spread", target=0.5),
    Line("http_busy_desk_p99_ms", "http_busy_desk", field="p99_ms", target=100.0),
    Line("http_busy_desk_cpu_per_filing", "http_busy_desk", field="cpu_ms_per_filing"),
    Line("http_online_spread", "http_busy_desk", field="online_spread"),
    Line(
        "http_online_desk",
        "http_busy_desk",
        field="online_desk",
        baseline="http_online_spread",
        target=0.5,
    ),
    Line("http_online_desk_p99_ms", "http_busy_desk", field="online_desk_p99_ms", target=100.0),
    Line(
        "motcua_http_commands_broker",
        "motcua_http_commands_broker",
        baseline="motcua_http_commands",
        target=0.8,
    ),
    Line(
        "broker_publish_lag_p99_ms",
        "motcua_http_commands_broker",
        field="lag_p99_ms",
        target=1000.0,
    ),
    Line("raw_sqlite3", "raw_sqlite3"),
    Line("peer_eventsourcing_sqlite", "peer_eventsourcing_sqlite"),
    Line(
        "motcua_sqlite_append",
        "motcua_sqlite_append",
        baseline="peer_eventsourcing_sqlite",
        target=1.0,
    ),
    Line("motcua_sqlite_append_vs_raw", "motcua_sqlite_append", baseline="raw_sqlite3"),
    Line("verify_100k", "verify_100k", target=10.0),
    Line("catchup_raw_scan", "motcua_catchup", field="raw_scan"),
    Line("peer_eventsourcing_projection", "motcua_catchup", field="peer"),
    Line("motcua_catchup", "motcua_catchup", target=20_000.0, goal="value>="),
    Line("motcua_catchup_vs_raw_scan", "motcua_catchup", baseline="catchup_raw_scan"),
    Line(
        "motcua_catchup_vs_peer",
        "motcua_catchup",
        baseline="peer_eventsourcing_projection",
        target=5.0,
    ),
    Line(
        "motcua_count_view_vs_peer",
        "motcua_catchup",
        field="count_view",
        baseline="peer_eventsourcing_projection",
    ),
    Line("rebuild_rss", "motcua_catchup", field="peak_rss_mb", target=250.0),
    Line("query_p99_10k", "query_p99", field="p99_small_ms"),
    Line(
        "query_p99_1m",
        "query_p99",
        field="p99_large_ms",
        baseline="query_p99_10k",
        target=1.5,
        goal="ratio<=",
    ),
    Line("query_inbox_p99_10k", "query_p99", field="inbox_p99_small_ms"),
    Line("query_inbox_p99_1m", "query_p99", field="inbox_p99_large_ms"),
    Line("query_lookup_p99_10k", "query_p99", field="lookup_p99_small_ms"),
    Line("query_lookup_p99_1m", "query_p99", field="lookup_p99_large_ms"),
    Line("national_query_p99_1e6", "national_volume", field="p99_small_ms"),
    Line(
        "national_query_p99_1e7",
        "national_volume",
        field="p99_large_ms",
        baseline="national_query_p99_1e6",
        target=1.5,
        goal="ratio<=",
    ),
    *(
        Line(f"national_{kind}_p99_{size}", "national_volume", field=f"{kind}_p99_{field}_ms")
        for kind in ("inbox", "lookup", "stats")
        for size, field in (("1e6", "small"), ("1e7", "large"))
    ),
    Line("national_append_1e6", "national_volume", field="append_small"),
    Line(
        "national_append_1e7",
        "national_volume",
        field="append_large",
        baseline="national_append_1e6",
        target=0.9,
    ),
    Line("calendar_what_if_100k", "calendar_what_if", target=5.0),
    Line("calendar_what_if_one_day", "calendar_what_if", field="one_day_seconds"),
    Line("calendar_what_if_whole_period", "calendar_what_if", field="whole_period_seconds"),
    Line("handover_10k_seconds", "motcua_handover", target=60.0),
    Line("handover_filing_max_ms", "motcua_handover", field="filing_max_ms", target=1000.0),
)
UNITS = {
    "p50_ms": "ms",
    "p99_ms": "ms",
    "spread": "commands/s",
    "online_spread": "commands/s",
    "online_desk": "commands/s",
    "cpu_ms_per_filing": "ms",
    "raw_scan": "events/s",
    "peer": "events/s",
    "count_view": "events/s",
    "peak_rss_mb": "MB",
    "one_day_seconds": "s",
    "whole_period_seconds": "s",
    "append_small": "commands/s",
    "append_large": "commands/s",
}
"""Units of the detail fields; any other field ending in ``_ms`` is in ms."""


def judge(values: dict[str, tuple[float, str] | None]) -> dict[str, dict[str, Any]]:
    """``values``: line name -> (value, unit), None when the scenario failed or was not
    run. Returns the results object of latest.json."""
    results: dict[str, dict[str, Any]] = {}
    for line in LINES:
        measured = values.get(line.name)
        if measured is None:
            continue
        value, unit = measured
        base = values.get(line.baseline) if line.baseline else None
        ratio = value / base[0] if base and base[0] else None
        met: bool | None = None
        goal = line.goal or ("ratio>=" if line.baseline else "value<=")
        if line.target is not None:
            if goal == "value<=":
                met = value <= line.target
            elif goal == "value>=":
                met = value >= line.target
            elif ratio is not None:
                met = ratio >= line.target if goal == "ratio>=" else ratio <= line.target
        results[line.name] = {
            "value": round(value, 3),
            "unit": unit,
            "baseline": line.baseline,
            "ratio": None if ratio is None else round(ratio, 3),
            "target": line.target,
            "goal": goal if line.target is not None else None,
            "met": met,
        }
    return results
