"""Runs one scenario in this process and prints its result as one JSON line:

    python -m bench.scenario NAME --dsn URL --workdir DIR --seconds S --warmup W

The runner starts every scenario in a process of its own, so none inherits another's
connections, threads or heap.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Callable, Coroutine
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.broker_publishing import motcua_http_commands_broker
from bench.busy_desk import http_busy_desk
from bench.catchup import motcua_catchup
from bench.chain_check import verify_100k
from bench.context import Context, Result
from bench.handover import motcua_handover
from bench.http_commands import (
    motcua_http_commands,
    motcua_http_commands_forms_in_process,
    starlette_bare,
)
from bench.motcua_stores import motcua_append, motcua_sqlite_append, raw_sqlite3
from bench.national_volume import national_volume
from bench.peers import peer_eventsourcing_pg, peer_eventsourcing_sqlite
from bench.queries import query_p99
from bench.raw_postgres import raw_copy, raw_locked_1tx, raw_unlocked_1tx
from bench.what_if import calendar_what_if

SCENARIOS: dict[str, Callable[[Context], Coroutine[Any, Any, Result]]] = {
    "raw_locked_1tx": raw_locked_1tx,
    "raw_unlocked_1tx": raw_unlocked_1tx,
    "raw_copy": raw_copy,
    "peer_eventsourcing_pg": peer_eventsourcing_pg,
    "motcua_append": motcua_append,
    "raw_sqlite3": raw_sqlite3,
    "peer_eventsourcing_sqlite": peer_eventsourcing_sqlite,
    "motcua_sqlite_append": motcua_sqlite_append,
    "verify_100k": verify_100k,
    "starlette_bare": starlette_bare,
    "motcua_http_commands": motcua_http_commands,
    "motcua_http_commands_broker": motcua_http_commands_broker,
    "motcua_http_commands_forms_in_process": motcua_http_commands_forms_in_process,
    "http_busy_desk": http_busy_desk,
    "motcua_catchup": motcua_catchup,
    "query_p99": query_p99,
    "calendar_what_if": calendar_what_if,
    "motcua_handover": motcua_handover,
    "national_volume": national_volume,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("name", choices=sorted(SCENARIOS))
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    ctx = Context(args.dsn, args.workdir, args.seconds, args.warmup, args.quick)
    result = asyncio.run(SCENARIOS[args.name](ctx))
    print(json.dumps(asdict(result)))


if __name__ == "__main__":
    main()
