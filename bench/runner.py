"""``bench/run [--quick] [--dsn URL] [--only a,b] [--profile]``: every scenario, in rounds,
each in its own process, against one PostgreSQL and in one temporary directory; prints
the table and writes ``bench/results/latest.json`` (``partial.json`` with ``--only``, so
that a partial run never replaces the full table).

Scenarios run in rounds (quick: one round of 2.5 s; full: three of 6 s), the rounds
interleaved so that a noisy neighbour hurts every scenario alike; each number is the
median over the rounds, and every ratio is taken against a baseline of the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench import environment
from bench.profile import PROFILE_ENV, profile_scenario, summarize
from bench.targets import LINES, UNITS, judge

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_DSN = os.environ.get("MOTCUA_BENCH_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
ORDER = (
    "raw_locked_1tx",
    "raw_unlocked_1tx",
    "peer_eventsourcing_pg",
    "motcua_append",
    "raw_copy",
    "raw_sqlite3",
    "peer_eventsourcing_sqlite",
    "motcua_sqlite_append",
    "starlette_bare",
    "motcua_http_commands",
    "motcua_http_commands_broker",
    "motcua_http_commands_forms_in_process",
    "http_busy_desk",
)
ONCE = (
    "verify_100k",
    "motcua_catchup",
    "query_p99",
    "calendar_what_if",
    "motcua_handover",
    "national_volume",
)
"""Run once, after the rounds: they seed a long log or large views first."""
ON_REQUEST = ("national_volume",)
"""Run only when ``--only`` names them: 10⁷ events take a quarter to half an hour
(docs/scale-out.md), and the full run is to stay within 20 minutes without them."""
LONG_TIMEOUT = 2400.0
TIMEOUTS = {"national_volume": 5400.0}


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one short round (< 3 min)")
    parser.add_argument("--dsn", default=DEFAULT_DSN, help="a PostgreSQL server on loopback")
    parser.add_argument("--only", help="comma-separated scenario names")
    parser.add_argument("--profile", action="store_true", help="py-spy the append path too")
    return parser.parse_args()


def check_loopback(dsn: str) -> None:
    host = urlsplit(dsn).hostname or ""
    if host and not (host == "localhost" or host.startswith("127.") or host == "::1"):
        raise SystemExit(f"bench/run only loads servers on this machine, not {host!r}")


def _run_scenario(
    name: str,
    dsn: str,
    workdir: Path,
    seconds: float,
    warmup: float,
    quick: bool,
    env: dict[str, str] | None = None,
) -> Any:
    command = [sys.executable, "-m", "bench.scenario", name, "--dsn", dsn]
    command += ["--workdir", str(workdir), "--seconds", str(seconds), "--warmup", str(warmup)]
    command += ["--quick"] if quick else []
    timeout = TIMEOUTS.get(name, LONG_TIMEOUT if name in ONCE else 180 + 2 * seconds)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, **(env or {})},
        )
    except subprocess.TimeoutExpired:
        return {"error": "timed out"}
    if done.returncode != 0 or not done.stdout.strip():
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = round(time.perf_counter() - started, 1)
    return result


def _values(runs: dict[str, list[Any]]) -> dict[str, tuple[float, str] | None]:
    values: dict[str, tuple[float, str] | None] = {}
    for line in LINES:
        good = [r for r in runs.get(line.scenario, []) if "error" not in r]
        if not good:
            continue
        if line.field == "value":
            numbers, unit = [r["value"] for r in good], good[0]["unit"]
        else:
            numbers = [r["detail"][line.field] for r in good]
            unit = UNITS.get(line.field, "ms" if line.field.endswith("_ms") else "")
        if "scale" in good[0]["detail"]:
            unit += f" ({good[0]['detail']['scale']})"
        values[line.name] = (statistics.median(numbers), unit)
    return values


def _table(results: dict[str, dict[str, Any]], runs: dict[str, list[Any]]) -> str:
    rows = [("result", "value", "unit", "baseline", "ratio", "target", "met")]
    for name, r in results.items():
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.3g}x"
        target = "" if r["target"] is None else f"{r['goal']} {r['target']:g}"
        met = {True: "yes", False: "NO", None: ""}[r["met"]]
        value = f"{r['value']:,.0f}" if r["value"] >= 100 else f"{r['value']:.3g}"
        rows.append((name, value, r["unit"], r["baseline"] or "", ratio, target, met))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    failed = [f"{name}: {r['error']}" for name, rs in runs.items() for r in rs if "error" in r]
    return "\n".join(lines + [f"FAILED {f}" for f in failed])


def _profile(dsn: str, directory: Path) -> None:
    """py-spy the append path (the whole scenario process) and the HTTP server."""
    scenario = [sys.executable, "-m", "bench.scenario", "motcua_append"]
    scenario += ["--dsn", dsn, "--workdir", str(directory), "--seconds", "8"]
    profile_scenario(scenario, directory / "raw.txt", RESULTS / "profile_motcua_append.txt")
    raw, workdir = directory / "http.txt", directory / "http-profile"
    workdir.mkdir()
    result = _run_scenario(
        "motcua_http_commands", dsn, workdir, 8.0, 1.0, False, {PROFILE_ENV: str(raw)}
    )
    print(f"profiled motcua_http_commands: {result}", flush=True)
    if raw.exists():
        summary = RESULTS / "profile_motcua_http_commands.txt"
        summary.write_text(summarize(raw.read_text()))


async def _main(args: argparse.Namespace) -> None:
    check_loopback(args.dsn)
    RESULTS.mkdir(parents=True, exist_ok=True)  # --profile writes there before the report
    installed = environment.ensure_installed(profile=args.profile)
    rounds, seconds, warmup = (1, 2.5, 0.5) if args.quick else (3, 6.0, 1.0)
    chosen = set(args.only.split(",")) if args.only else set(ORDER + ONCE)
    if not args.only:
        chosen -= set(ON_REQUEST)
    dsn = await environment.create_database(args.dsn)
    runs: dict[str, list[Any]] = {}
    try:
        machine = await environment.machine(dsn)
        with tempfile.TemporaryDirectory(prefix="motcua-bench-") as directory:
            for number in range(rounds):
                for name in (n for n in ORDER if n in chosen):
                    workdir = Path(directory) / f"{name}-{number}"
                    workdir.mkdir()
                    result = _run_scenario(name, dsn, workdir, seconds, warmup, args.quick)
                    runs.setdefault(name, []).append(result)
                    print(f"round {number + 1}/{rounds} {name}: {result}", flush=True)
            for name in (n for n in ONCE if n in chosen):
                runs[name] = [
                    _run_scenario(name, dsn, Path(directory), seconds, warmup, args.quick)
                ]
                print(f"{name}: {runs[name][0]}", flush=True)
            if args.profile:
                _profile(dsn, Path(directory))
        machine["load_average_at_end"] = os.getloadavg()
    finally:
        await environment.drop_database(dsn)
    results = judge(_values(runs))
    mode = {"mode": "quick" if args.quick else "full", "rounds": rounds, "seconds": seconds}
    report = {
        "machine": {**machine, **mode, "installed": installed},
        "results": results,
        "runs": runs,
    }
    output = RESULTS / ("partial.json" if args.only else "latest.json")
    output.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print()
    print(_table(results, runs))
    print(f"\nwritten: {output}")


def main() -> None:
    asyncio.run(_main(_arguments()))


if __name__ == "__main__":
    main()
