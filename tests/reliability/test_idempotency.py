"""Idempotent retries: one key sent ten times at once, then again after a restart.

A filing (two streams: the receipt register and the new dossier) and a command on an
existing dossier each go out ten times concurrently with one ``Idempotency-Key``: the
store must grow by one append's events, and the ten answers must be one answer (status,
body with its lookup secret, ETag). After a restart of the App on the same storage the
same request gets that answer again; the same key with another body is a 422.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from domain.shared import Role
from tests.e2e.api import BODY, bearer, file, serving
from tests.e2e.conftest import AppOpener
from tests.examples import BIRTH, COC_LEU
from tests.reliability.figures import record

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.parametrize("storage", ["sqlite", "postgres"], indirect=True),
]
TIMES = 10
CLERK = bearer(Role.CLERK, COC_LEU, sub="clerk-retrying")


def answer_of(response: httpx.Response) -> tuple[int, Any, str | None]:
    return response.status_code, response.json(), response.headers.get("ETag")


async def ten_at_once(
    client: httpx.AsyncClient, path: str, body: dict[str, Any], key: str
) -> list[tuple[int, Any, str | None]]:
    headers = {**CLERK, "Idempotency-Key": key}
    answers = await asyncio.gather(
        *(client.post(path, json=body, headers=headers) for _ in range(TIMES))
    )
    return [answer_of(answer) for answer in answers]


async def test_one_key_sent_ten_times_and_after_a_restart_appends_once(
    open_app: AppOpener,
) -> None:
    app = await open_app()
    async with serving(app) as client:
        existing = await file(client, procedure_code=BIRTH)
        before = await app.store.last_position()
        filed = await ten_at_once(client, "/api/v1/dossiers", BODY, "filing-1")
        after_filing = await app.store.last_position()
        path = f"/api/v1/dossiers/{existing['id']}/withdraw"
        withdrawn = await ten_at_once(client, path, {"reason": "Công dân xin rút"}, "withdraw-1")
        after_command = await app.store.last_position()

    # Ten identical answers each, and one append each: two events for the filing (the
    # register's entry and the dossier, received at once), one for the withdrawal.
    assert {a[0] for a in filed} == {201} and all(a == filed[0] for a in filed)
    assert {a[0] for a in withdrawn} == {200} and all(a == withdrawn[0] for a in withdrawn)
    assert after_filing - before == 1 + filed[0][1]["version"]
    assert after_command - after_filing == 1

    restarted = await open_app()
    async with serving(restarted) as client:
        again = answer_of(
            await client.post(
                "/api/v1/dossiers", json=BODY, headers={**CLERK, "Idempotency-Key": "filing-1"}
            )
        )
        command_again = answer_of(
            await client.post(
                path,
                json={"reason": "Công dân xin rút"},
                headers={**CLERK, "Idempotency-Key": "withdraw-1"},
            )
        )
        other_body = await client.post(
            "/api/v1/dossiers",
            json={**BODY, "channel": "post"},
            headers={**CLERK, "Idempotency-Key": "filing-1"},
        )
        other_command = await client.post(
            path, json={"reason": "Lý do khác"}, headers={**CLERK, "Idempotency-Key": "withdraw-1"}
        )
    assert again == filed[0]
    assert command_again == withdrawn[0]
    assert await restarted.store.last_position() == after_command
    for refused in (other_body, other_command):
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["field"] == "Idempotency-Key"
    record(
        f"idempotency[{app.store.__class__.__name__}]",
        concurrent_sends=TIMES,
        events_appended=after_command - before,  # one filing (3), one withdrawal (1)
        identical_after_restart=True,
    )
