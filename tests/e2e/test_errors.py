"""Every refusal is a problem document with the right status; none is a 500."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import httpx
import jwt
import pytest

from domain.shared import Role
from interfaces.http.auth import issue_token
from interfaces.http.inputs import MAX_BODY_BYTES
from tests.e2e.api import BODY, E2E, SECRET, act, bearer, file
from tests.examples import BAT_XAT, BIRTH, COC_LEU, KIM_TAN

pytestmark = E2E
CLERK = bearer(Role.CLERK)


def problem(answer: httpx.Response, status: int, slug: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = answer.json()
    assert body["type"] == f"/problems/{slug}" and body["status"] == status
    assert body["title"] and body["detail"]
    assert "Traceback" not in answer.text
    return body


def fields(body: dict[str, Any]) -> set[str]:
    return {error["field"] for error in body["errors"]}


async def test_each_wrong_field_is_named(client: httpx.AsyncClient) -> None:
    wrong = {
        **BODY,
        "applicant": {"full_name": "   ", "citizen_id": "01020300400", "phone": "call me"},
        "documents": [{"name": "Bản khai", "sha256": "xyz"}],
        "status": "approved",
        "version": 99,
    }
    answer = await client.post("/api/v1/dossiers", json=wrong, headers=CLERK)
    assert fields(problem(answer, 422, "validation-error")) == {
        "applicant.full_name",
        "applicant.citizen_id",
        "applicant.phone",
        "documents.0.sha256",
        "status",
        "version",
    }


async def test_the_use_case_refusals_name_their_field_too(client: httpx.AsyncClient) -> None:
    unknown = await client.post(
        "/api/v1/dossiers", json={**BODY, "procedure_code": "NO.SUCH"}, headers=CLERK
    )
    assert fields(problem(unknown, 422, "validation-error")) == {"procedure_code"}
    receipt = await file(client)
    non_finite = await client.post(
        f"/api/v1/dossiers/{receipt['id']}/approve",
        content=b'{"result": {"amount": NaN}}',
        headers={**bearer(Role.LEADER), "Content-Type": "application/json"},
    )
    assert fields(problem(non_finite, 422, "validation-error")) == {"result"}


async def test_a_body_must_be_json_of_bounded_size(client: httpx.AsyncClient) -> None:
    malformed = await client.post(
        "/api/v1/dossiers",
        content=b'{"procedure_code": ',
        headers={**CLERK, "Content-Type": "application/json"},
    )
    assert fields(problem(malformed, 422, "validation-error")) == {"body"}
    as_form = await client.post("/api/v1/dossiers", data={"procedure_code": BIRTH}, headers=CLERK)
    problem(as_form, 415, "unsupported-media-type")
    declared = await client.post(
        "/api/v1/dossiers",
        content=b"{}",
        headers={**CLERK, "Content-Type": "application/json", "Content-Length": "2000000"},
    )
    problem(declared, 413, "content-too-large")

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"procedure_code": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 1):
            yield b"x" * 65536

    streamed = await client.post(
        "/api/v1/dossiers", content=chunks(), headers={**CLERK, "Content-Type": "application/json"}
    )
    problem(streamed, 413, "content-too-large")


async def test_unknown_paths_and_methods(client: httpx.AsyncClient) -> None:
    problem(await client.get("/api/v1/nothing-here"), 404, "not-found")
    problem(await client.get("/api/v1/dossiers/not-a-uuid", headers=CLERK), 404, "not-found")
    wrong_method = await client.delete("/api/v1/dossiers", headers=CLERK)
    problem(wrong_method, 405, "method-not-allowed")
    assert set(wrong_method.headers["Allow"].split(", ")) == {"GET", "HEAD", "POST"}


async def test_a_dossier_out_of_scope_does_not_exist(client: httpx.AsyncClient) -> None:
    receipt = await file(client)
    missing = await client.get(f"/api/v1/dossiers/{uuid4()}", headers=CLERK)
    body = problem(missing, 404, "not-found")
    for outsider in (bearer(Role.CLERK, KIM_TAN), bearer(Role.AUDITOR, BAT_XAT)):
        hidden = await client.get(f"/api/v1/dossiers/{receipt['id']}", headers=outsider)
        assert problem(hidden, 404, "not-found") == body
    acting = await act(client, receipt, "withdraw", {"reason": "x"}, Role.CLERK, KIM_TAN)
    assert problem(acting, 404, "not-found") == body


async def test_a_command_not_allowed_now_names_the_state(client: httpx.AsyncClient) -> None:
    receipt = await file(client)
    await act(client, receipt, "withdraw", {"reason": "rút"}, Role.CLERK)
    again = await act(
        client, receipt, "request-supplement", {"reason": "x", "documents": ["y"]}, Role.SPECIALIST
    )
    body = problem(again, 409, "invalid-transition")
    assert body["state"] == "withdrawn" and "withdrawn" in body["detail"]


def forged(claims: dict[str, Any], key: str = SECRET) -> str:
    return jwt.encode(claims, key, algorithm="HS256")


def claims(**overrides: Any) -> dict[str, Any]:
    exp = datetime.now(UTC) + timedelta(hours=1)
    return {"sub": "clerk@02644", "role": "clerk", "unit": COC_LEU, "exp": exp, **overrides}


def bad_authorizations() -> dict[str, str | None]:
    nine_hours_ago = datetime.now(UTC) - timedelta(hours=9)
    without_exp = {k: v for k, v in claims().items() if k != "exp"}
    unsigned = jwt.encode({**claims(), "exp": int(claims()["exp"].timestamp())}, None, "none")
    tokens = {
        "expired": issue_token(SECRET, "clerk", COC_LEU, "c", now=nine_hours_ago),
        "forged": forged(claims(), key="another-secret-of-sufficient-length!"),
        "alg-none": unsigned,
        "citizen-role": forged(claims(role="citizen")),
        "unknown-role": forged(claims(role="mayor")),
        "unknown-unit": forged(claims(unit="99999")),
        "no-exp": forged(without_exp),
        "empty-sub": forged(claims(sub="")),
    }
    return {
        "missing": None,
        "empty": "Bearer",
        "basic": "Basic Y2xlcms6cGFzcw==",
        "garbage": "Bearer not.a.jwt",
        **{name: f"Bearer {token}" for name, token in tokens.items()},
    }


BAD_AUTHORIZATIONS = bad_authorizations()


@pytest.mark.parametrize(
    "authorization", BAD_AUTHORIZATIONS.values(), ids=BAD_AUTHORIZATIONS.keys()
)
async def test_without_a_valid_token_the_answer_is_401(
    client: httpx.AsyncClient, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    answer = await client.get("/api/v1/dossiers", headers=headers)
    problem(answer, 401, "unauthorized")
    assert answer.headers["WWW-Authenticate"] == "Bearer"
