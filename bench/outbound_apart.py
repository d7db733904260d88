"""HTTP filings per second on PostgreSQL with every outbound relay on (RabbitMQ
publishing, two webhook subscribers, the national portal sync) but run by a
``motcua projections run`` process of their own, against the same processes with the
relays off, in one run; and the broker's publish lag, from an event's commit to the
consumer (issue 14's speed targets, which issue 17's process split serves):

    PYTHONPATH=. .venv/bin/python -m bench.outbound_apart [pairs] [seconds] [workers]
        [--pin] [--favour-worker]   # the options anywhere

Each run: a fresh database on 127.0.0.1:5432; ``motcua serve --no-projections
[--workers N]`` (the API) and ``motcua projections run`` (every projection and relay),
child processes; wrk (or bench's asyncio client) files dossiers on WORKERS connections
after a 2 s warm-up. With the relays: ``MOTCUA_BROKER_URL`` on an exchange of the run's
own, bound to a queue consumed here (lag: arrival minus the event's commit, its
``recorded_at``; age: arrival minus the event's own time, which adds the filing's time in
the API before its commit; for events of the measured window); two subscribers
(``bench.webhook_filings``' receiver, a process each); the tests' fake portal, 5 ms a call.
Prints a JSON line per run and per pair.

``--pin`` keeps the API process on CPU 0 and the projection worker and the subscribers
on CPU 1 (in both runs of a pair), as if the worker ran on a machine of its own; the
database, RabbitMQ, wrk and this process go where the scheduler puts them.
``--favour-worker`` runs the projection worker at nice -5 (both runs of a pair), as
deploy/motcua-projections.service does: it needs little CPU but needs it promptly, and
the API, which saturates the machine under this load, then waits for it.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import aio_pika
import asyncpg
import httpx
from aio_pika.abc import AbstractIncomingMessage

from bench.broker_publishing import BROKER, _start_at_the_head
from bench.context import WORKERS
from bench.environment import create_database, drop_database
from bench.http_commands import (
    BODY,
    MASTER_KEY,
    SECRET,
    _clerk_tokens,
    cpu_seconds,
    descendants_cpu_seconds,
)
from bench.http_load import measure
from domain.shared import Role
from interfaces.http.auth import issue_token
from tests.outbound.fake_portal import PASSWORD, USER, FakePortal
from tests.postgres_server import _free_port
from tests.reliability.server import Server

SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
SUBSCRIBERS = 2


async def subscribe(api: Server, directory: Path) -> list[asyncio.subprocess.Process]:
    """Two receivers on loopback, each subscribed through the API."""
    admin = {"Authorization": f"Bearer {issue_token(SECRET, Role.ADMIN, '15', 'bench')}"}
    receivers, ports = [], [_free_port() for _ in range(SUBSCRIBERS)]
    for port in ports:
        log = directory / f"deliveries-{port}.log"
        log.touch()
        receivers.append(
            await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bench.webhook_filings", "receive", str(port), str(log)
            )
        )
    await asyncio.sleep(1.5)  # the receivers bind their ports
    async with httpx.AsyncClient(base_url=api.url, timeout=10) as client:
        for port in ports:
            body = {"url": f"http://127.0.0.1:{port}/motcua", "secret": "whsec_" + "A" * 44}
            answer = await client.post("/api/v1/subscriptions", json=body, headers=admin)
            assert answer.status_code == 201, answer.text
    return receivers


FAVOURED_NICE = -5


def pin(process: Any, cpus: set[int] | None) -> None:
    """Keep ``process`` on ``cpus`` (None: leave it where the scheduler puts it)."""
    if cpus is not None and process is not None:
        os.sched_setaffinity(process.pid, cpus)


async def filings(
    relays: bool, seconds: float, api_workers: int, pinned: bool = False, favoured: bool = False
) -> dict[str, Any]:
    directory = Path(tempfile.mkdtemp(prefix="motcua-outbound-bench-"))
    database = await create_database(SERVER)
    env = {"MOTCUA_JWT_SECRET": SECRET, "MOTCUA_MASTER_KEY": MASTER_KEY}
    exchange = f"motcua.events.bench-{uuid.uuid4().hex[:8]}"
    portal = FakePortal().start()
    portal.delay_seconds = 0.005
    if relays:
        env |= {"MOTCUA_BROKER_URL": BROKER, "MOTCUA_BROKER_EXCHANGE": exchange}
        env |= {"MOTCUA_PORTAL_URL": portal.url, "MOTCUA_PORTAL_USER": USER}
        env |= {"MOTCUA_PORTAL_PASSWORD": PASSWORD, "MOTCUA_WEBHOOK_ALLOW": "127.0.0.1"}
    api = Server(database, directory, extra_env=dict(env))
    worker = Server(database, directory, extra_env=dict(env))
    receivers: list[asyncio.subprocess.Process] = []
    arrivals: list[tuple[int, float, float]] = []
    """(position, the event's own time, arrival) of each event of the measured window."""
    window = [float("inf"), float("inf")]

    def arrived(message: AbstractIncomingMessage) -> None:
        event = json.loads(message.body)
        at = datetime.fromisoformat(event["time"]).timestamp()
        if window[0] <= at <= window[1]:
            arrivals.append((event["position"], at, time.time()))

    connection = await aio_pika.connect(BROKER, timeout=10)
    try:
        channel = await connection.channel()
        declared = await channel.declare_exchange(
            exchange, aio_pika.ExchangeType.TOPIC, durable=True
        )
        queue = await channel.declare_queue(exclusive=True)
        await queue.bind(declared, routing_key="#")
        await queue.consume(arrived, no_ack=True)  # type: ignore[arg-type]
        command = ["serve", "--no-projections"]
        if api_workers > 1:
            command += ["--workers", str(api_workers)]
        await asyncio.to_thread(api.spawn, *command)
        pin(api.process, {0} if pinned else None)
        await asyncio.to_thread(api.wait_ready, time.monotonic() + 60)
        await _start_at_the_head(database)  # the demo data is not this run's load
        if relays:
            receivers = await subscribe(api, directory)
        for receiver in receivers:
            pin(receiver, {1} if pinned else None)
        await asyncio.to_thread(worker.spawn, "projections", "run")
        pin(worker.process, {1} if pinned else None)
        if favoured and worker.process is not None:
            os.setpriority(os.PRIO_PROCESS, worker.process.pid, FAVOURED_NICE)
        url = api.url + "/api/v1/dossiers"
        tokens = await asyncio.to_thread(_clerk_tokens, url)
        load: dict[str, Any] = {"connections": WORKERS, "workdir": directory}
        await asyncio.to_thread(measure, url, tokens, BODY, seconds=2.0, **load)
        window[:] = [time.time(), time.time() + seconds + 1]
        parties = _parties(api, worker, receivers)
        before = {name: cpu(pid) for name, (pid, cpu) in parties.items()}
        measured = await asyncio.to_thread(measure, url, tokens, BODY, seconds=seconds, **load)
        window[1] = time.time()
        used = {name: cpu(pid) - before[name] for name, (pid, cpu) in parties.items()}
        await asyncio.sleep(5)  # the last publications arrive
        await declared.delete()
        committed = await _commit_times(database, [position for position, _, _ in arrivals])
    finally:
        await connection.close()
        await asyncio.to_thread(api.stop)
        await asyncio.to_thread(worker.stop)
        for receiver in receivers:
            receiver.terminate()
            await receiver.wait()
        portal.stop()
        await drop_database(database)
    rate = (measured["requests"] - measured["non_2xx"]) / measured["seconds"]
    result = {"relays": relays, "api_workers": api_workers, "pinned": pinned, **measured}
    result["favoured"] = favoured
    result["rate"] = round(rate, 1)
    filed = max(measured["requests"] - measured["non_2xx"], 1)
    for name, seconds_used in used.items():
        result[f"cpu_ms_per_filing_{name}"] = round(1000 * seconds_used / filed, 2)
    if relays:
        result["published_in_window"] = len(arrivals)
        result["portal_records"] = len(portal.records)
        result["portal_violations"] = len(portal.violations)
        # The publish lag runs from the commit (the event is in the log) to the consumer;
        # the age from the command's own clock adds the time the filing spent in the API.
        lag = [arrival - committed[position] for position, _, arrival in arrivals]
        age = [arrival - at for _, at, arrival in arrivals]
        for name, samples in (("lag", lag), ("age", age)):
            samples.sort()
            if samples:
                result[f"{name}_p50_ms"] = round(1000 * samples[len(samples) // 2], 1)
                result[f"{name}_p99_ms"] = round(1000 * samples[int(0.99 * (len(samples) - 1))], 1)
    result.pop("workdir", None)
    return result


def _parties(
    api: Server, worker: Server, receivers: list[asyncio.subprocess.Process]
) -> dict[str, tuple[int, Callable[[int], float]]]:
    """Whose CPU time a run reports per filing: the API with its form workers, the
    projection worker, the subscribers, RabbitMQ (Motcua's own are the first two)."""
    assert api.process is not None and worker.process is not None
    parties: dict[str, tuple[int, Callable[[int], float]]] = {
        "api": (api.process.pid, lambda pid: cpu_seconds(pid) + descendants_cpu_seconds(pid)),
        "worker": (worker.process.pid, cpu_seconds),
    }
    for n, receiver in enumerate(receivers):
        parties[f"subscriber{n + 1}"] = (receiver.pid, cpu_seconds)
    broker = subprocess.run(["pgrep", "-o", "beam.smp"], capture_output=True, text=True)
    if broker.stdout.strip():
        parties["rabbitmq"] = (int(broker.stdout.split()[0]), cpu_seconds)
    return parties


async def _commit_times(database: str, positions: list[int]) -> dict[int, float]:
    """When each of ``positions`` was appended (``recorded_at``: its batch's commit)."""
    connection = await asyncpg.connect(database)
    try:
        rows = await connection.fetch(
            "SELECT position, recorded_at FROM events WHERE position = ANY($1::bigint[])",
            positions,
        )
    finally:
        await connection.close()
    return {int(row[0]): row[1].timestamp() for row in rows}


async def main(pairs: int, seconds: float, api_workers: int, pinned: bool, favoured: bool) -> None:
    for _ in range(pairs):
        without = await filings(False, seconds, api_workers, pinned, favoured)
        print(json.dumps(without), flush=True)
        with_relays = await filings(True, seconds, api_workers, pinned, favoured)
        print(json.dumps(with_relays), flush=True)
        ratio = round(with_relays["rate"] / without["rate"], 3)
        print(json.dumps({"ratio": ratio, "lag_p99_ms": with_relays.get("lag_p99_ms")}))


if __name__ == "__main__":
    pinned, favoured = "--pin" in sys.argv, "--favour-worker" in sys.argv
    given = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
    os.environ.setdefault("PYTHONPATH", ".")
    asyncio.run(
        main(
            int(given[0]) if given else 2,
            float(given[1]) if len(given) > 1 else 15.0,
            int(given[2]) if len(given) > 2 else 1,
            pinned,
            favoured,
        )
    )
