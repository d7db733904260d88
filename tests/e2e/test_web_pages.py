"""The pages over HTTP, without a browser: what they answer, their headers, their guards.

The pages read through the same use cases as the API, so they run on one store here;
the API's own suite runs on both.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from domain.shared import Role
from infrastructure.clock import FixedClock
from interfaces.web.permit import qr_svg
from tests.e2e.api import act, bearer, file
from tests.e2e.desk_support import csrf_of
from tests.examples import CITY, COC_LEU, KIM_TAN, PERMIT, PROVINCE

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("storage", ["sqlite"], indirect=True)]
NUMBER = f"GPXD-{CITY}-210111-0001"  # the construction permit procedure's prefix, the code


async def look_up(client: httpx.AsyncClient, code: str, secret: str) -> httpx.Response:
    return await client.post("/tra-cuu", data={"code": code, "secret": secret})


async def travelled(client: httpx.AsyncClient) -> dict[str, Any]:
    """The README's dossier: commune → district → province decides → back at the commune."""
    receipt = await file(client)
    await act(client, receipt, "transfer", {"to_unit": CITY}, Role.CLERK)
    await act(client, receipt, "transfer", {"to_unit": PROVINCE}, Role.SPECIALIST, CITY)
    await act(client, receipt, "approve", {"result": {"so": "1"}}, Role.LEADER, PROVINCE)
    return receipt


async def test_the_lookup_shows_status_appointment_timeline_and_journey(
    client: httpx.AsyncClient,
) -> None:
    receipt = await travelled(client)
    page = await look_up(client, receipt["code"], receipt["lookup_secret"])
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["cache-control"] == "no-store"
    html = page.text
    assert "Đã có kết quả" in html and "Đúng hạn" in html
    assert "12/02/2021" in html  # the appointment date
    assert html.count('<g class="handoff">') == 3
    # No officer on the citizen's page: neither who nor in which role.
    assert "Lãnh đạo" not in html and "leader@" not in html
    assert receipt["applicant"]["citizen_id"] not in html


async def test_a_stopped_dossier_reads_in_words_with_its_reason_to_come_by_notice(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    stop = {"reason": "Người nộp hồ sơ đề nghị dừng"}
    assert (await act(client, receipt, "stop", stop, Role.LEADER)).status_code == 200
    html = (await look_up(client, receipt["code"], receipt["lookup_secret"])).text
    assert "Dừng giải quyết" in html and "thông báo" in html
    assert ">stopped<" not in html and ">Stopped<" not in html


async def test_a_dossier_past_its_appointment_reads_overdue(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    receipt = await file(client)
    clock.advance(timedelta(days=40))  # 12 February 2021 has passed
    page = await look_up(client, receipt["code"], receipt["lookup_secret"])
    assert "Quá hạn" in page.text and "Hồ sơ đã quá ngày hẹn trả kết quả." in page.text
    assert "Trong hạn" not in page.text


async def test_a_wrong_secret_and_an_unknown_code_answer_one_identical_page(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    wrong_secret = await look_up(client, receipt["code"], "WRONG22222")
    unknown_code = await look_up(client, f"{COC_LEU}-210111-0099", receipt["lookup_secret"])
    empty = await look_up(client, "", "")
    assert wrong_secret.status_code == unknown_code.status_code == empty.status_code == 404
    assert wrong_secret.text == unknown_code.text == empty.text
    assert "Không tìm thấy hồ sơ" in wrong_secret.text


async def test_repeated_wrong_guesses_get_a_polite_wait_shared_with_the_api(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    answers = [await look_up(client, receipt["code"], f"WRONG{n:05d}") for n in range(11)]
    assert [a.status_code for a in answers] == [404] * 10 + [429]
    limited = answers[-1]
    assert int(limited.headers["retry-after"]) > 0
    assert "text/html" in limited.headers["content-type"]
    assert "Vui lòng thử lại sau" in limited.text and "phút" in limited.text
    # The pages count in the API's own limiter: the right secret waits too, there and here.
    api = await client.get(
        f"/api/v1/public/dossiers/{receipt['code']}", params={"secret": receipt["lookup_secret"]}
    )
    assert api.status_code == 429


async def test_pages_get_a_strict_content_security_policy_and_the_api_keeps_its_own(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/tra-cuu")
    policy = page.headers["content-security-policy"]
    assert "style-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src" not in policy and "unsafe-inline" not in policy
    assert policy.startswith("default-src 'none'")
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in page.text and "style=" not in page.text
    api = await client.get("/api/v1/units")
    assert api.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    css = await client.get(page.text.split('rel="stylesheet" href="')[1].split('"')[0])
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "max-age" in css.headers["cache-control"] and "@media print" in css.text


async def test_english_on_asking_and_remembered_by_a_cookie(client: httpx.AsyncClient) -> None:
    asked = await client.get("/tra-cuu", params={"lang": "en"})
    assert "Check your dossier" in asked.text and '<html lang="en">' in asked.text
    assert "lang=en" in asked.headers["set-cookie"]
    remembered = await client.get("/tra-cuu")  # the client kept the cookie
    assert "Check your dossier" in remembered.text
    back = await client.get("/tra-cuu", params={"lang": "vi"})
    assert "Tra cứu tình trạng hồ sơ" in back.text


async def test_the_auditors_page_names_the_officers_roles(client: httpx.AsyncClient) -> None:
    receipt = await travelled(client)
    path = f"/can-bo/ho-so/{receipt['id']}"
    page = await client.get(path, headers=bearer(Role.AUDITOR, PROVINCE))
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert page.text.count('<g class="handoff">') == 3
    assert all(role in page.text for role in ("Cán bộ một cửa", "Chuyên viên", "Lãnh đạo"))
    assert f"leader@{PROVINCE}" in page.text  # in the event log
    nobody = await client.get(path)
    assert nobody.status_code == 401 and 'name="token"' in nobody.text
    assert '<form method="post" action="/can-bo/ho-so/' not in page.text  # reads only
    clerk = await client.get(path, headers=bearer(Role.CLERK))
    assert clerk.status_code == 200  # the desk's page: the clerk returns the result
    assert f'action="{path}/return_result"' in clerk.text
    out_of_scope = await client.get(path, headers=bearer(Role.AUDITOR, "082"))
    assert out_of_scope.status_code == 404


async def test_signing_in_keeps_the_token_in_a_strict_http_only_cookie(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    token = bearer(Role.AUDITOR, PROVINCE)["Authorization"].removeprefix("Bearer ")
    path = f"/can-bo/ho-so/{receipt['id']}"
    csrf = csrf_of(await client.get("/can-bo/dang-nhap"))
    sign_in = {"token": token, "next": path, "csrf": csrf}
    signed_in = await client.post("/can-bo/dang-nhap", data=sign_in)
    assert signed_in.status_code == 303 and signed_in.headers["location"] == path
    cookie = signed_in.headers["set-cookie"].lower()
    assert all(
        part in cookie for part in ("httponly", "samesite=strict", "path=/can-bo", "max-age=1800")
    )
    page = await client.get(path)
    assert page.status_code == 200
    # Each sign-in form's token serves once: the session replaces it.
    sign_in["csrf"] = csrf_of(await client.get("/can-bo/dang-nhap"))
    elsewhere = await client.post("/can-bo/dang-nhap", data={**sign_in, "next": "//evil.example/"})
    sign_in["csrf"] = csrf_of(await client.get("/can-bo/dang-nhap"))
    assert elsewhere.headers["location"] == "/can-bo/ho-so"
    refused = await client.post("/can-bo/dang-nhap", data={**sign_in, "token": "not-a-token"})
    assert refused.status_code == 401 and "Mã truy cập không hợp lệ" in refused.text
    forged = await client.post("/can-bo/dang-nhap", data={**sign_in, "csrf": "another"})
    assert forged.status_code == 403  # a sign-in another site posted
    assert (await client.post("/can-bo/dang-xuat")).status_code == 403  # no CSRF token
    signed_out = await client.post("/can-bo/dang-xuat", data={"csrf": csrf_of(page)})
    assert signed_out.status_code == 303
    assert (await client.get(path)).status_code == 401


async def test_the_clerk_prints_the_receipt_from_the_filing_answer(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    printed = await client.post("/can-bo/bien-nhan", json=receipt, headers=bearer(Role.CLERK))
    assert printed.status_code == 200 and printed.headers["cache-control"] == "no-store"
    html = printed.text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in html
    assert receipt["code"] in html and receipt["lookup_secret"] in html
    assert "12/02/2021" in html and "Nguyễn Thị Mai" in html and "Phường Cốc Lếu" in html
    assert "http://motcua.test/tra-cuu" in html
    forged = {**receipt, "lookup_secret": "WRONG22222"}
    refused = await client.post("/can-bo/bien-nhan", json=forged, headers=bearer(Role.CLERK))
    assert refused.status_code == 404 and "WRONG22222" not in refused.text
    form = await client.post(
        "/can-bo/bien-nhan",
        data={"code": receipt["code"], "secret": receipt["lookup_secret"]},
        headers=bearer(Role.CLERK),
    )
    assert form.status_code == 200 and receipt["lookup_secret"] in form.text
    auditor = await client.post("/can-bo/bien-nhan", json=receipt, headers=bearer(Role.AUDITOR))
    assert auditor.status_code == 403


async def test_the_receipt_page_links_its_pdf_the_very_bytes_the_api_serves(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    printed = await client.post("/can-bo/bien-nhan", json=receipt, headers=bearer(Role.CLERK))
    link = f"/can-bo/ho-so/{receipt['id']}/mau/01"
    assert f'href="{link}"' in printed.text
    pdf = await client.get(link, headers=bearer(Role.CLERK))
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    api = await client.get(f"/api/v1/dossiers/{receipt['id']}/forms/01", headers=bearer(Role.CLERK))
    assert pdf.content == api.content
    # Signed out, the page asks to sign in; out of scope, nothing is there.
    assert (await client.get(link)).status_code == 401
    elsewhere = await client.get(link, headers=bearer(Role.CLERK, KIM_TAN))
    assert elsewhere.status_code == 404 and "text/html" in elsewhere.headers["content-type"]


async def test_a_permit_check_shows_its_status_and_a_qr_code_of_its_own_address(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client, CITY, procedure_code=PERMIT)
    terms = {"holder": "Lò Văn Pả", "scope": "Nhà ở 3 tầng", "valid_from": "2021-01-20"}
    approval = {"permit": {**terms, "valid_until": "2022-01-19"}}
    approved = await act(client, receipt, "approve", {"result": approval}, Role.LEADER, CITY)
    assert approved.json()["result"]["permit_number"] == NUMBER
    page = await client.get(f"/giay-phep/{NUMBER}", params={"lang": "vi"})
    assert page.status_code == 200
    assert "Còn hiệu lực" in page.text and "20/01/2021" in page.text
    assert str(qr_svg(f"http://motcua.test/giay-phep/{NUMBER}")) in page.text
    assert "Lò Văn Pả" not in page.text  # the public check names no holder
    missing = await client.get("/giay-phep/GPXD-000-000000-0000")
    assert missing.status_code == 404 and "Không có giấy phép nào mang số này" in missing.text
    form = await client.get("/giay-phep")
    assert form.status_code == 200 and 'name="so"' in form.text
    typed = await client.get("/giay-phep", params={"so": NUMBER})
    assert typed.status_code == 303 and typed.headers["location"] == f"/giay-phep/{NUMBER}"
