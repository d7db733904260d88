"""The at-risk list over HTTP: what the rest of a route usually takes, against the days left."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from domain.shared import Role
from infrastructure.clock import FixedClock
from tests.e2e.api import E2E, act, bearer, file
from tests.examples import CITY, PROVINCE

pytestmark = E2E
CLERK = bearer(Role.CLERK)


async def at_risk(client: httpx.AsyncClient, query: str = "") -> list[dict[str, Any]]:
    answer = await client.get(f"/api/v1/at-risk{query}", headers=CLERK)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


async def test_a_dossier_idle_at_its_first_step_is_flagged_before_it_is_late(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    # Two benefit dossiers (20 working days; commune → district → province decides). With
    # no history each step is expected to take its share of the limit, 6.7 working days.
    idle = await file(client)
    fresh = await file(client)
    await act(client, fresh, "transfer", {"to_unit": CITY}, Role.CLERK)
    assert await at_risk(client) == []

    # Ten working days later the idle one still sits at the commune: 10 days left, the
    # district and the province usually take 13.3 together.
    clock.advance(timedelta(days=14))
    [item] = await at_risk(client)
    assert item["code"] == idle["code"]
    assert item["remaining_working_days"] == 10
    assert item["expected_working_days"] == 13.3
    assert 0.6 < item["risk"] < 1
    assert "10 working days left" in item["reason"]
    assert "no history yet" in item["reason"]
    assert item["apology_by"] is not None and item["apology_by"] < item["due_date"]

    # Not due within five working days; the inbox filters by the list, both ways.
    assert await at_risk(client, "?within_days=5") == []
    flagged = await client.get("/api/v1/inbox?at_risk=true", headers=CLERK)
    assert [d["code"] for d in flagged.json()["items"]] == [idle["code"]]
    others = await client.get("/api/v1/inbox?at_risk=false", headers=CLERK)
    assert idle["code"] not in [d["code"] for d in others.json()["items"]]
    citizen = await client.get("/api/v1/at-risk", headers=bearer(Role.AUDITOR))
    assert citizen.status_code == 403


async def test_what_the_steps_took_before_is_what_is_expected_of_them(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    # Five dossiers went through every step on the day they were received...
    for _ in range(5):
        done = await file(client)
        await act(client, done, "transfer", {"to_unit": CITY}, Role.CLERK)
        await act(client, done, "transfer", {"to_unit": PROVINCE}, Role.SPECIALIST, CITY)
        decided = await act(client, done, "approve", {"result": {"so": "1"}}, Role.LEADER, PROVINCE)
        assert decided.status_code == 200, decided.text
    # ...so the same ten idle working days no longer look dangerous: 2.5 days a step.
    idle = await file(client)
    clock.advance(timedelta(days=14))
    assert await at_risk(client) == []
    # Until the days left run short of it.
    clock.advance(timedelta(days=25))
    [item] = await at_risk(client)
    assert item["code"] == idle["code"]
    assert item["expected_working_days"] == 5.0
    assert "15 finished stints" in item["reason"]
