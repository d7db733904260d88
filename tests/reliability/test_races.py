"""Racing commands: fifty conflicting commands on one dossier at once, round after round.

Each round files a dossier of a commune-only procedure (received, version 2) and fires
fifty commands at it concurrently through the HTTP app: approvals and refusals by the
commune's leader, withdrawals by its clerk, half of them with ``If-Match: "2"``. They
exclude one another (a decided dossier cannot be withdrawn, a withdrawn one not
decided), so exactly one may apply; every other must get 409 or 412, never a 5xx, and
the dossier's stream must end one event longer.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from typing import Any
from uuid import UUID

import httpx
import pytest

from domain.shared import Role
from interfaces.bootstrap import App
from tests.e2e.api import act, file
from tests.examples import BIRTH
from tests.reliability.figures import record

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.parametrize("storage", ["sqlite", "postgres"], indirect=True),
]
ROUNDS = 20
RACERS = 50
COMMANDS: list[tuple[str, dict[str, Any], Role, str]] = [
    ("approve", {"result": {"số": "15/2027"}}, Role.LEADER, "approved"),
    ("refuse", {"reason": "Giấy chứng sinh không hợp lệ"}, Role.LEADER, "refused"),
    ("withdraw", {"reason": "Công dân xin rút"}, Role.CLERK, "withdrawn"),
]


async def race(client: httpx.AsyncClient, dossier: dict[str, Any]) -> list[httpx.Response]:
    async def one(n: int) -> httpx.Response:
        action, body, role, _ = COMMANDS[n % len(COMMANDS)]
        condition = {"If-Match": f'"{dossier["version"]}"'} if n % 2 else {}
        return await act(client, dossier, action, body, role, headers=condition)

    return await asyncio.gather(*(one(n) for n in range(RACERS)))


async def test_exactly_one_of_fifty_conflicting_commands_applies(
    app: App, client: httpx.AsyncClient
) -> None:
    statuses: Counter[int] = Counter()
    problems: Counter[str] = Counter()
    started = time.perf_counter()
    for _ in range(ROUNDS):
        dossier = await file(client, procedure_code=BIRTH)
        answers = await race(client, dossier)
        statuses.update(answer.status_code for answer in answers)
        problems.update(a.json()["type"] for a in answers if a.status_code != 200)

        winners = [answer for answer in answers if answer.status_code == 200]
        assert len(winners) == 1, [a.status_code for a in answers]
        assert {a.status_code for a in answers} <= {200, 409, 412}
        events = await app.store.read_stream(dossier_id := UUID(dossier["id"]))
        assert len(events) == dossier["version"] + 1
        assert await app.store.stream_version(dossier_id) == winners[0].json()["version"]
        final = winners[0].json()["status"]
        assert final in {status for *_, status in COMMANDS}
    took = time.perf_counter() - started

    assert statuses[200] == ROUNDS
    assert statuses[200] + statuses[409] + statuses[412] == ROUNDS * RACERS
    # The commands did race: some lost at the append, having decided on a stale state.
    assert problems["/problems/concurrency-conflict"] > 0
    record(
        f"races[{app.store.__class__.__name__}]",
        rounds=ROUNDS,
        racers=RACERS,
        seconds=round(took, 1),
        statuses=dict(statuses),
        problems=dict(problems),
    )
