"""Đính chính: the leader of the unit that decided puts a decided result right, with the
reason; the old result stays in the history, nobody else may, and an undecided dossier
has nothing to correct."""

from __future__ import annotations

import httpx

from domain.shared import Role
from tests.e2e.api import E2E, act, bearer, file
from tests.examples import CITY, COC_LEU, PROVINCE

pytestmark = E2E


async def test_the_deciding_leader_corrects_and_history_keeps_the_first_result(
    client: httpx.AsyncClient,
) -> None:
    dossier = await file(client)
    fix = {"reason": "Sai năm sinh", "result": {"decision": "QĐ 7/QĐ-UBND (đính chính)"}}
    early = await act(client, dossier, "correct", fix, Role.LEADER, COC_LEU)
    assert early.status_code == 409 and early.json()["state"] == "in_processing"
    for hop, role, unit in (
        ({"to_unit": CITY}, Role.CLERK, COC_LEU),
        ({"to_unit": PROVINCE}, Role.SPECIALIST, CITY),
    ):
        assert (await act(client, dossier, "transfer", hop, role, unit)).status_code == 200
    decided = await act(
        client, dossier, "approve", {"result": {"decision": "QĐ 7/QĐ-UBND"}}, Role.LEADER, PROVINCE
    )
    assert decided.status_code == 200, decided.text

    # The receiving commune's leader holds the dossier now, but did not decide it.
    assert (await act(client, dossier, "correct", fix, Role.LEADER, COC_LEU)).status_code == 403
    corrected = await act(client, dossier, "correct", fix, Role.LEADER, PROVINCE)
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["result"] == fix["result"]
    assert corrected.json()["status"] == "approved" and corrected.json()["current_unit"] == COC_LEU

    history = await client.get(
        f"/api/v1/dossiers/{dossier['id']}/history", headers=bearer(Role.AUDITOR, PROVINCE)
    )
    events = {e["type"]: e["data"] for e in history.json()["events"]}
    assert events["Approved"]["result"] == {"decision": "QĐ 7/QĐ-UBND"}
    assert events["Corrected"] == {"reason": "Sai năm sinh", "result": fix["result"]}
