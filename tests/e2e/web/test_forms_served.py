"""The forms as the running server serves them (real clock, SQLite, uvicorn): page 1 of
each, read back by poppler, goes to ``$MOTCUA_SCREENSHOTS/forms-0N.png`` (``docs/screenshots``
refreshes the README's pictures), else to a temporary folder."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from domain.dossiers.dossier import Dossier
from domain.shared import Role
from tests.e2e.api import BODY, bearer
from tests.e2e.web.conftest import SixYearsEarlier
from tests.examples import CITY, COC_LEU
from tests.poppler import Poppler, ensure_poppler

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _ok(answer: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _act(api: httpx.Client, dossier: dict[str, Any], action: str, body: Any, role: Role) -> None:
    path = f"/dossiers/{dossier['id']}/{action}"
    _ok(api.post(path, json=body, headers=bearer(role, COC_LEU)))


def _served(api: httpx.Client, dossier: dict[str, Any], number: str) -> bytes:
    answer = api.get(f"/dossiers/{dossier['id']}/forms/{number}", headers=bearer(Role.CLERK))
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    return answer.content


def test_page_one_of_each_served_form_as_a_picture(
    api: httpx.Client, screenshots: Path, tmp_path: Path
) -> None:
    ensure_poppler()
    poppler = Poppler(tmp_path)
    # One journey that issues 01, 02 and 04 and is then stopped (05); one online filing
    # refused at intake (03); the control slip (06) and the unit's log book (07).
    journey = _ok(api.post("/dossiers", json=BODY, headers=bearer(Role.CLERK)), 201)
    ask = {"reason": "Thiếu bản sao giấy khai sinh", "documents": ["Bản sao giấy khai sinh"]}
    _act(api, journey, "request-supplement", ask, Role.CLERK)
    _act(
        api, journey, "supplement", {"documents": [{"name": "Bản sao giấy khai sinh"}]}, Role.CLERK
    )
    due = datetime.fromisoformat(journey["due_date"]).date()
    apology = {"reason": "Cần xác minh tại địa phương", "new_due_date": str(due + timedelta(14))}
    _act(api, journey, "apologize", apology, Role.LEADER)
    _act(api, journey, "stop", {"reason": "Người nộp hồ sơ đề nghị dừng"}, Role.LEADER)
    online = _ok(
        api.post(
            "/public/dossiers",
            json={
                "procedure_code": BODY["procedure_code"],
                "receiving_unit": COC_LEU,
                "applicant": {"full_name": "Lò Văn Sáng", "citizen_id": "010203004006"},
            },
        ),
        201,
    )
    refused = {"id": str(Dossier.id_for(online["code"]))}
    _act(api, refused, "refuse-intake", {"reason": "Không thuộc thẩm quyền"}, Role.CLERK)
    today = SixYearsEarlier().now().astimezone(HANOI).date()  # the server's day
    log_book = api.get(
        f"/units/{COC_LEU}/log-book",
        params={"from": str(today.replace(day=1)), "to": str(today)},
        headers=bearer(Role.AUDITOR, CITY),
    )
    assert log_book.status_code == 200
    served = {
        "01": _served(api, journey, "01"),
        "02": _served(api, journey, "02"),
        "03": _served(api, refused, "03"),
        "04": _served(api, journey, "04"),
        "05": _served(api, journey, "05"),
        "06": _served(api, journey, "06"),
        "07": log_book.content,
    }
    for number, pdf in served.items():
        code = online["code"] if number == "03" else journey["code"]
        assert code in poppler.text(pdf, f"form-{number}"), number
        png = poppler.first_page_png(pdf, screenshots / f"forms-{number}.png")
        assert png.read_bytes().startswith(b"\x89PNG")
