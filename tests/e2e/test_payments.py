"""Fees: a dossier of a procedure with a fee waits for it on receipt (portal status 6);
the payment gateway's signed notice marks it paid, once per transaction; bad signatures,
wrong amounts and unknown dossiers change nothing; statistics count the fees."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import httpx

from domain.shared import Role
from interfaces.bootstrap import App
from tests.e2e.api import E2E, bearer, file, serving
from tests.e2e.conftest import AppOpener
from tests.e2e.desk_support import sign_in
from tests.examples import COC_LEU, COPY

pytestmark = E2E

GATEWAY_SECRET = "gateway-shared-secret-for-the-tests"
NOTIFY = "/api/v1/payments/notify"


def signed(notice: dict[str, Any], secret: str = GATEWAY_SECRET) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(notice).encode()
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return body, {"Content-Type": "application/json", "X-Payment-Signature": signature}


async def notify(client: httpx.AsyncClient, notice: dict[str, Any]) -> httpx.Response:
    body, headers = signed(notice)
    return await client.post(NOTIFY, content=body, headers=headers)


async def events_of(client: httpx.AsyncClient, dossier: dict[str, Any]) -> list[str]:
    history = await client.get(
        f"/api/v1/dossiers/{dossier['id']}/history", headers=bearer(Role.CLERK)
    )
    return [event["type"] for event in history.json()["events"]]


async def test_the_fee_is_due_on_receipt_and_the_gateway_s_notice_pays_it_once(
    open_app: AppOpener,
) -> None:
    app: App = await open_app(payment_secret=GATEWAY_SECRET)
    async with serving(app) as client:
        # A certified copy costs 2,000 VND: received, it waits for the fee.
        dossier = await file(client, procedure_code=COPY)
        assert dossier["status"] == "awaiting_payment"
        assert (dossier["fee_vnd"], dossier["payment"]) == (2000, None)
        notice = {"transaction_id": "VNPAY-0001", "dossier_code": dossier["code"]}

        # Forged, unsigned or wrong amounts: refused, nothing recorded.
        body, headers = signed({**notice, "amount_vnd": 2000}, secret="not-the-secret")
        forged = await client.post(NOTIFY, content=body, headers=headers)
        assert forged.status_code == 401, forged.text
        unsigned = await client.post(NOTIFY, json={**notice, "amount_vnd": 2000})
        assert unsigned.status_code == 401
        short = await notify(client, {**notice, "amount_vnd": 1000})
        assert short.status_code == 422
        assert [e["field"] for e in short.json()["errors"]] == ["amount_vnd"]
        unknown = await notify(
            client, {**notice, "dossier_code": "02644-210111-9999", "amount_vnd": 2000}
        )
        assert unknown.status_code == 422
        assert [e["field"] for e in unknown.json()["errors"]] == ["dossier_code"]
        malformed = await notify(client, {"transaction_id": "VNPAY-0001", "amount_vnd": -5})
        assert malformed.status_code == 422
        assert {e["field"] for e in malformed.json()["errors"]} == {"dossier_code", "amount_vnd"}
        assert await events_of(client, dossier) == ["Submitted", "Received"]

        # The right notice: paid, processing starts; sent again, the same answer, once.
        paid = await notify(client, {**notice, "amount_vnd": 2000})
        assert paid.status_code == 200, paid.text
        assert paid.json()["status"] == "in_processing"
        assert paid.json()["amount_vnd"] == 2000
        again = await notify(client, {**notice, "amount_vnd": 2000})
        assert (again.status_code, again.json()) == (200, paid.json())
        assert await events_of(client, dossier) == ["Submitted", "Received", "Paid"]
        # The same transaction with other data is no replay; another one finds it paid.
        reused = await notify(client, {**notice, "amount_vnd": 2500})
        assert reused.status_code == 422
        assert [e["field"] for e in reused.json()["errors"]] == ["transaction_id"]
        second = await notify(
            client, {**notice, "transaction_id": "VNPAY-0002", "amount_vnd": 2000}
        )
        assert second.status_code == 409 and second.json()["state"] == "in_processing"

        view = await client.get(f"/api/v1/dossiers/{dossier['id']}", headers=bearer(Role.CLERK))
        assert view.json()["status"] == "in_processing"
        assert view.json()["payment"]["transaction_id"] == "VNPAY-0001"
        assert view.json()["payment"]["amount_vnd"] == 2000

        # The officer's page says what was paid, and how.
        await sign_in(client, Role.CLERK, COC_LEU)
        page = await client.get(f"/can-bo/ho-so/{dossier['id']}")
        assert "2.000 đồng, đã nộp" in page.text and "giao dịch VNPAY-0001" in page.text

        # The day's figures: one fee of 2,000 VND collected, nothing waiting for one.
        await file(client, procedure_code=COPY)  # another, not paid yet
        stats = await client.get(f"/api/v1/stats?unit={COC_LEU}", headers=bearer(Role.CLERK))
        (row,) = [r for r in stats.json()["rows"] if r["procedure"] == COPY]
        assert (row["paid"], row["fees_collected_vnd"], row["awaiting_payment"]) == (1, 2000, 1)


async def test_without_a_shared_secret_no_notice_is_authentic(client: httpx.AsyncClient) -> None:
    dossier = await file(client, procedure_code=COPY)
    body = {"transaction_id": "T-1", "dossier_code": dossier["code"], "amount_vnd": 2000}
    content, headers = signed(body, secret="")
    refused = await client.post(NOTIFY, content=content, headers=headers)
    assert refused.status_code == 401
    assert refused.headers["content-type"].startswith("application/problem+json")
