"""HTTP filings per second with 0 and with 2 webhook subscribers, and the delivery lag.

    .venv/bin/python -m bench.webhook_filings [sqlite|postgres ...] [--seconds 8]

In one process: the API (in-process ASGI client, 8 clerks filing at once) over a fresh
SQLite file or PostgreSQL database (127.0.0.1:5432, user postgres), alternating runs
without and with two subscribers; each subscriber is a small HTTP server in a process of
its own on loopback that notes when each event arrives. Lag: from the filing's answer
to its ``dossier.received`` event's arrival, p50 and p99 over both subscribers.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from domain.shared import Role
from infrastructure.settings import Settings
from interfaces.bootstrap import bootstrap, create_app
from interfaces.http.auth import issue_token

JWT = "bench-webhooks-jwt-secret-long-enough!"
SECRET = "whsec_" + base64.b64encode(os.urandom(32)).decode()
BODY = {
    "procedure_code": "LC.NCC.TCUD",
    "channel": "desk",
    "applicant": {"full_name": "Nguyễn Thị Mai", "citizen_id": "001190012345"},
    "documents": [{"name": "Bản khai"}],
}


def receive(port: int, log: str) -> None:
    """A subscriber: notes ``time subject type`` per delivery and answers 204."""
    import uvicorn

    out = open(log, "a", buffering=1)  # noqa: SIM115

    async def app(scope: Any, receive: Any, send: Any) -> None:
        body, more = b"", True
        while more:
            message = await receive()
            body, more = body + message.get("body", b""), message.get("more_body", False)
        event = json.loads(body)
        out.write(f"{time.time()} {event['subject']} {event['type']}\n")
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")


async def database(kind: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    import asyncpg

    name = f"bench_webhooks_{os.getpid()}_{time.monotonic_ns() % 10**9}"
    connection = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    await connection.execute(f"CREATE DATABASE {name}")
    await connection.close()
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


async def run(kind: str, subscribers: int, seconds: float) -> str:
    settings = Settings(
        database_url=await database(kind),
        jwt_secret=JWT,
        webhook_allow="127.0.0.1",
        key_directory=Path(tempfile.mkdtemp()),
        master_key=base64.b64encode(os.urandom(32)).decode(),
    )
    app = await bootstrap(settings)
    asgi = create_app(app=app)
    logs, servers, filed = [], [], {}
    async with asgi.router.lifespan_context(asgi) as state:

        async def with_state(scope: Any, receive: Any, send: Any) -> None:
            scope["state"] = dict(state or {})
            await asgi(scope, receive, send)

        transport = httpx.ASGITransport(app=with_state)
        async with httpx.AsyncClient(transport=transport, base_url="http://motcua") as client:
            admin = {"Authorization": f"Bearer {issue_token(JWT, Role.ADMIN, '15', 'it')}"}
            for n in range(subscribers):
                logs.append(f"{tempfile.mkdtemp()}/deliveries.log")
                await asyncio.to_thread(Path(logs[-1]).touch)
                servers.append(
                    await asyncio.create_subprocess_exec(
                        sys.executable,
                        "-m",
                        "bench.webhook_filings",
                        "receive",
                        str(9301 + n),
                        logs[-1],
                    )
                )
            await asyncio.sleep(1.5 if subscribers else 0)
            for n in range(subscribers):
                url = f"http://127.0.0.1:{9301 + n}/motcua"
                body = {"url": url, "secret": SECRET}
                answer = await client.post("/api/v1/subscriptions", json=body, headers=admin)
                assert answer.status_code == 201, answer.text
            clerk = {"Authorization": f"Bearer {issue_token(JWT, Role.CLERK, '02647', 'c')}"}
            stop, count = time.monotonic() + seconds, 0

            async def filer() -> None:
                nonlocal count
                while time.monotonic() < stop:
                    answer = await client.post("/api/v1/dossiers", json=BODY, headers=clerk)
                    assert answer.status_code == 201, answer.text
                    filed[answer.json()["id"]] = time.time()
                    count += 1

            started = time.monotonic()
            await asyncio.gather(*(filer() for _ in range(8)))
            rate = count / (time.monotonic() - started)
            lags: list[float] = []
            for log in logs:
                for _ in range(1200):
                    lines = (await asyncio.to_thread(Path(log).read_text)).splitlines()
                    if len(lines) >= 2 * count:
                        break
                    await asyncio.sleep(0.1)
                for line in lines:
                    at, subject, type_ = line.split()
                    if type_.endswith(".received"):
                        lags.append(float(at) - filed[subject])
    for server in servers:
        server.terminate()
        await server.wait()
    await app.close()
    line = f"{kind} subscribers={subscribers} filings={count} rate={rate:.1f}/s"
    if lags:
        lags.sort()
        p50, p99 = lags[len(lags) // 2], lags[int(len(lags) * 0.99)]
        line += f" lag_p50={p50 * 1000:.0f}ms lag_p99={p99 * 1000:.0f}ms"
    return line


async def main(kinds: list[str], seconds: float) -> None:
    for kind in kinds:
        for subscribers in (0, 2, 0, 2):
            print(await run(kind, subscribers, seconds), flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["receive"]:
        receive(int(sys.argv[2]), sys.argv[3])
    else:
        parser = argparse.ArgumentParser()
        parser.add_argument("kinds", nargs="*", default=["sqlite", "postgres"])
        parser.add_argument("--seconds", type=float, default=8.0)
        arguments = parser.parse_args()
        asyncio.run(main(arguments.kinds, arguments.seconds))
