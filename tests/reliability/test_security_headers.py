"""Security headers on every answer: every API route and every page, each method, with
and without a token, and the errors (404, 405, 415, 422, 401).

Everywhere: ``X-Content-Type-Options: nosniff`` and frame denial (``X-Frame-Options:
DENY`` and CSP ``frame-ancestors 'none'``); ``Cache-Control: no-store`` on everything
but the content-hashed stylesheet (which holds no personal data); and on HTML a strict
Content-Security-Policy: nothing by default, no inline or eval'd script.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import httpx
import pytest
from starlette.routing import Route

from domain.shared import Role
from interfaces import web
from interfaces.http.routes import ENDPOINTS
from tests.e2e.api import bearer, file
from tests.reliability.figures import record

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.parametrize("storage", ["sqlite"], indirect=True),
]
CACHEABLE = {route.path for route in web.ROUTES if route.name == "stylesheet"}


def routes() -> list[tuple[str, str]]:
    """(method, path template) of every API endpoint and every page."""
    found = [(e.method, e.path) for e in ENDPOINTS]
    for route in web.ROUTES:
        assert isinstance(route, Route)
        found += [
            (method, route.path) for method in sorted(route.methods or ()) if method != "HEAD"
        ]
    return found


def concrete(template: str, dossier: dict[str, Any]) -> str:
    path = template.replace("{id:uuid}", dossier["id"]).replace("{id}", dossier["id"])
    path = path.replace("{code}", dossier["code"]).replace("{number}", "GP-0001")
    path = path.replace("{code:str}", dossier["code"])
    if "{code}" in template:
        path += f"?secret={dossier['lookup_secret']}"
    return path


def check(answer: httpx.Response, problems: list[str]) -> None:
    where = f"{answer.request.method} {answer.request.url.path} -> {answer.status_code}"
    headers = answer.headers
    policy = headers.get("Content-Security-Policy", "")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append(f"{where}: no nosniff")
    if headers.get("X-Frame-Options") != "DENY" or "frame-ancestors 'none'" not in policy:
        problems.append(f"{where}: framing not denied ({headers.get('X-Frame-Options')}, {policy})")
    if answer.request.url.path not in CACHEABLE and "no-store" not in headers.get(
        "Cache-Control", ""
    ):
        problems.append(f"{where}: Cache-Control {headers.get('Cache-Control')!r}")
    if headers.get("content-type", "").startswith("text/html"):
        strict = "default-src 'none'" in policy and not any(
            loose in policy for loose in ("unsafe-inline", "unsafe-eval", "*", "data: 'unsafe")
        )
        if not strict or ("script-src" in policy and "script-src 'none'" not in policy):
            problems.append(f"{where}: CSP not strict: {policy!r}")


async def test_every_answer_carries_the_security_headers(client: httpx.AsyncClient) -> None:
    dossier = await file(client)
    problems: list[str] = []
    answers = 0
    html = 0
    callers: tuple[dict[str, str], ...] = ({}, bearer(Role.CLERK), bearer(Role.AUDITOR, "10"))
    for method, template in routes():
        for headers in callers:
            answer = await client.request(
                method,
                concrete(template, dossier),
                headers=headers,
                json={} if method == "POST" else None,
            )
            check(answer, problems)
            answers += 1
            html += answer.headers.get("content-type", "").startswith("text/html")
    errors = [
        await client.get(f"/no/such/{uuid4()}"),
        await client.delete("/api/v1/dossiers"),
        await client.post(
            "/api/v1/dossiers",
            content=b"x=1",
            headers={"Content-Type": "text/plain", **bearer(Role.CLERK)},
        ),
        await client.post(
            "/api/v1/dossiers", json={"status": "approved"}, headers=bearer(Role.CLERK)
        ),
        await client.get("/api/v1/dossiers", headers={"Authorization": "Bearer nonsense"}),
    ]
    assert [e.status_code for e in errors] == [404, 405, 415, 422, 401]
    for answer in errors:
        check(answer, problems)
    assert problems == []
    assert html > 0, "no HTML page answered: the CSP check proved nothing"
    record("security_headers", answers=answers + len(errors), html_answers=html)
