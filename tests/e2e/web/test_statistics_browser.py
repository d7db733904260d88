"""``/thong-ke`` in a real browser: anyone reads the figures, picks a unit and a period, and
sees what officers get from ``GET /api/v1/stats`` for them.

The server's real clock runs: the dossiers are filed and decided today, this month.
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
from tests.e2e.api import bearer
from tests.e2e.statistics_support import summed
from tests.e2e.web.test_web_browser import DESKTOP, act, file
from tests.examples import BIRTH, PROVINCE

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def busy_communes(api: httpx.Client) -> list[str]:
    """In the first communes of four districts, births registered and signed: more of
    them further down the list, and in every other district one signed after an apology
    (late, whatever the new date)."""
    units = api.get("/units").json()["items"]
    districts = [unit["code"] for unit in units if unit["parent"] == PROVINCE][:4]
    communes = [next(u["code"] for u in units if u["parent"] == d) for d in districts]
    for index, commune in enumerate(communes):
        for number in range(index + 2):
            receipt = file(api, commune, procedure_code=BIRTH)
            if index % 2 and number == 0:
                later = date.fromisoformat(receipt["due_date"]) + timedelta(days=7)
                apology = {"reason": "Cần xác minh", "new_due_date": later.isoformat()}
                act(api, receipt, "apologize", apology, Role.LEADER, commune)
            act(api, receipt, "approve", {"result": {"so": str(number)}}, Role.LEADER, commune)
    return districts


def shown(page: Page, table_id: str) -> dict[str, dict[str, Any]]:
    """A figures table as the browser has it: each row's values, by unit or procedure."""
    found = {}
    for row in page.locator(f"#{table_id} tbody tr").all():
        values = [cell.get_attribute("data-value") for cell in row.locator("td").all()]
        received, resolved, late, rate = values
        found[str(row.get_attribute("data-code"))] = {
            "received": int(str(received)),
            "resolved": int(str(resolved)),
            "resolved_late": int(str(late)),
            "on_time_rate": float(rate) if rate else None,
        }
    return found


def from_api(api: httpx.Client, units: list[str], period: str = "") -> dict[str, Any]:
    auditor = bearer(Role.AUDITOR, PROVINCE)
    return {
        unit: summed(api.get(f"/stats?unit={unit}{period}", headers=auditor).json()["rows"])
        for unit in units
    }


def test_anyone_reads_the_figures_of_a_unit_and_they_are_the_apis(
    page: Page, api: httpx.Client, screenshots: Path
) -> None:
    districts = busy_communes(api)
    page.set_viewport_size(DESKTOP)
    page.goto("/thong-ke")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thống kê giải quyết hồ sơ")
    expect(page.get_by_role("link", name="Thống kê")).to_have_attribute("aria-current", "page")
    by_unit = page.get_by_role("img", name="Tỷ lệ giải quyết đúng hạn theo đơn vị")
    expect(by_unit.locator("g.bar")).to_have_count(9)  # the province's districts
    everywhere = shown(page, "by-unit-table")
    assert everywhere == from_api(api, list(everywhere))
    # The first district is the city, where other tests file too; the next ones are ours.
    assert [everywhere[code]["on_time_rate"] for code in districts[1:]] == [
        round(2 / 3, 4),  # one of three signed late
        1.0,
        0.8,
    ]
    page.screenshot(path=screenshots / "thong-ke.png", full_page=True)

    # A district, for this month so far: its communes, as the API counts them.
    page.get_by_label("Đơn vị", exact=True).select_option(districts[1])
    today = date.fromisoformat(page.get_by_label("Đến ngày").input_value())
    first = today.replace(day=1)
    page.get_by_label("Từ ngày").fill(first.isoformat())
    page.get_by_role("button", name="Xem thống kê").click()
    address = f"/thong-ke[?]don-vi={districts[1]}&tu={first}&den={today}$"
    expect(page).to_have_url(re.compile(address))
    communes = shown(page, "by-unit-table")
    period = f"&from={first}&to={today}"
    assert communes == from_api(api, list(communes), period)
    assert sum(figures["resolved"] for figures in communes.values()) >= 3
    procedures = shown(page, "by-procedure-table")
    rows = api.get(f"/stats?unit={districts[1]}{period}", headers=bearer(Role.AUDITOR, PROVINCE))
    assert procedures == {row["procedure"]: summed([row]) for row in rows.json()["rows"]}
