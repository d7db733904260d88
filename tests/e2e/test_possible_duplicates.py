"""Possible duplicates: a filing for a citizen who already has an open dossier of the same
procedure says so (201 all the same), to the staff only; the dossier's page warns; an
ended dossier no longer counts. The read model holds no citizen id in clear."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from domain.dossiers.dossier import Dossier
from domain.shared import Role
from interfaces.bootstrap import App
from tests.contract.conftest import Storage
from tests.e2e.api import BODY, E2E, act, bearer, file
from tests.e2e.desk_support import sign_in
from tests.e2e.health_records_support import sql
from tests.examples import BIRTH, COC_LEU, KIM_TAN, MERIT

pytestmark = E2E

OTHER_CITIZEN = {**BODY["applicant"], "full_name": "Lò Văn Páo", "citizen_id": "011122233344"}


async def test_a_second_open_dossier_of_the_same_citizen_and_procedure_is_flagged(
    app: App, client: httpx.AsyncClient, storage: Storage
) -> None:
    first = await file(client)
    assert first["possible_duplicates"] == []
    # The same citizen and procedure, at another desk of the province: flagged, still filed.
    second = await file(client, unit=KIM_TAN)
    assert second["possible_duplicates"] == [first["code"]]
    # Another procedure, or another citizen: nothing to flag.
    assert (await file(client, procedure_code=BIRTH))["possible_duplicates"] == []
    assert (await file(client, applicant=OTHER_CITIZEN))["possible_duplicates"] == []
    third = await file(client)
    assert third["possible_duplicates"] == sorted([first["code"], second["code"]])

    # The dossier's own view keeps the flag from its filing.
    view = await client.get(f"/api/v1/dossiers/{second['id']}", headers=bearer(Role.CLERK, KIM_TAN))
    assert view.json()["possible_duplicates"] == [first["code"]]

    # Once the first ends (withdrawn), it is no longer a possible duplicate of a new one.
    await act(client, first, "withdraw", {"reason": "Nộp nhầm"}, Role.CLERK)
    await act(client, second, "withdraw", {"reason": "Nộp nhầm"}, Role.CLERK, KIM_TAN)
    fourth = await file(client)
    assert fourth["possible_duplicates"] == [third["code"]]

    # The view holds keyed prints, never the citizen id itself: one print for Mai's open
    # dossiers (the third and fourth), another for Páo's.
    await app.projections.wait_for()
    rows = await sql(storage, "SELECT code, citizen, procedure FROM open_dossiers ORDER BY code")
    assert BODY["applicant"]["citizen_id"] not in repr(rows)
    prints = {citizen for code, citizen, procedure in rows if procedure == MERIT}
    assert len(prints) == 2 and all(len(p) == 64 for p in prints)


async def test_the_citizen_is_not_told_and_the_desk_page_warns(
    client: httpx.AsyncClient,
) -> None:
    online = {key: BODY[key] for key in ("procedure_code", "applicant", "documents")}
    first = await client.post("/api/v1/public/dossiers", json={**online, "receiving_unit": COC_LEU})
    again = await client.post("/api/v1/public/dossiers", json={**online, "receiving_unit": COC_LEU})
    assert again.status_code == 201 and "possible_duplicates" not in again.json()

    await sign_in(client, Role.CLERK, COC_LEU)
    flagged = _id_of(again.json())
    page = await client.get(f"/can-bo/ho-so/{flagged}")
    assert page.status_code == 200
    assert 'id="duplicates"' in page.text and first.json()["code"] in page.text
    unflagged = await client.get(f"/can-bo/ho-so/{_id_of(first.json())}")
    assert 'id="duplicates"' not in unflagged.text


async def test_a_bad_citizen_id_is_refused_naming_the_field_and_nothing_is_filed(
    client: httpx.AsyncClient,
) -> None:
    wrong = await client.post(
        "/api/v1/dossiers",
        json={**BODY, "applicant": {**BODY["applicant"], "citizen_id": "12345"}},
        headers=bearer(Role.CLERK),
    )
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.json()["errors"]] == ["applicant.citizen_id"]
    listed = await client.get("/api/v1/dossiers", headers=bearer(Role.CLERK))
    assert listed.json()["items"] == []
    assert (await file(client, procedure_code=MERIT))["possible_duplicates"] == []


def _id_of(receipt: dict[str, Any]) -> str:
    return str(Dossier.id_for(receipt["code"]))


class Frozen:
    """A read model whose database stopped answering."""

    async def open_codes(self, citizen_id: str, procedure_code: str) -> tuple[str, ...]:
        await asyncio.Event().wait()  # never set: a database that never answers
        return ()


async def test_a_duplicates_view_that_does_not_answer_is_an_outage_within_the_read_wait(
    app: App, client: httpx.AsyncClient
) -> None:
    app.dossiers.open_dossiers = Frozen()
    app.dossiers.duplicates_wait_seconds = 0.3
    started = time.monotonic()
    async with asyncio.timeout(5.0):  # without the bound, the filing would wait forever
        answer = await client.post(
            "/api/v1/dossiers", json=BODY, headers=bearer(Role.CLERK, COC_LEU)
        )
    assert time.monotonic() - started < 2.0
    assert answer.status_code == 503 and "Retry-After" in answer.headers, answer.text
