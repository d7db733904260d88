"""The pages in a real browser (Chromium), as a citizen, an auditor and a clerk use them.

Each test files its own dossier through the API, on the server's real clock.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from domain.shared import Role
from tests.e2e.api import BODY, bearer
from tests.examples import CITY, COC_LEU, PERMIT, PROVINCE

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
DESKTOP = {"width": 1280, "height": 900}
A4_AT_96_DPI = {"width": 794, "height": 1123}
WIDE = {"width": 1600, "height": 900}


def file(api: httpx.Client, unit: str = COC_LEU, **overrides: Any) -> dict[str, Any]:
    answer = api.post("/dossiers", json={**BODY, **overrides}, headers=bearer(Role.CLERK, unit))
    assert answer.status_code == 201, answer.text
    receipt: dict[str, Any] = answer.json()
    return receipt


def act(
    api: httpx.Client,
    dossier: dict[str, Any],
    action: str,
    body: dict[str, Any],
    role: Role,
    unit: str = COC_LEU,
) -> None:
    answer = api.post(f"/dossiers/{dossier['id']}/{action}", json=body, headers=bearer(role, unit))
    assert answer.status_code == 200, answer.text


def travelled(api: httpx.Client) -> dict[str, Any]:
    """The README walk-through: commune → district → province decides → back, returned."""
    receipt = file(api, procedure_code="LC.NCC.TCUD")
    act(api, receipt, "transfer", {"to_unit": CITY, "note": "Đề nghị thẩm định"}, Role.CLERK)
    act(api, receipt, "transfer", {"to_unit": PROVINCE}, Role.SPECIALIST, CITY)
    act(
        api,
        receipt,
        "approve",
        {"result": {"decision": "QĐ 123/QĐ-SLĐTBXH"}},
        Role.LEADER,
        PROVINCE,
    )
    act(api, receipt, "return-result", {"channel": "desk"}, Role.CLERK)
    return receipt


def waited_and_apologised(api: httpx.Client) -> dict[str, Any]:
    """The same route, with a wait for a missing paper at the district and, at the
    province, an apology with a new appointment before the decision."""
    receipt = file(api, procedure_code="LC.NCC.TCUD")
    act(api, receipt, "transfer", {"to_unit": CITY}, Role.CLERK)
    asked = {"reason": "Thiếu bản sao CCCD", "documents": ["Bản sao CCCD"]}
    act(api, receipt, "request-supplement", asked, Role.SPECIALIST, CITY)
    act(api, receipt, "supplement", {"documents": [{"name": "Bản sao CCCD"}]}, Role.CLERK)
    act(api, receipt, "transfer", {"to_unit": PROVINCE}, Role.SPECIALIST, CITY)
    later = (date.fromisoformat(receipt["due_date"]) + timedelta(days=14)).isoformat()
    apology = {"reason": "Cần xác minh thêm", "new_due_date": later}
    act(api, receipt, "apologize", apology, Role.LEADER, PROVINCE)
    act(api, receipt, "approve", {"result": {"decision": "QĐ 124"}}, Role.LEADER, PROVINCE)
    return receipt


def look_up(page: Page, code: str, secret: str) -> None:
    page.goto("/tra-cuu")
    page.get_by_label("Mã hồ sơ").fill(code)
    page.get_by_label("Mã bí mật tra cứu").fill(secret)
    page.get_by_role("button", name="Tra cứu").click()


def token(role: Role, unit: str) -> str:
    return bearer(role, unit)["Authorization"].removeprefix("Bearer ")


def test_a_citizen_types_the_code_and_secret_and_reads_the_status(
    page: Page, api: httpx.Client, screenshots: Path
) -> None:
    receipt = file(api)
    page.goto("/tra-cuu")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tra cứu tình trạng hồ sơ")
    page.screenshot(path=screenshots / "tra-cuu.png", full_page=True)
    look_up(page, receipt["code"], receipt["lookup_secret"])
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ {receipt['code']}")
    # Vietnamese with its diacritics, as the citizen reads it.
    expect(page.locator(".status-words")).to_have_text("Đang giải quyết")
    expect(page.locator(".badge")).to_have_text("Trong hạn")
    due = receipt["due_date"]
    expect(page.locator("dd.appointment")).to_have_text(f"{due[8:10]}/{due[5:7]}/{due[:4]}")
    expect(page.locator("table.timeline tbody tr")).to_have_count(2)
    expect(page.get_by_role("img", name="Hành trình của hồ sơ")).to_be_visible()
    page.screenshot(path=screenshots / "tra-cuu-ket-qua.png", full_page=True)


def test_a_wrong_secret_gets_the_polite_not_found_message(
    page: Page, api: httpx.Client, screenshots: Path
) -> None:
    receipt = file(api)
    look_up(page, receipt["code"], "SAIMA22222")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Không tìm thấy hồ sơ")
    expect(alert).to_contain_text("Vui lòng đối chiếu lại với giấy tiếp nhận")
    page.screenshot(path=screenshots / "tra-cuu-khong-tim-thay.png", full_page=True)


def test_the_journey_draws_one_arrow_per_hand_off(
    page: Page, api: httpx.Client, screenshots: Path
) -> None:
    receipt = travelled(api)
    page.set_viewport_size(DESKTOP)
    look_up(page, receipt["code"], receipt["lookup_secret"])
    expect(page.locator(".status-words")).to_have_text("Đã trả kết quả")
    diagram = page.locator("svg.journey-diagram")
    # Commune → district, district → province, province → back to the commune.
    expect(diagram.locator("g.handoff")).to_have_count(3)
    expect(diagram.locator("g.handoff line[marker-end]")).to_have_count(3)
    expect(diagram.locator("g.lane")).to_have_count(3)
    expect(diagram.locator("g.lane text")).to_contain_text(
        ["Cấp xã", "Phường Cốc Lếu", "Cấp huyện", "Thành phố Lào Cai", "Cấp tỉnh", "Tỉnh Lào Cai"]
    )
    expect(diagram.locator("g.appointment")).to_have_count(1)
    for arrow in diagram.locator("g.handoff line").all():
        box = arrow.bounding_box()
        assert box is not None and box["height"] > 40  # drawn across a lane, not collapsed
    page.screenshot(path=screenshots / "hanh-trinh.png", full_page=True)


def test_the_lookup_works_from_the_keyboard_alone(page: Page, api: httpx.Client) -> None:
    receipt = file(api)
    page.goto("/tra-cuu")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, tới nội dung chính")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # hidden until focused, then shown
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Mã hồ sơ")).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # the focus is visible
    page.keyboard.type(receipt["code"])
    page.keyboard.press("Tab")
    page.keyboard.type(receipt["lookup_secret"])
    page.keyboard.press("Enter")
    expect(page.locator(".status-words")).to_have_text("Đang giải quyết")


def test_english_is_one_click_away_and_stays(page: Page, screenshots: Path) -> None:
    page.goto("/tra-cuu")
    page.get_by_role("link", name="Switch to English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your dossier")
    expect(page.get_by_label("Lookup secret")).to_be_visible()
    page.screenshot(path=screenshots / "tra-cuu-en.png", full_page=True)
    page.goto("/can-bo/dang-nhap")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff sign-in")


def test_an_auditor_signs_in_and_reads_the_journey_with_the_officers_roles(
    page: Page, api: httpx.Client, screenshots: Path
) -> None:
    receipt = waited_and_apologised(api)
    page.set_viewport_size(WIDE)
    page.goto(f"/can-bo/ho-so/{receipt['id']}")
    page.get_by_label("Mã truy cập").fill(token(Role.AUDITOR, PROVINCE))
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(f"/can-bo/ho-so/{receipt['id']}$"))
    diagram = page.locator("svg.journey-diagram")
    handoffs = diagram.locator("g.handoff")
    expect(handoffs).to_have_count(3)
    expect(handoffs.locator("text")).to_contain_text(["Cán bộ một cửa", "Chuyên viên", "Lãnh đạo"])
    expect(diagram.locator("g.pause")).to_have_count(1)  # the wait at the district, shaded
    expect(diagram.locator("g.appointment.renewed")).to_contain_text("Hẹn lại")
    expect(page.locator("table.timeline tbody tr")).to_have_count(8)
    expect(page.locator("table.timeline")).to_contain_text(f"specialist@{CITY}")
    page.screenshot(path=screenshots / "can-bo-ho-so.png", full_page=True)


def test_the_clerk_prints_the_receipt_and_appointment_slip(
    page: Page, api: httpx.Client, screenshots: Path
) -> None:
    receipt = file(api)
    page.set_viewport_size(A4_AT_96_DPI)
    page.goto("/can-bo/bien-nhan")
    page.get_by_label("Mã truy cập").fill(token(Role.CLERK, COC_LEU))
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Mã hồ sơ").fill(receipt["code"])
    page.get_by_label("Mã bí mật tra cứu").fill(receipt["lookup_secret"])
    page.get_by_role("button", name="Xem bản in").click()
    slip = page.locator("article.slip")
    expect(slip.get_by_role("heading", level=1)).to_have_text(
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    )
    expect(slip.locator(".secret")).to_have_text(receipt["lookup_secret"])
    page.emulate_media(media="print")
    expect(page.locator("header.site")).to_be_hidden()  # printed: the slip alone
    expect(slip).to_be_visible()
    page.screenshot(path=screenshots / "bien-nhan.png", full_page=True)


def test_anyone_checks_a_permit_and_finds_its_qr_code(
    page: Page, api: httpx.Client, screenshots: Path
) -> None:
    receipt = file(api, CITY, procedure_code=PERMIT)
    terms = {
        "holder": "Lò Văn Pả",
        "scope": "Nhà ở riêng lẻ 3 tầng",
        "valid_from": receipt["due_date"],
        "valid_until": "2099-12-31",
    }
    act(api, receipt, "approve", {"result": {"permit": terms}}, Role.LEADER, CITY)
    number = f"GPXD-{receipt['code']}"
    page.goto("/giay-phep")
    page.get_by_label("Số giấy phép").fill(number)
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Giấy phép số {number}")
    expect(page.locator(".status-words")).to_have_text("Còn hiệu lực")
    qr = page.get_by_role("img", name="Mã QR dẫn tới trang kiểm tra này")
    expect(qr).to_be_visible()
    box = qr.locator("svg").bounding_box()
    assert box is not None and box["width"] >= 100  # big enough to scan off a screen
    expect(page.locator(".qr figcaption")).to_contain_text(page.url)
    page.screenshot(path=screenshots / "giay-phep.png", full_page=True)
