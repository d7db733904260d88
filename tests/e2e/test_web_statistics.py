"""``/thong-ke`` over HTTP: the public figures are the API's own, for the same unit and
period, and hold no one's data."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from domain.shared import Role
from interfaces.bootstrap import App
from tests.e2e.api import E2E, bearer
from tests.e2e.statistics_support import a_morning_at_two_communes, summed, table, tiles
from tests.examples import BIRTH, CITY, COC_LEU, KIM_TAN, MERIT, PROVINCE

pytestmark = E2E


@pytest.fixture
async def morning(app: App, client: httpx.AsyncClient) -> None:
    await a_morning_at_two_communes(client)
    await app.projections.wait_for()


async def api_rows(client: httpx.AsyncClient, query: str) -> list[dict[str, Any]]:
    answer = await client.get(f"/api/v1/stats?{query}", headers=bearer(Role.AUDITOR, PROVINCE))
    assert answer.status_code == 200, answer.text
    rows: list[dict[str, Any]] = answer.json()["rows"]
    return rows


@pytest.mark.usefixtures("morning")
async def test_the_page_shows_the_apis_figures_for_the_same_unit_and_period(
    app: App, client: httpx.AsyncClient
) -> None:
    for unit, period in [(CITY, ""), (COC_LEU, "&tu=2021-01-01&den=2021-01-31"), (PROVINCE, "")]:
        page = await client.get(f"/thong-ke?don-vi={unit}{period}")
        assert page.status_code == 200
        api_period = period.replace("tu=", "from=").replace("den=", "to=")
        rows = await api_rows(client, f"unit={unit}{api_period}")
        # By procedure: each of the API's rows.
        assert table(page.text, "by-procedure-table") == {
            row["procedure"]: summed([row]) for row in rows
        }
        # By unit: each unit right below, as the API reports it.
        below = [u.code for u in app.units if u.parent == unit] or [unit]
        expected = {
            code: summed(await api_rows(client, f"unit={code}{api_period}")) for code in below
        }
        assert table(page.text, "by-unit-table") == expected
        assert tiles(page.text)["received"] == str(summed(rows)["received"])

    city = await client.get(f"/thong-ke?don-vi={CITY}")
    # Two births in the city, one resolved on time, one withdrawn; two merit dossiers open.
    assert tiles(city.text) == {
        "received": "4",
        "resolved": "1",
        "resolved_late": "0",
        "in_processing_overdue": "0",
        "on_time_rate": "100%",
    }
    assert table(city.text, "by-unit-table")[KIM_TAN]["on_time_rate"] is None
    assert set(table(city.text, "by-procedure-table")) == {BIRTH, MERIT}
    assert "Đăng ký khai sinh" in city.text  # procedures by name
    for personal in ("Nguyễn Thị Mai", "010203004005", "0912345678"):
        assert personal not in city.text


async def test_the_default_is_the_whole_province_this_month(client: httpx.AsyncClient) -> None:
    page = await client.get("/thong-ke")
    assert page.status_code == 200
    assert 'aria-current="page">Thống kê' in page.text
    assert 'value="2021-01-01"' in page.text and 'value="2021-01-11"' in page.text
    assert '<option value="10" selected>' in page.text
    assert page.text.count('<g class="bar">') == 9  # the province's districts
    english = await client.get("/thong-ke", params={"lang": "en"})
    assert "On-time rate by unit" in english.text


async def test_a_wrong_period_or_unit_gets_the_form_back_with_a_notice(
    client: httpx.AsyncClient,
) -> None:
    for query, status, notice in [
        ("tu=2021-01-20&den=2021-01-10", 422, "Khoảng thời gian chưa hợp lệ"),
        ("tu=20/01/2021", 422, "Khoảng thời gian chưa hợp lệ"),
        ("don-vi=99999", 404, "Không có đơn vị này"),
    ]:
        page = await client.get(f"/thong-ke?{query}")
        assert page.status_code == status, query
        assert notice in page.text and 'name="don-vi"' in page.text
        assert '<g class="bar">' not in page.text
