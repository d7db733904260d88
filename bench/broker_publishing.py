"""``motcua_http_commands_broker``: ``motcua_http_commands`` with the broker on
(``MOTCUA_BROKER_URL``, RabbitMQ on this machine, an exchange of the run's own), so the
ratio of the two, in the same run, is what publishing costs filings. A queue bound to
the exchange receives every event meanwhile; ``lag_p99_ms`` is the 99th percentile of
arrival time minus the event's own time (its command's clock reading, before commit).
The run's database holds what the scenarios before filed: the broker's position starts
at the head, as for a broker that was on all along (else thousands of old events would
be published while this scenario is measured)."""

from __future__ import annotations

import asyncio
import json
import os
import time
import uuid
from datetime import datetime

import aio_pika
import asyncpg
from aio_pika.abc import AbstractIncomingMessage

from bench.context import Context, Result
from bench.http_commands import MASTER_KEY, SECRET, _run

BROKER = os.environ.get("MOTCUA_BENCH_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/")


async def motcua_http_commands_broker(ctx: Context) -> Result:
    exchange = f"motcua.events.bench-{uuid.uuid4().hex[:8]}"
    lags: list[float] = []

    async def arrived(message: AbstractIncomingMessage) -> None:
        event_time = datetime.fromisoformat(json.loads(message.body)["time"]).timestamp()
        lags.append(time.time() - event_time)

    await _start_at_the_head(ctx.dsn)
    connection = await aio_pika.connect(BROKER, timeout=10)
    async with connection:
        channel = await connection.channel()
        declared = await channel.declare_exchange(
            exchange, aio_pika.ExchangeType.TOPIC, durable=True
        )
        queue = await channel.declare_queue(exclusive=True)
        await queue.bind(declared, routing_key="#")
        await queue.consume(arrived, no_ack=True)
        env = {
            "MOTCUA_DATABASE_URL": ctx.dsn,
            "MOTCUA_JWT_SECRET": SECRET,
            "MOTCUA_MASTER_KEY": MASTER_KEY,
            "MOTCUA_BROKER_URL": BROKER,
            "MOTCUA_BROKER_EXCHANGE": exchange,
        }
        result = await asyncio.to_thread(
            _run, ctx, "interfaces.bootstrap:create_app", env, tokens_needed=True
        )
        await declared.delete()
    ordered = sorted(lags)
    result.detail["published"] = len(ordered)
    if ordered:
        result.detail["lag_p50_ms"] = round(1000 * ordered[len(ordered) // 2], 1)
        result.detail["lag_p99_ms"] = round(1000 * ordered[int(0.99 * (len(ordered) - 1))], 1)
    return result


async def _start_at_the_head(dsn: str) -> None:
    database = await asyncpg.connect(dsn)
    try:
        if await database.fetchval("SELECT to_regclass('events') IS NOT NULL"):
            await database.execute(
                "INSERT INTO projection_positions (name, version, generation, position, "
                "updated_at) SELECT 'broker', 1, 0, coalesce(max(position), 0), now()::text "
                "FROM events ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position"
            )
    finally:
        await database.close()
