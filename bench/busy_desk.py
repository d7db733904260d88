"""``http_busy_desk``: 32 filers at ONE desk against the same 32 spread over the province,
on one server (``interfaces.bootstrap:create_app``, as ``motcua_http_commands``).

After 5 s of the spread load to warm the new server (its first seconds of load run
slower, whichever load comes first), two pairs of loads, each after a warm-up of its
own, one after the other for the round's seconds (5 s at least), 32 connections:

- clerks filing at the desk (``POST /api/v1/dossiers``, each filing renders its receipt,
  form 01): spread over every unit that accepts the filing, rotating, then all at the
  first such unit (a commune). The value is the one desk's filings/s.
- citizens filing online (``POST /api/v1/public/dossiers``, no receipt rendered: the
  receipt register's part of a filing, nearly alone), spread, then all at that unit.

Then the density check: every dossier the database holds is decoded, and for each unit
and day its receipt numbers must be exactly 1..n, n being the entries of that day's
register. A gap, a double or a count that disagrees fails the scenario.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import datetime
from typing import Any

import asyncpg
from eventsourcing.persistence import StoredEvent

from application.encoding import new_mapper
from bench.context import WORKERS, Context, Result
from bench.http_commands import BODY, MASTER_KEY, SECRET, _server, accepting_desks, cpu_seconds
from bench.http_load import Body, measure
from domain.dossiers.dossier import Dossier
from domain.dossiers.register import ReceiptRegister

Load = dict[str, Any]
ONLINE = "/api/v1/public/dossiers"
SECONDS = 5.0
"""The shortest window: at 32 filers, a loaded server answers in seconds (each desk
filing renders a receipt), so the quick run's 2.5 s could end before any answer."""


def _online(unit: str) -> dict[str, Any]:
    return {
        "procedure_code": BODY["procedure_code"],
        "receiving_unit": unit,
        "applicant": BODY["applicant"],
        "documents": BODY["documents"],
    }


def _load(ctx: Context, url: str, pid: int, tokens: list[str], body: Body) -> Load:
    def run(seconds: float) -> Load:
        return measure(url, tokens, body, seconds=seconds, connections=WORKERS, workdir=ctx.workdir)

    run(max(ctx.warmup, 1.0))
    cpu = cpu_seconds(pid)
    measured = run(max(ctx.seconds, SECONDS))
    cpu = cpu_seconds(pid) - cpu
    ok = measured["requests"] - measured["non_2xx"]
    return {
        **measured,
        "rate": ok / measured["seconds"],
        "cpu_ms_per_filing": round(1000 * cpu / max(ok, 1), 3),
    }


def _loads(ctx: Context) -> dict[str, Load]:
    env = {
        "MOTCUA_DATABASE_URL": ctx.dsn,
        "MOTCUA_JWT_SECRET": SECRET,
        "MOTCUA_MASTER_KEY": MASTER_KEY,
    }
    with _server("interfaces.bootstrap:create_app", env, ctx.workdir / "server.log") as (
        url,
        pid,
    ):
        desks = accepting_desks(url)
        tokens = [token for _, token in desks]
        online = url.replace("/api/v1/dossiers", ONLINE)
        # A new server's first seconds of load run slower, whichever load comes first.
        measure(url, tokens, BODY, seconds=SECONDS, connections=WORKERS, workdir=ctx.workdir)
        return {
            "spread": _load(ctx, url, pid, tokens, BODY),
            "desk": _load(ctx, url, pid, tokens[:1], BODY),
            "online_spread": _load(ctx, online, pid, ["-"], [_online(u) for u, _ in desks]),
            "online_desk": _load(ctx, online, pid, ["-"], _online(desks[0][0])),
        }


async def _density(dsn: str) -> dict[str, int]:
    """Check every unit's and day's receipt numbers; answer how many were checked."""
    mapper = new_mapper()
    connection = await asyncpg.connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT stream_id, stream_type, version, event_type, payload FROM events "
            "WHERE stream_type = 'ReceiptRegister' OR (stream_type = 'Dossier' AND version = 1)"
        )
    finally:
        await connection.close()
    registers: dict[Any, int] = {}
    numbers: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row in rows:
        if row["stream_type"] == "ReceiptRegister":
            registers[row["stream_id"]] = max(registers.get(row["stream_id"], 0), row["version"])
            continue
        submitted = mapper.to_domain_event(
            StoredEvent(row["stream_id"], row["version"], row["event_type"], row["payload"])
        )
        if not isinstance(submitted, Dossier.Submitted):
            raise AssertionError(f"a dossier opened with {row['event_type']}")
        unit, day, number = submitted.code.rsplit("-", 2)
        numbers[(unit, day)].append(int(number))
    for (unit, day), taken in numbers.items():
        register = ReceiptRegister.id_for(unit, datetime.strptime(day, "%y%m%d").date())
        entries = registers.pop(register, 1) - 1
        if sorted(taken) != list(range(1, entries + 1)):
            raise AssertionError(
                f"receipt numbers of {unit} on {day} are not 1..{entries}: "
                f"{len(taken)} dossiers, {len(set(taken))} distinct, highest {max(taken)}"
            )
    if registers:
        raise AssertionError(f"{len(registers)} receipt registers have entries but no dossiers")
    return {"registers": len(numbers), "dossiers": sum(map(len, numbers.values()))}


async def http_busy_desk(ctx: Context) -> Result:
    loads = await asyncio.to_thread(_loads, ctx)
    checked = await _density(ctx.dsn)
    detail: dict[str, Any] = {"dense": checked}
    for name, load in loads.items():
        prefix = "" if name == "desk" else f"{name}_"
        detail[name if name != "desk" else "rate"] = round(load["rate"], 1)
        for field in ("p50_ms", "p99_ms", "non_2xx", "cpu_ms_per_filing"):
            detail[prefix + field] = load[field]
    return Result(loads["desk"]["rate"], "commands/s", detail)
