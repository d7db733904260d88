"""The forms of Circular 03/2025 over HTTP: issued by the commands, served as PDFs whose
bytes are the ones each command's event hashed, read back with poppler."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
import pytest

from domain.dossiers.dossier import Dossier
from domain.shared import Role
from infrastructure.clock import FixedClock
from tests.e2e.api import E2E, act, bearer, file
from tests.examples import BIRTH, CITY, COC_LEU, KIM_TAN
from tests.poppler import Poppler, ensure_poppler

pytestmark = E2E
_ASK = {"reason": "Thiếu bản sao giấy khai sinh", "documents": ["Bản sao giấy khai sinh"]}
_APOLOGY = {"reason": "Cần xác minh thêm tại địa phương", "new_due_date": "2021-03-01"}


@pytest.fixture(scope="module")
def poppler(tmp_path_factory: pytest.TempPathFactory) -> Poppler:
    ensure_poppler()
    return Poppler(tmp_path_factory.mktemp("served"))


async def form(
    client: httpx.AsyncClient, dossier: dict[str, Any], number: str, role: Role = Role.CLERK
) -> httpx.Response:
    path = f"/api/v1/dossiers/{dossier['id']}/forms/{number}"
    return await client.get(path, headers=bearer(role))


async def issued_digests(client: httpx.AsyncClient, dossier: dict[str, Any]) -> dict[str, str]:
    """Event type → the form digest its event recorded."""
    history = await client.get(
        f"/api/v1/dossiers/{dossier['id']}/history", headers=bearer(Role.AUDITOR, CITY)
    )
    return {
        event["type"]: event["data"]["form_sha256"]
        for event in history.json()["events"]
        if "form_sha256" in event["data"]
    }


async def test_the_receipt_is_served_as_the_pdf_its_event_hashed(
    client: httpx.AsyncClient, poppler: Poppler
) -> None:
    receipt = await file(client)
    served = await form(client, receipt, "01")
    assert served.status_code == 200
    assert served.headers["content-type"] == "application/pdf"
    digest = hashlib.sha256(served.content).hexdigest()
    assert (await issued_digests(client, receipt)) == {"Received": digest}
    # The same bytes every time, whoever in scope asks.
    assert (await form(client, receipt, "01", Role.LEADER)).content == served.content
    text = poppler.text(served.content)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert receipt["code"] in text and "Nguyễn Thị Mai" in text
    assert "11/01/2021" in text and "12/02/2021" in text  # received, and due


async def test_each_command_that_issues_a_form_records_the_digest_of_what_is_served(
    client: httpx.AsyncClient, poppler: Poppler
) -> None:
    receipt = await file(client)
    assert (await act(client, receipt, "request-supplement", _ASK, Role.CLERK)).status_code == 200
    supplement = {"documents": [{"name": "Bản sao giấy khai sinh"}]}
    assert (await act(client, receipt, "supplement", supplement, Role.CLERK)).status_code == 200
    assert (await act(client, receipt, "apologize", _APOLOGY, Role.LEADER)).status_code == 200
    stopped = await act(client, receipt, "stop", {"reason": "Người nộp đã qua đời"}, Role.LEADER)
    assert stopped.status_code == 200 and stopped.json()["status"] == "stopped"
    digests = await issued_digests(client, receipt)
    served = {number: await form(client, receipt, number) for number in ("02", "04", "05")}
    assert {number: answer.status_code for number, answer in served.items()} == dict.fromkeys(
        served, 200
    )
    assert hashlib.sha256(served["02"].content).hexdigest() == digests["SupplementRequested"]
    assert hashlib.sha256(served["04"].content).hexdigest() == digests["Apologized"]
    assert hashlib.sha256(served["05"].content).hexdigest() == digests["Stopped"]
    assert "Bản sao giấy khai sinh" in poppler.text(served["02"].content)
    apology = poppler.text(served["04"].content)
    assert "12/02/2021" in apology and "01/03/2021" in apology  # the old date and the new
    stop = poppler.text(served["05"].content)
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in stop and "Người nộp đã qua đời" in stop
    slip = poppler.text((await form(client, receipt, "06")).content)
    assert receipt["code"] in slip and "Dừng giải quyết hồ sơ" in slip


async def test_an_intake_refusal_issues_form_03(
    client: httpx.AsyncClient, poppler: Poppler
) -> None:
    online = await client.post(
        "/api/v1/public/dossiers",
        json={
            "procedure_code": BIRTH,
            "receiving_unit": COC_LEU,
            "applicant": {"full_name": "Lò Văn Sáng", "citizen_id": "010203004006"},
        },
    )
    assert online.status_code == 201, online.text
    dossier = {"id": str(Dossier.id_for(online.json()["code"]))}
    refusal = {"reason": "Sai thẩm quyền"}
    assert (await act(client, dossier, "refuse-intake", refusal, Role.CLERK)).status_code == 200
    served = await form(client, dossier, "03")
    assert served.status_code == 200
    assert hashlib.sha256(served.content).hexdigest() == (
        await issued_digests(client, dossier)
    ).get("IntakeRefused")
    text = poppler.text(served.content)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN" in text and "Sai thẩm quyền" in text
    assert online.json()["code"] in text and "Lò Văn Sáng" in text
    # Never received: no receipt, no control slip.
    assert (await form(client, dossier, "01")).status_code == 404
    assert (await form(client, dossier, "06")).status_code == 404


async def test_a_form_the_history_did_not_issue_or_no_form_at_all_is_not_found(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    for number in ("02", "03", "04", "05", "07", "08", "1", "00", "abc"):
        answer = await form(client, receipt, number)
        assert answer.status_code == 404, number
        assert answer.json()["type"] == "/problems/not-found"
    # Out of scope, it does not exist either.
    elsewhere = await client.get(
        f"/api/v1/dossiers/{receipt['id']}/forms/01", headers=bearer(Role.CLERK, KIM_TAN)
    )
    assert elsewhere.status_code == 404
    anonymous = await client.get(f"/api/v1/dossiers/{receipt['id']}/forms/01")
    assert anonymous.status_code == 401


async def test_one_apology_per_dossier_and_a_late_one_is_counted(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    # Birth registration is settled the same day: due today, so an apology today is late.
    receipt = await file(client, procedure_code=BIRTH)
    first = await act(client, receipt, "apologize", _APOLOGY, Role.LEADER)
    assert first.status_code == 200
    second = await act(
        client, receipt, "apologize", _APOLOGY | {"new_due_date": "2021-03-08"}, Role.LEADER
    )
    assert second.status_code == 409
    history = await client.get(
        f"/api/v1/dossiers/{receipt['id']}/history", headers=bearer(Role.LEADER)
    )
    [apology] = [e for e in history.json()["events"] if e["type"] == "Apologized"]
    assert apology["data"]["late_notice"] is True
    # Sent in time (due 12/02, sent 11/01): not a late notice.
    timely = await file(client)
    assert (await act(client, timely, "apologize", _APOLOGY, Role.LEADER)).status_code == 200
    stats = await client.get(
        "/api/v1/stats?from=2021-01-01&to=2021-01-31", headers=bearer(Role.LEADER)
    )
    rows = {row["procedure"]: row for row in stats.json()["rows"]}
    assert rows[BIRTH]["late_notices"] == 1
    assert rows[receipt["procedure"]["code"]]["late_notices"] == 1
    assert rows[timely["procedure"]["code"]]["late_notices"] == 0


async def test_only_a_leader_of_the_holding_unit_stops_and_nothing_follows(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    clerk = await act(client, receipt, "stop", {"reason": "x"}, Role.CLERK)
    assert clerk.status_code == 403
    other = await act(client, receipt, "stop", {"reason": "x"}, Role.LEADER, KIM_TAN)
    assert other.status_code == 404
    assert (
        await act(client, receipt, "stop", {"reason": "Hết căn cứ"}, Role.LEADER)
    ).status_code == 200
    after = await act(client, receipt, "withdraw", {"reason": "rút"}, Role.CLERK)
    assert after.status_code == 409 and after.json()["state"] == "stopped"
    stats = await client.get(
        "/api/v1/stats?from=2021-01-01&to=2021-01-31", headers=bearer(Role.LEADER)
    )
    [row] = stats.json()["rows"]
    assert row["stopped"] == 1 and row["in_processing_on_time"] == 0


async def test_the_log_book_lists_the_units_dossiers_of_the_period(
    client: httpx.AsyncClient, poppler: Poppler
) -> None:
    first, second = await file(client), await file(client, procedure_code=BIRTH)
    path = f"/api/v1/units/{COC_LEU}/log-book"
    served = await client.get(
        path, params={"from": "2021-01-01", "to": "2021-01-31"}, headers=bearer(Role.CLERK)
    )
    assert served.status_code == 200 and served.headers["content-type"] == "application/pdf"
    text = poppler.text(served.content)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert first["code"] in text and second["code"] in text and "Nguyễn Thị Mai" in text
    assert "01/01/2021" in text and "31/01/2021" in text
    again = await client.get(
        path, params={"from": "2021-01-01", "to": "2021-01-31"}, headers=bearer(Role.AUDITOR, CITY)
    )
    assert again.content == served.content
    # A period before these dossiers lists none of them.
    december = await client.get(
        path, params={"from": "2026-12-01", "to": "2026-12-31"}, headers=bearer(Role.CLERK)
    )
    assert first["code"] not in poppler.text(december.content)


async def test_the_log_book_refuses_bad_periods_naming_the_field(
    client: httpx.AsyncClient,
) -> None:
    path = f"/api/v1/units/{COC_LEU}/log-book"

    async def get(params: dict[str, str], role: Role = Role.CLERK, unit: str = COC_LEU) -> Any:
        return await client.get(path, params=params, headers=bearer(role, unit))

    for params, field in (
        ({"from": "1999-01-01", "to": "2021-01-31"}, "from"),
        ({"from": "2021-01-01", "to": "2099-12-31"}, "to"),
        ({"from": "2021-02-01", "to": "2021-01-01"}, "to"),
        ({"from": "2020-01-01", "to": "2021-01-02"}, "to"),  # 367 days: over a year
        ({"from": "2021-13-01", "to": "2021-01-31"}, "from"),
        ({"to": "2021-01-31"}, "from"),
    ):
        answer = await get(params)
        assert answer.status_code == 422, params
        assert [error["field"] for error in answer.json()["errors"]] == [field], params
    period = {"from": "2021-01-01", "to": "2021-01-31"}
    assert (await get(period, Role.CLERK, KIM_TAN)).status_code == 404
    assert (
        await client.get(
            "/api/v1/units/nowhere/log-book", params=period, headers=bearer(Role.AUDITOR, CITY)
        )
    ).status_code == 404
