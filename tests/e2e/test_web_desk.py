"""The officer's desk over HTTP, signed in as a browser is (cookie and CSRF token), on
both stores: the inbox answers from the read models.

The server's clock is Monday 11 January 2021, 09:00 (tests/e2e/conftest.py).
"""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest

from domain.dossiers.dossier import Dossier
from domain.shared import Role
from infrastructure.clock import FixedClock
from tests.e2e.api import BODY, E2E, act, file
from tests.e2e.desk_support import csrf_of, sign_in
from tests.examples import CITY, COC_LEU, MERIT, PERMIT, PROVINCE

pytestmark = E2E
CITIZEN = BODY["applicant"]


def intake_form(csrf: str, idem: str, **changes: str) -> dict[str, str]:
    return {
        "csrf": csrf,
        "idem": idem,
        "procedure_code": MERIT,
        "applicant.full_name": CITIZEN["full_name"],
        "applicant.citizen_id": CITIZEN["citizen_id"],
        "applicant.phone": CITIZEN["phone"],
        "applicant.address": "",
        "documents": "Bản khai\nBản sao CCCD",
        "channel": "desk",
        **changes,
    }


async def test_a_clerk_receives_a_walk_in_citizen_and_gets_the_slip(
    client: httpx.AsyncClient,
) -> None:
    await sign_in(client, Role.CLERK, COC_LEU)
    found = await client.get("/can-bo/tiep-nhan", params={"tim": "nguoi co cong"})
    assert found.status_code == 200 and f'value="{MERIT}"' in found.text  # found unaccented
    assert found.text.count("<option value=") == 2 + 1  # it alone, and the two channels
    assert "Giấy tờ phải nộp: Bản khai đề nghị hưởng chế độ ưu đãi (theo mẫu)" in found.text
    idem = re.search(r'name="idem" value="([^"]+)"', found.text)
    assert idem
    form = intake_form(csrf_of(found), idem.group(1))
    # A citizen id one digit short: said next to its field, everything typed kept.
    wrong = await client.post("/can-bo/tiep-nhan", data={**form, "applicant.citizen_id": "1234"})
    assert wrong.status_code == 422
    assert 'id="applicant-citizen_id-error"' in wrong.text
    assert "Số căn cước công dân gồm đúng 12 chữ số." in wrong.text
    assert CITIZEN["full_name"] in wrong.text and "Bản sao CCCD" in wrong.text
    slip = await client.post("/can-bo/tiep-nhan", data=form)
    assert slip.status_code == 201 and "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in slip.text
    code = re.search(r'<dd class="code">([^<]+)</dd>', slip.text)
    assert code and "12/02/2021" in slip.text  # the appointment, dd/mm/yyyy
    again = await client.post("/can-bo/tiep-nhan", data=form)  # a double click
    assert again.status_code == 201 and code.group(1) in again.text
    inbox = await client.get("/can-bo/hop-thu")
    assert inbox.text.count(code.group(1)) == 1  # one dossier, not two


async def test_a_post_without_the_sessions_csrf_token_is_refused(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    await sign_in(client, Role.CLERK, COC_LEU)
    path = f"/can-bo/ho-so/{receipt['id']}"
    page = await client.get(path)
    body = {"version": str(receipt["version"]), "to_unit": CITY}
    for forged in ({}, {"csrf": "0" * 40}):
        refused = await client.post(f"{path}/transfer", data={**body, **forged})
        assert refused.status_code == 403
    assert (await client.get(path)).text.count("Chuyển hồ sơ") == 0  # nothing happened
    done = await client.post(f"{path}/transfer", data={**body, "csrf": csrf_of(page)})
    assert done.status_code == 303


async def test_the_inbox_counts_filters_and_finds_by_name_without_accents(
    client: httpx.AsyncClient,
) -> None:
    first = await file(client)
    await file(client, applicant={**CITIZEN, "full_name": "Đặng Văn Hùng"})
    waiting = await file(client)
    asked = {"reason": "Thiếu giấy", "documents": ["Bản sao CCCD"]}
    assert (await act(client, waiting, "request-supplement", asked, Role.CLERK)).is_success
    await sign_in(client, Role.CLERK, COC_LEU)
    inbox = await client.get("/can-bo/hop-thu")
    assert inbox.status_code == 200
    assert 'data-count="in_processing">2<' in inbox.text  # the one waiting is in no inbox
    assert 'data-count="overdue">0<' in inbox.text
    found = await client.get("/can-bo/hop-thu", params={"q": "dang van hung"})
    assert "Đặng Văn Hùng" in found.text and first["code"] not in found.text
    by_status = await client.get("/can-bo/hop-thu", params={"trang-thai": "awaiting_supplement"})
    assert "<tbody>" not in by_status.text  # nothing of it waits for the clerk
    of_procedure = await client.get("/can-bo/hop-thu", params={"thu-tuc": MERIT})
    assert of_procedure.text.count('class="code"') == 2 and waiting["code"] not in of_procedure.text
    assert "<tbody>" not in (await client.get("/can-bo/hop-thu", params={"thu-tuc": PERMIT})).text
    searched = await client.get(
        "/can-bo/hop-thu", params={"q": waiting["code"], "trang-thai": "awaiting_supplement"}
    )
    assert waiting["code"] in searched.text  # the search reaches every dossier of the unit


async def test_a_stale_form_gets_the_changed_meanwhile_page_and_the_fresh_state(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    await sign_in(client, Role.CLERK, COC_LEU)
    path = f"/can-bo/ho-so/{receipt['id']}"
    page = await client.get(path)
    # Meanwhile a colleague asks for a document.
    asked = {"reason": "Thiếu giấy", "documents": ["Bản sao CCCD"]}
    assert (await act(client, receipt, "request-supplement", asked, Role.CLERK)).is_success
    stale = {"csrf": csrf_of(page), "version": str(receipt["version"]), "reason": "Theo đề nghị"}
    answer = await client.post(f"{path}/withdraw", data=stale)
    assert answer.status_code == 409
    assert "Hồ sơ vừa được thay đổi" in answer.text
    assert "Chờ bổ sung hồ sơ" in answer.text  # the fresh state
    assert "Theo đề nghị" in answer.text  # what was typed is still there
    history = await client.get(
        f"/api/v1/dossiers/{receipt['id']}/history",
        headers={"Authorization": f"Bearer {client.cookies['motcua_staff']}"},
    )
    assert [event["type"] for event in history.json()["events"]][-1] == "SupplementRequested"


async def test_a_wrong_date_is_said_next_to_its_field(client: httpx.AsyncClient) -> None:
    receipt = await file(client)
    await act(client, receipt, "transfer", {"to_unit": CITY}, Role.CLERK)
    await act(client, receipt, "transfer", {"to_unit": PROVINCE}, Role.SPECIALIST, CITY)
    await sign_in(client, Role.LEADER, PROVINCE)
    path = f"/can-bo/ho-so/{receipt['id']}"
    page = await client.get(path)
    assert f'action="{path}/apologize"' in page.text and f'action="{path}/approve"' in page.text
    assert f'action="{path}/transfer"' not in page.text  # the leader's role does not transfer
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert version
    form = {"csrf": csrf_of(page), "version": version.group(1), "reason": "Cần xác minh thêm"}
    wrong = await client.post(f"{path}/apologize", data={**form, "new_due_date": "31/02/2021"})
    assert wrong.status_code == 422 and 'id="apologize-new_due_date-error"' in wrong.text
    assert "hãy viết theo dạng dd/mm/yyyy" in wrong.text and "Cần xác minh thêm" in wrong.text
    early = await client.post(f"{path}/apologize", data={**form, "new_due_date": "01/02/2021"})
    assert early.status_code == 409 and "Ngày hẹn mới phải sau ngày hẹn hiện tại." in early.text
    done = await client.post(f"{path}/apologize", data={**form, "new_due_date": "01/03/2021"})
    assert done.status_code == 303
    after = await client.get(done.headers["location"])
    assert "01/03/2021" in after.text and "Đã ghi nhận: Xin lỗi, hẹn lại ngày trả." in after.text


@pytest.mark.parametrize("unit", ["02647", "082"])
async def test_an_officer_of_another_unit_finds_nothing(
    client: httpx.AsyncClient, unit: str
) -> None:
    receipt = await file(client)
    await sign_in(client, Role.CLERK, unit)
    page = await client.get(f"/can-bo/ho-so/{receipt['id']}")
    assert page.status_code == 404 and "Không tìm thấy nội dung yêu cầu." in page.text


async def test_an_online_submission_is_received_or_refused_from_its_own_page(
    client: httpx.AsyncClient,
) -> None:
    online = {key: BODY[key] for key in ("procedure_code", "applicant", "documents")}
    submitted = []
    for _ in range(2):
        answer = await client.post(
            "/api/v1/public/dossiers", json={**online, "receiving_unit": COC_LEU}
        )
        assert answer.status_code == 201, answer.text
        submitted.append(answer.json())
    await sign_in(client, Role.CLERK, COC_LEU)
    inbox = await client.get("/can-bo/hop-thu", params={"trang-thai": "submitted"})
    assert all(dossier["code"] in inbox.text for dossier in submitted)
    kept, refused = (f"/can-bo/ho-so/{Dossier.id_for(dossier['code'])}" for dossier in submitted)
    page = await client.get(kept)
    assert f'action="{kept}/receive"' in page.text and f'action="{kept}/refuse_intake"' in page.text
    form = {"csrf": csrf_of(page), "version": "1"}
    received = await client.post(f"{kept}/receive", data=form)
    assert received.status_code == 303
    assert "Đang giải quyết" in (await client.get(kept)).text
    empty = await client.post(f"{refused}/refuse_intake", data={**form, "reason": " "})
    assert empty.status_code == 422 and 'id="refuse_intake-reason-error"' in empty.text
    done = await client.post(f"{refused}/refuse_intake", data={**form, "reason": "Thiếu tờ khai"})
    assert done.status_code == 303
    assert "Từ chối tiếp nhận" in (await client.get(refused)).text


async def test_the_inbox_pages_twenty_at_a_time(client: httpx.AsyncClient) -> None:
    codes = [(await file(client))["code"] for _ in range(22)]
    await sign_in(client, Role.SPECIALIST, COC_LEU)
    first = await client.get("/can-bo/hop-thu")
    assert 'data-count="all">22<' in first.text
    shown = [code for code in codes if code in first.text]
    assert shown == codes[:20]  # same due date: in filing order
    following = re.search(r'href="(/can-bo/hop-thu\?sau=[^"]+)" rel="next"', first.text)
    assert following
    second = await client.get(following.group(1).replace("&amp;", "&"))
    assert [code for code in codes if code in second.text] == codes[20:]
    assert 'rel="next"' not in second.text and "Về trang đầu" in second.text


async def test_the_inbox_puts_the_dossiers_at_risk_first_with_the_day_to_apologise_by(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    idle = await file(client)  # it will sit at the commune past its share of the limit
    moving = await file(client)
    assert (await act(client, moving, "transfer", {"to_unit": CITY}, Role.CLERK)).is_success
    await sign_in(client, Role.CLERK, COC_LEU)
    assert 'id="risk-heading"' not in (await client.get("/can-bo/hop-thu")).text
    clock.advance(timedelta(days=14))  # ten working days left; the rest usually takes 13.3
    inbox = await client.get("/can-bo/hop-thu")
    risk_list = inbox.text.split('id="risk-heading"')[1].split("</section>")[0]
    assert idle["code"] in risk_list and moving["code"] not in risk_list
    assert "gửi chậm nhất ngày" in risk_list  # the last day for an apology in time
    assert "badge-at-risk" in inbox.text.split("<tbody>")[1]
    only = await client.get("/can-bo/hop-thu", params={"nguy-co": "1"})
    assert only.text.split("<tbody>")[1].count('class="code"') == 1


async def test_the_dossier_page_offers_the_forms_its_history_issued(
    client: httpx.AsyncClient,
) -> None:
    dossier = await file(client)
    await sign_in(client, Role.CLERK, COC_LEU)
    page = await client.get(f"/can-bo/ho-so/{dossier['id']}")
    forms = page.text.split('id="forms-heading"')[1].split("</section>")[0]
    links = re.findall(r'href="([^"]+/mau/(\d\d))"', forms)
    assert [number for _, number in links] == ["01", "06"]  # the receipt and its control slip
    pdf = await client.get(links[0][0])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
