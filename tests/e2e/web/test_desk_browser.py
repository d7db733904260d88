"""The officer's desk in a real browser (Chromium, locale vi-VN), through the pages alone:
a clerk receives a walk-in citizen and prints the slip; the commune → district →
province journey is walked by three officers; a stale form gets the conflict page; a
form without its CSRF token is refused; another unit's officer finds nothing. axe-core
checks each page against WCAG 2.1 AA, contrast included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from domain.shared import Role
from tests.e2e.web.axe import axe_source, violations
from tests.e2e.web.test_web_browser import act, file, token
from tests.examples import CITY, COC_LEU, MERIT, PROVINCE

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
DESKTOP = {"width": 1280, "height": 900}
A4_AT_96_DPI = {"width": 794, "height": 1123}
MOST_BYTES = 100 * 1024


@pytest.fixture
def officers(browser: Browser, base_url: str) -> Iterator[list[BrowserContext]]:
    """Each officer at their own PC: a browser context in Vietnamese, on a desktop screen."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def at_desk(browser: Browser, base_url: str, opened: list[BrowserContext], **extra: object) -> Page:
    context = browser.new_context(
        base_url=base_url, viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **extra
    )
    context.set_default_timeout(15_000)
    opened.append(context)
    return context.new_page()


def sign_in(page: Page, role: Role, unit: str) -> None:
    page.goto("/can-bo/dang-nhap?next=/can-bo/hop-thu")
    page.get_by_label("Mã truy cập").fill(token(role, unit))
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hộp thư hồ sơ")


def run(page: Page, action: str) -> None:
    """Open an action's form (if closed) and submit it."""
    details = page.locator(f"#act-{action}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    details.locator("button[type=submit]").click()


def open_from_inbox(page: Page, code: str) -> None:
    page.goto("/can-bo/hop-thu")
    page.get_by_role("link", name=code).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ {code}")


def receive_walk_in(page: Page) -> str:
    page.goto("/can-bo/tiep-nhan")
    page.get_by_label("Tìm thủ tục theo tên").fill("nguoi co cong")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.get_by_label("Thủ tục hành chính").select_option(MERIT)
    page.get_by_label("Họ và tên").fill("Lò Thị Dung")
    page.get_by_label("Số CCCD (12 chữ số)").fill("011223344556")
    page.get_by_label("Số điện thoại (nếu có)").fill("0987654321")
    page.get_by_label("Thành phần hồ sơ, mỗi dòng một giấy tờ").fill("Bản khai\nBản sao CCCD")
    page.get_by_role("button", name="Tiếp nhận và in giấy hẹn").click()
    slip = page.locator("article.slip")
    expect(slip.get_by_role("heading", level=1)).to_have_text(
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    )
    return slip.locator("dd.code").first.inner_text()


def test_a_clerk_receives_a_walk_in_citizen_and_prints_the_slip(
    browser: Browser, base_url: str, officers: list[BrowserContext], screenshots: Path
) -> None:
    page = at_desk(browser, base_url, officers)
    sign_in(page, Role.CLERK, COC_LEU)
    page.goto("/can-bo/tiep-nhan")
    # A mistake first: said next to its field, and nothing typed is lost.
    page.get_by_label("Thủ tục hành chính").select_option(MERIT)
    page.get_by_label("Họ và tên").fill("Lò Thị Dung")
    page.get_by_label("Số CCCD (12 chữ số)").fill("01122334")
    page.get_by_label("Số CCCD (12 chữ số)").evaluate("input => input.removeAttribute('maxlength')")
    page.get_by_role("button", name="Tiếp nhận và in giấy hẹn").click()
    expect(page.locator("#applicant-citizen_id-error")).to_have_text(
        "Số căn cước công dân gồm đúng 12 chữ số."
    )
    expect(page.get_by_label("Họ và tên")).to_have_value("Lò Thị Dung")
    expect(page.get_by_label("Số CCCD (12 chữ số)")).to_have_attribute("aria-invalid", "true")
    page.screenshot(path=screenshots / "can-bo-tiep-nhan-loi.png", full_page=True)
    code = receive_walk_in(page)
    assert re.fullmatch(rf"{COC_LEU}-\d{{6}}-\d{{4}}", code)
    page.set_viewport_size(A4_AT_96_DPI)
    page.emulate_media(media="print")
    expect(page.locator("header.site")).to_be_hidden()  # printed: the slip alone
    expect(page.locator("article.slip")).to_contain_text("Lò Thị Dung")
    page.screenshot(path=screenshots / "can-bo-tiep-nhan-bien-nhan.png", full_page=True)


def test_three_officers_walk_the_journey_commune_district_province_through_the_pages(
    browser: Browser, base_url: str, officers: list[BrowserContext], screenshots: Path
) -> None:
    clerk = at_desk(browser, base_url, officers)
    sign_in(clerk, Role.CLERK, COC_LEU)
    code = receive_walk_in(clerk)
    open_from_inbox(clerk, code)
    expect(clerk.locator("#act-transfer select")).to_contain_text("Thành phố Lào Cai")
    run(clerk, "transfer")
    expect(clerk.get_by_role("status")).to_have_text("Đã ghi nhận: Chuyển bước tiếp theo.")

    specialist = at_desk(browser, base_url, officers)
    sign_in(specialist, Role.SPECIALIST, CITY)
    expect(specialist.get_by_role("link", name=code)).to_be_visible()
    specialist.screenshot(path=screenshots / "can-bo-hop-thu.png", full_page=True)
    open_from_inbox(specialist, code)
    expect(specialist.locator("#act-transfer select")).to_contain_text("Tỉnh Lào Cai")
    run(specialist, "transfer")

    leader = at_desk(browser, base_url, officers)
    sign_in(leader, Role.LEADER, PROVINCE)
    open_from_inbox(leader, code)
    leader.locator("#act-approve summary").click()
    leader.get_by_label("Số, ký hiệu văn bản kết quả").fill("QĐ 125/QĐ-SLĐTBXH")
    leader.screenshot(path=screenshots / "can-bo-ho-so-thao-tac.png", full_page=True)
    run(leader, "approve")
    expect(leader.locator(".status-words")).to_have_text("Đã có kết quả")

    open_from_inbox(clerk, code)  # back at the commune's desk
    run(clerk, "return_result")
    expect(clerk.locator(".status-words")).to_have_text("Đã trả kết quả")
    diagram = clerk.locator("svg.journey-diagram")
    expect(diagram.locator("g.handoff")).to_have_count(3)
    expect(clerk.locator("table.timeline tbody tr")).to_have_count(6)
    clerk.screenshot(path=screenshots / "can-bo-ho-so-da-tra.png", full_page=True)


def test_a_stale_form_gets_the_changed_meanwhile_page(
    browser: Browser,
    base_url: str,
    officers: list[BrowserContext],
    api: httpx.Client,
    screenshots: Path,
) -> None:
    receipt = file(api)
    page = at_desk(browser, base_url, officers)
    sign_in(page, Role.CLERK, COC_LEU)
    page.goto(f"/can-bo/ho-so/{receipt['id']}")
    page.locator("#act-withdraw summary").click()
    page.locator("#withdraw-reason").fill("Công dân đề nghị rút")
    # Meanwhile a colleague asks the citizen for a document.
    asked = {"reason": "Thiếu giấy", "documents": ["Bản sao CCCD"]}
    act(api, receipt, "request-supplement", asked, Role.CLERK)
    run(page, "withdraw")
    expect(page.get_by_role("alert")).to_contain_text("Hồ sơ vừa được thay đổi")
    expect(page.locator(".status-words")).to_have_text("Chờ bổ sung hồ sơ")
    expect(page.locator("#withdraw-reason")).to_have_value("Công dân đề nghị rút")
    page.screenshot(path=screenshots / "can-bo-xung-dot.png", full_page=True)


def test_a_form_without_its_csrf_token_is_refused(
    browser: Browser, base_url: str, officers: list[BrowserContext], api: httpx.Client
) -> None:
    receipt = file(api)
    page = at_desk(browser, base_url, officers)
    sign_in(page, Role.CLERK, COC_LEU)
    page.goto(f"/can-bo/ho-so/{receipt['id']}")
    page.evaluate("document.querySelectorAll('input[name=csrf]').forEach(i => i.remove())")
    run(page, "transfer")
    expect(page.get_by_role("alert")).to_contain_text("Biểu mẫu đã hết hạn hoặc không hợp lệ")
    page.goto(f"/can-bo/ho-so/{receipt['id']}")
    expect(page.locator(".status-words")).to_have_text("Đang giải quyết")
    expect(page.locator("table.timeline tbody tr")).to_have_count(2)  # nothing transferred


def test_an_officer_of_another_unit_gets_the_not_found_page(
    browser: Browser, base_url: str, officers: list[BrowserContext], api: httpx.Client
) -> None:
    receipt = file(api)
    page = at_desk(browser, base_url, officers)
    sign_in(page, Role.CLERK, "02647")
    answer = page.goto(f"/can-bo/ho-so/{receipt['id']}")
    assert answer is not None and answer.status == 404
    expect(page.get_by_role("alert")).to_have_text("Không tìm thấy nội dung yêu cầu.")


def test_the_desk_pages_pass_axe_are_small_and_read_dates_dd_mm_yyyy(
    browser: Browser, base_url: str, officers: list[BrowserContext], api: httpx.Client
) -> None:
    source = axe_source()
    receipt = file(api)
    act(api, receipt, "transfer", {"to_unit": CITY}, Role.CLERK)
    act(api, receipt, "transfer", {"to_unit": PROVINCE}, Role.SPECIALIST, CITY)
    page = at_desk(browser, base_url, officers, bypass_csp=True)  # to inject axe only
    sign_in(page, Role.LEADER, PROVINCE)
    due = receipt["due_date"]
    for path in ("/can-bo/hop-thu", f"/can-bo/ho-so/{receipt['id']}", "/can-bo/hop-thu?lang=en"):
        answer = page.goto(path)
        assert answer is not None and len(answer.body()) <= MOST_BYTES, path
        page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
        assert violations(page, source) == [], path
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbox")  # ?lang=en
    page.goto(f"/can-bo/ho-so/{receipt['id']}?lang=vi")
    expect(page.locator("dd.appointment")).to_have_text(f"{due[8:10]}/{due[5:7]}/{due[:4]}")
    date_box = page.locator("#apologize-new_due_date")
    assert date_box.evaluate("box => box.type") == "text"  # not the browser's own date format
    expect(date_box).to_have_attribute("placeholder", "dd/mm/yyyy")
    intake = at_desk(browser, base_url, officers, bypass_csp=True)
    sign_in(intake, Role.CLERK, COC_LEU)
    answer = intake.goto("/can-bo/tiep-nhan")
    assert answer is not None and len(answer.body()) <= MOST_BYTES
    assert violations(intake, source) == []


def test_a_clerk_receives_with_the_keyboard_alone(
    browser: Browser, base_url: str, officers: list[BrowserContext]
) -> None:
    page = at_desk(browser, base_url, officers)
    sign_in(page, Role.CLERK, COC_LEU)
    page.goto("/can-bo/tiep-nhan?tim=tro+cap+uu+dai")
    page.get_by_label("Thủ tục hành chính").focus()
    page.keyboard.press("ArrowDown")
    for text in ("Lò Văn Sáng", "011223344557", "0987654322", "Tổ 5, Cốc Lếu"):
        page.keyboard.press("Tab")
        page.keyboard.type(text)
    page.keyboard.press("Tab")
    page.keyboard.type("Bản khai")
    expect(page.locator(":focus")).to_have_attribute("name", "documents")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # the focus is visible
    page.keyboard.press("Tab")  # the channel
    page.keyboard.press("Tab")  # the button
    page.keyboard.press("Enter")
    expect(page.locator("article.slip")).to_contain_text("Lò Văn Sáng")


def test_an_officer_acts_on_a_dossier_with_the_keyboard_alone(
    browser: Browser, base_url: str, officers: list[BrowserContext], api: httpx.Client
) -> None:
    receipt = file(api)
    page = at_desk(browser, base_url, officers)
    sign_in(page, Role.CLERK, COC_LEU)
    page.goto(f"/can-bo/ho-so/{receipt['id']}")
    summary = page.locator("#act-request_supplement summary")
    summary.focus()  # reached with Tab like any control; opened with Enter
    page.keyboard.press("Enter")
    expect(page.locator("#act-request_supplement")).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("name", "reason")
    page.keyboard.type("Thiếu bản sao CCCD")
    page.keyboard.press("Tab")
    page.keyboard.type("Bản sao CCCD")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Đã ghi nhận: Yêu cầu bổ sung hồ sơ.")
    expect(page.locator(".status-words")).to_have_text("Chờ bổ sung hồ sơ")
