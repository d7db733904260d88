"""Operations: health, metrics, request ids, security headers, logs, the OpenAPI document."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from starlette.routing import Route
from structlog.testing import capture_logs

from domain.shared import Role
from interfaces.bootstrap import App, create_app
from tests.e2e.api import BODY, E2E, bearer, file
from tests.examples import STATUS_NAMES

pytestmark = E2E


async def test_ready_while_the_store_answers_503_when_it_does_not(
    app: App, client: httpx.AsyncClient
) -> None:
    assert (await client.get("/health/live")).json() == {"status": "ok"}
    assert (await client.get("/health/ready")).json() == {"status": "ok"}
    await app.store.close()
    down = await client.get("/health/ready")
    assert down.status_code == 503 and down.json()["type"] == "/problems/unavailable"
    assert down.headers["Retry-After"]
    assert (await client.get("/health/live")).status_code == 200
    filing = await client.post("/api/v1/dossiers", json=BODY, headers=bearer(Role.CLERK))
    assert filing.status_code == 503


async def test_metrics_count_requests_by_route_template_and_status(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    await client.get(f"/api/v1/dossiers/{receipt['id']}", headers=bearer(Role.CLERK))
    await client.get("/no/such/path")
    text = (await client.get("/metrics")).text
    assert (
        'motcua_http_requests_total{method="GET",route="/api/v1/dossiers/{id}",status="200"} 1.0'
        in text
    )
    assert 'route="/api/v1/dossiers",status="201"' in text
    assert 'route="<unmatched>",status="404"' in text
    assert "motcua_http_request_duration_seconds_bucket" in text
    assert receipt["id"] not in text


async def test_admins_and_auditors_read_each_projections_position_and_lag(
    app: App, client: httpx.AsyncClient
) -> None:
    await file(client)
    await app.projections.wait_for()
    last = await app.store.last_position()
    answer = await client.get("/api/v1/admin/projections", headers=bearer(Role.ADMIN))
    assert answer.status_code == 200, answer.text
    items = answer.json()["items"]
    assert tuple(item["name"] for item in items) == STATUS_NAMES
    for item in items[:-1]:  # the permit issuer, a relay, is not awaited by readers
        assert (item["state"], item["position"], item["lag"], item["last_error"]) == (
            "live",
            last,
            0,
            None,
        )
    assert (await client.get("/api/v1/admin/projections", headers=bearer(Role.AUDITOR))).is_success
    for role in (Role.CLERK, Role.LEADER):
        denied = await client.get("/api/v1/admin/projections", headers=bearer(role))
        assert denied.status_code == 403, role
    assert (await client.get("/api/v1/admin/projections")).status_code == 401


async def test_metrics_show_each_projections_position_and_lag(
    app: App, client: httpx.AsyncClient
) -> None:
    await file(client)
    await app.projections.wait_for()
    last = await app.store.last_position()
    text = (await client.get("/metrics")).text
    for name in ("inbox", "search", "public_status", "statistics", "audit_log"):
        assert f'motcua_projection_position{{projection="{name}"}} {last}.0' in text
        assert f'motcua_projection_lag{{projection="{name}"}} 0.0' in text


async def test_request_ids_are_echoed_when_sane_and_made_up_otherwise(
    client: httpx.AsyncClient,
) -> None:
    echoed = await client.get("/health/live", headers={"X-Request-ID": "desk-7.req:42"})
    assert echoed.headers["X-Request-ID"] == "desk-7.req:42"
    for insane in ("", "x" * 200, "a b", "<script>"):
        made_up = await client.get("/health/live", headers={"X-Request-ID": insane})
        assert made_up.headers["X-Request-ID"] not in (insane, "")


async def test_every_answer_carries_the_security_headers(client: httpx.AsyncClient) -> None:
    for answer in (
        await client.get("/api/v1/units"),
        await client.get("/nowhere"),
        await client.get("/api/v1/dossiers"),
    ):
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["X-Frame-Options"] == "DENY"
        assert answer.headers["Referrer-Policy"] == "no-referrer"
        assert answer.headers["Cache-Control"] == "no-store"


async def test_one_log_line_per_request_and_no_citizen_data_in_any(
    client: httpx.AsyncClient,
) -> None:
    with capture_logs() as logs:
        receipt = await file(client)
        await client.get(
            f"/api/v1/public/dossiers/{receipt['code']}",
            params={"secret": receipt["lookup_secret"]},
            headers={"X-Request-ID": "lookup-1"},
        )
    assert [(line["event"], line["route"], line["status"]) for line in logs] == [
        ("http.request", "/api/v1/dossiers", 201),
        ("http.request", "/api/v1/public/dossiers/{code}", 200),
    ]
    assert logs[1]["request_id"] == "lookup-1" and logs[1]["duration_ms"] >= 0
    written = json.dumps(logs, ensure_ascii=False)
    applicant = BODY["applicant"]
    assert isinstance(applicant, dict)
    for secret in (*applicant.values(), receipt["lookup_secret"], receipt["code"], "Bearer"):
        assert secret not in written


async def test_an_unexpected_error_is_a_logged_500_without_a_trace(
    app: App, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: Any) -> None:
        raise RuntimeError(f"bug with {BODY['applicant']}")

    monkeypatch.setattr(app.dossiers, "get", broken)
    receipt = await file(client)
    with capture_logs() as logs:
        answer = await client.get(f"/api/v1/dossiers/{receipt['id']}", headers=bearer(Role.CLERK))
    assert answer.status_code == 500
    assert answer.json()["type"] == "/problems/internal-error"
    assert "bug" not in answer.text and "Traceback" not in answer.text
    assert [line["event"] for line in logs] == ["http.unhandled", "http.request"]
    assert logs[0]["error"] == "RuntimeError" and "in broken" in logs[0]["frames"]
    assert "Nguyễn" not in json.dumps(logs, ensure_ascii=False)


async def test_the_openapi_document_lists_every_route_and_method(
    app: App, client: httpx.AsyncClient
) -> None:
    document = (await client.get("/openapi.json")).json()
    assert document["openapi"].startswith("3.1")
    served = {
        (route.path.replace(":uuid", ""), method.lower())
        for route in create_app(app=app).routes
        if isinstance(route, Route) and route.include_in_schema  # not the HTML pages
        for method in route.methods or ()
        if method != "HEAD"
    }
    documented = {(path, method) for path, item in document["paths"].items() for method in item}
    assert documented == served
    assert len(served) >= 25
    for path in ("/api/v1/audit/events", "/api/v1/audit/verify", "/api/v1/stats"):
        assert "get" in document["paths"][path]
    assert "get" in document["paths"]["/api/v1/admin/projections"]
    stats = document["paths"]["/api/v1/stats"]["get"]
    assert [p["name"] for p in stats["parameters"]] == [
        "unit",
        "from",
        "to",
        "procedure",
        "geography",
        "Motcua-After",  # read your writes (a header)
    ]
    assert set(stats["responses"]) == {"200", "401", "403", "404", "422", "503"}
    file_dossier = document["paths"]["/api/v1/dossiers"]["post"]
    assert set(file_dossier["responses"]) >= {"201", "401", "403", "413", "415", "422"}
    body = file_dossier["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = document["components"]["schemas"][body.rsplit("/", 1)[-1]]
    assert schema["additionalProperties"] is False
    applicant = document["components"]["schemas"]["ApplicantIn"]["properties"]["citizen_id"]
    assert applicant["pattern"] == "^[0-9]{12}$"
