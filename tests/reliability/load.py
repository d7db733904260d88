"""Clients under faults: desk clerks that file dossiers and ask for supplements with
idempotency keys, retrying each command with its key until it is acknowledged.

Every loop is bounded in count and in time. Each answer's status and latency is
tallied; each acknowledgement is kept, to be looked for in the store afterwards.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from domain.shared import Role
from tests.e2e.api import BODY, bearer
from tests.examples import TODAYS_DESK

ASK = {"reason": "Thiếu bản sao giấy tờ", "documents": ["Bản sao CCCD"]}
RETRY_PAUSE = 0.05  # between a client's attempts, as a real client backs off


@dataclass(frozen=True)
class Ack:
    key: str
    action: str
    dossier_id: str
    code: str
    version: int


@dataclass
class Tally:
    statuses: Counter[int | str] = field(default_factory=Counter)
    problems: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    acks: list[Ack] = field(default_factory=list)
    missing_retry_after: int = 0
    slowest: float = 0.0

    def note(self, status: int | str, seconds: float) -> None:
        self.statuses[status] += 1
        self.latencies.append(seconds)
        self.slowest = max(self.slowest, seconds)

    @property
    def server_errors(self) -> int:
        return sum(
            n for s, n in self.statuses.items() if isinstance(s, int) and s >= 500 and s != 503
        )

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@dataclass
class Clerk:
    """One client task: file, then ask for a supplement, again and again."""

    number: int
    tally: Tally
    timeout: float = 10.0
    headers: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.headers = bearer(Role.CLERK, TODAYS_DESK, sub=f"load-clerk-{self.number}")

    async def work(self, base_url: str, stop: asyncio.Event, rounds: int, deadline: float) -> None:
        async with httpx.AsyncClient(base_url=base_url, timeout=self.timeout) as client:
            for n in range(rounds):
                if stop.is_set() or time.monotonic() > deadline:
                    return
                key = f"clerk{self.number}-{n}"
                filed = await self.until_acknowledged(
                    client, "/api/v1/dossiers", BODY, f"{key}-file", deadline
                )
                if filed is None:
                    return
                path = f"/api/v1/dossiers/{filed['id']}/request-supplement"
                if await self.until_acknowledged(client, path, ASK, f"{key}-ask", deadline) is None:
                    return

    async def until_acknowledged(
        self, client: httpx.AsyncClient, path: str, body: dict[str, Any], key: str, deadline: float
    ) -> dict[str, Any] | None:
        headers = {**self.headers, "Idempotency-Key": key}
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                answer = await client.post(path, json=body, headers=headers)
            except httpx.TransportError as error:  # the server is down, or died mid-request
                self.tally.note(type(error).__name__, time.monotonic() - started)
                await asyncio.sleep(RETRY_PAUSE)
                continue
            self.tally.note(answer.status_code, time.monotonic() - started)
            if answer.status_code >= 400:
                self.tally.problems[answer.json().get("type", "?")] += 1
            if answer.status_code == 503 and "Retry-After" not in answer.headers:
                self.tally.missing_retry_after += 1
            if answer.status_code in (200, 201):
                result: dict[str, Any] = answer.json()
                action = "file" if key.endswith("-file") else "ask"
                self.tally.acks.append(
                    Ack(key, action, result["id"], result["code"], result["version"])
                )
                return result
            # Anything else is tallied (the test judges the tally) and retried with the key.
            await asyncio.sleep(RETRY_PAUSE)
        return None


async def run_clerks(
    base_url: str,
    clients: int,
    rounds: int,
    seconds: float,
    stop: asyncio.Event,
    tally: Tally | None = None,
    first: int = 0,
) -> Tally:
    """``clients`` clerks numbered from ``first`` (their keys and names differ by number)."""
    tally = tally or Tally()
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        *(
            Clerk(n, tally).work(base_url, stop, rounds, deadline)
            for n in range(first, first + clients)
        )
    )
    return tally
