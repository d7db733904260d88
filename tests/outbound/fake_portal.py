"""A fake national portal on loopback, strict about the protocol (API.md "Integration"),
that can fail on demand. It runs uvicorn in a thread of its own, so that a test can
drive it while a ``motcua serve`` child process, or the test's own loop, talks to it.

It checks every call: the session (one it gave out and has not expired), the unit, the
service, ``isUpdating`` (False only for a dossier it does not know), every field of the
record and of the progress line (names, strings, dates ``yyyyMMddHHmmss``, statuses
1–10), that a progress line follows the record of the same status, and that the time of
each dossier's steps never goes back. What breaks a rule is answered ``error_code`` 99
and written to :attr:`FakePortal.violations`; tests assert there are none.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import uuid4

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.outbound.loopback import serve_in_thread
from tests.postgres_server import _free_port

USER, PASSWORD = "motcua-test", "portal-test-password"
RECORD_FIELDS = {
    "MaHoSo", "MaTTHC", "TenTTHC", "SoBienNhan", "ChuHoSo", "LoaiDoiTuong", "NgayTiepNhan",
    "NgayHenTra", "TrangThaiHoSo", "NgayTra", "HinhThuc", "DonViXuLy",
}  # fmt: skip
PROGRESS_FIELDS = {"MaHoSo", "NguoiXuLy", "ThoiDiemXuLy", "NoiDungXuLy", "TrangThai"}
DATE = re.compile(r"^(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d$")
MAY_BE_EMPTY = {"NgayTiepNhan", "NgayHenTra", "NgayTra"}


class Refusal(Exception):
    pass


def runs(statuses: list[int]) -> list[int]:
    """Each run of one status counted once."""
    return [s for i, s in enumerate(statuses) if i == 0 or statuses[i - 1] != s]


@dataclass
class FakePortal:
    port: int = field(default_factory=_free_port)
    sessions: set[str] = field(default_factory=set)
    auths: int = 0
    statuses: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    """Per dossier code, the statuses of the progress lines accepted, in order."""
    records: dict[str, dict[str, str]] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    """Failures to inject, one per call: ``error_code``, ``500``, ``slow``, ``expire``."""
    failing_codes: set[str] = field(default_factory=set)
    """Dossiers whose every call is refused (``error_code`` 7) until removed."""
    slow_seconds: float = 3.0
    delay_seconds: float = 0.0
    """Every call takes this long at least (a portal far away)."""
    _last_time: dict[str, str] = field(default_factory=dict)
    _pending_status: dict[str, str] = field(default_factory=dict)
    _server: uvicorn.Server | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakePortal:
        routes = [
            Route("/auth", self._auth, methods=["POST"]),
            Route("/integration", self._integration, methods=["POST"]),
        ]
        self._server = serve_in_thread(Starlette(routes=routes), self.port)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True

    def expire_sessions(self) -> None:
        with self._lock:
            self.sessions.clear()

    def accepted(self, code: str) -> list[int]:
        """The statuses accepted for ``code``, a repeated one counted once (a step is
        sent again when a crash came between its acknowledgement and our record of it)."""
        return runs(self.statuses.get(code, []))

    async def _auth(self, request: Request) -> JSONResponse:
        body = await request.json()
        if body != {"username": USER, "password": PASSWORD}:
            return JSONResponse({"error_code": 1, "message": "sai tài khoản"})
        session = uuid4().hex
        with self._lock:
            self.sessions.add(session)
            self.auths += 1
        return JSONResponse({"error_code": 0, "session": session})

    async def _integration(self, request: Request) -> JSONResponse:
        body: dict[str, Any] = await request.json()
        await asyncio.sleep(self.delay_seconds)
        injected = self.failures.pop(0) if self.failures else None
        if injected == "500":
            return JSONResponse({"error": "internal"}, status_code=500)
        if injected == "slow":
            await asyncio.sleep(self.slow_seconds)
        if injected == "error_code":
            return JSONResponse({"error_code": 5, "message": "hệ thống bận"})
        if injected == "expire":
            self.expire_sessions()
        if body.get("session") not in self.sessions:
            return JSONResponse({"error_code": 401, "message": "phiên hết hạn"}, status_code=401)
        try:
            return JSONResponse({"error_code": 0, **self._serve(body)})
        except Refusal as refusal:
            return JSONResponse({"error_code": 7, "message": str(refusal)})
        except (AssertionError, KeyError, TypeError, ValueError) as broken:
            self.violations.append(f"{body.get('service')}: {broken!r}")
            return JSONResponse({"error_code": 99, "message": "sai dữ liệu"})

    def _serve(self, body: dict[str, Any]) -> dict[str, Any]:
        service = body["service"]
        if service == "TraCuuHoSoMC":
            record = self.records.get(body["MaHoSo"])
            return {"data": {"MaHoSo": body["MaHoSo"], "TrangThaiHoSo": record["TrangThaiHoSo"]
                             if record else ""}}  # fmt: skip
        assert re.fullmatch(r"\d{3,5}", body["madonvi"]), body["madonvi"]
        (item,) = body["data"]
        if item["MaHoSo"] in self.failing_codes:
            raise Refusal("hồ sơ bị khóa")
        if service == "DongBoHoSoMC":
            self._record(body["isUpdating"], item)
        elif service == "CapNhatTienDoHoSoMC":
            self._progress(item)
        else:
            raise ValueError(f"unknown service {service}")
        return {}

    def _record(self, updating: str, item: dict[str, str]) -> None:
        assert set(item) == RECORD_FIELDS, sorted(set(item) ^ RECORD_FIELDS)
        assert all(isinstance(value, str) for value in item.values()), item
        code = item["MaHoSo"]
        assert updating == ("True" if code in self.records else "False"), (updating, code)
        assert item["SoBienNhan"] == code and item["MaTTHC"] and item["TenTTHC"], item
        assert item["ChuHoSo"] and item["LoaiDoiTuong"] in ("1", "2"), item
        assert item["HinhThuc"] in ("1", "2", "3") and item["DonViXuLy"], item
        assert 1 <= int(item["TrangThaiHoSo"]) <= 10, item
        for name in ("NgayTiepNhan", "NgayHenTra", "NgayTra"):
            assert DATE.match(item[name]) or (name in MAY_BE_EMPTY and not item[name]), item
        assert item["NgayTiepNhan"] or item["TrangThaiHoSo"] == "1", item
        self.records[code] = item
        self._pending_status[code] = item["TrangThaiHoSo"]

    def _progress(self, item: dict[str, str]) -> None:
        assert set(item) == PROGRESS_FIELDS, sorted(set(item) ^ PROGRESS_FIELDS)
        code = item["MaHoSo"]
        assert self._pending_status.pop(code) == item["TrangThai"], ("no record first", item)
        assert DATE.match(item["ThoiDiemXuLy"]) and item["NoiDungXuLy"], item
        assert item["ThoiDiemXuLy"] >= self._last_time.get(code, ""), ("time went back", item)
        self._last_time[code] = item["ThoiDiemXuLy"]
        self.statuses[code].append(int(item["TrangThai"]))


@pytest.fixture
def fake_portal() -> Iterator[FakePortal]:
    """A fake portal for the test, stopped after it."""
    portal = FakePortal().start()
    yield portal
    portal.stop()
