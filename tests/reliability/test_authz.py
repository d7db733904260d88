"""The authorization matrix (``authz_matrix.json``), expanded: every actor x every dossier
endpoint and method x a dossier in and out of the actor's scope.

Zero unexpected 2xx; out of scope is a 404 identical to that of a dossier that does not
exist; lists leak neither items nor counts; and no body can set a field that is not
writable (bodies forbid unknown members: 422, and nothing changes).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import pytest

from domain.shared import Role
from infrastructure.memory.form_renderer import PlainTextFormRenderer
from interfaces.bootstrap import App
from interfaces.http.routes import ENDPOINTS
from tests.contract.conftest import Opener, Storage
from tests.e2e.api import act, bearer, file
from tests.e2e.conftest import app_on, e2e_settings
from tests.examples import A_MU_SUNG, BIRTH, CITY, KIM_TAN, MERIT

MATRIX: dict[str, Any] = json.loads(Path(__file__).with_name("authz_matrix.json").read_text())
ACTORS: dict[str, dict[str, str]] = MATRIX["actors"]
SCOPES = ("in_scope", "out_of_scope")
DOCUMENT = "ban-khai"  # the file each dossier of the matrix holds
pytestmark = pytest.mark.reliability
IN_MEMORY = pytest.mark.parametrize("storage", ["memory"], indirect=True)  # scope is no store's


@pytest.fixture
async def app(open_store: Opener, storage: Storage, tmp_path: Path) -> AsyncIterator[App]:
    """The matrix is about who may do what, not paper: receipts in plain text (a third of
    each case's time went to drawing three PDF receipts)."""
    opened = await app_on(
        open_store, storage, tmp_path, e2e_settings(), form_renderer=PlainTextFormRenderer()
    )
    yield opened
    await opened.close()


@dataclass(frozen=True)
class World:
    """The dossiers of the matrix, and the citizens' secrets."""

    ids: dict[str, str]
    codes: dict[str, str]
    secrets: dict[str, str]


async def world(client: httpx.AsyncClient) -> World:
    inside = await file(client, procedure_code=MERIT)
    moved = await act(client, inside, "transfer", {"to_unit": CITY}, Role.CLERK)
    assert moved.status_code == 200, moved.text
    outside = await file(client, unit=A_MU_SUNG, procedure_code=BIRTH)
    for dossier, clerk_unit in ((inside, CITY), (outside, A_MU_SUNG)):
        attached = await client.put(
            f"/api/v1/dossiers/{dossier['id']}/documents/{DOCUMENT}",
            content=b"%PDF-1.7 ban khai",
            headers=bearer(Role.CLERK, clerk_unit),
        )
        assert attached.status_code == 200, attached.text
    other = await file(client, unit=KIM_TAN, procedure_code=BIRTH)
    return World(
        ids={"in_scope": inside["id"], "out_of_scope": outside["id"]},
        codes={"in_scope": inside["code"], "out_of_scope": outside["code"]},
        secrets={"own": inside["lookup_secret"], "other": other["lookup_secret"]},
    )


def token_of(actor: str) -> dict[str, str]:
    claims = ACTORS[actor]
    return bearer(Role(claims["role"]), claims["unit"], sub=actor) if "role" in claims else {}


def staff_expected(endpoint: dict[str, Any], actor: str, scope: str) -> int:
    if "role" not in ACTORS[actor]:
        return 401
    if actor not in MATRIX["sees"][scope]:
        return 404
    if endpoint["method"] == "GET":
        return 200
    allowed: dict[str, int] = endpoint.get("allowed", {}).get(scope, {})
    return allowed.get(actor, endpoint.get("otherwise", 403))


def citizen_expected(endpoint: dict[str, Any], actor: str, scope: str) -> int:
    holds = ACTORS[actor].get("citizen")
    if holds is None:
        return 422  # no secret at all
    return endpoint["allowed"] if (holds, scope) == ("own", "in_scope") else 404


def case_id(endpoint: dict[str, Any], actor: str, scope: str) -> str:
    path, _, query = endpoint["path"].partition("?")
    asked = f"?{query.split('=')[0]}" if query else ""
    return f"{endpoint['method']} {path}{asked}|{actor}|{scope}"


def cases(kind: str) -> list[Any]:
    return [
        pytest.param(endpoint, actor, scope, id=case_id(endpoint, actor, scope))
        for endpoint in MATRIX[kind]
        for actor in ACTORS
        for scope in SCOPES
    ]


async def call(
    client: httpx.AsyncClient, endpoint: dict[str, Any], path: str, headers: dict[str, str]
) -> httpx.Response:
    body = endpoint.get("body")
    return await client.request(
        endpoint["method"],
        path.replace("{name}", DOCUMENT).replace("{number}", "01"),
        json=body if endpoint["method"] == "POST" else None,
        headers=headers,
    )


@IN_MEMORY
@pytest.mark.parametrize(("endpoint", "actor", "scope"), cases("staff"))
async def test_staff_endpoint(
    endpoint: dict[str, Any], actor: str, scope: str, client: httpx.AsyncClient
) -> None:
    here = await world(client)
    answer = await call(
        client, endpoint, endpoint["path"].replace("{id}", here.ids[scope]), token_of(actor)
    )
    expected = staff_expected(endpoint, actor, scope)
    assert answer.status_code == expected, answer.text
    if expected == 404:  # out of scope looks exactly like nothing at all
        nowhere = endpoint["path"].replace("{id}", str(uuid4()))
        assert answer.json() == (await call(client, endpoint, nowhere, token_of(actor))).json()


@IN_MEMORY
@pytest.mark.parametrize(("endpoint", "actor", "scope"), cases("citizen"))
async def test_citizen_endpoint(
    endpoint: dict[str, Any], actor: str, scope: str, client: httpx.AsyncClient
) -> None:
    here = await world(client)
    path = endpoint["path"].replace("{code}", here.codes[scope])
    holds = ACTORS[actor].get("citizen")
    if holds is not None:
        path += f"?secret={here.secrets[holds]}"
    answer = await call(client, endpoint, path, token_of(actor))
    assert answer.status_code == citizen_expected(endpoint, actor, scope), answer.text


@IN_MEMORY
@pytest.mark.parametrize("actor", list(ACTORS))
@pytest.mark.parametrize("path", MATRIX["lists"])
async def test_lists_leak_neither_items_nor_counts(
    path: str, actor: str, client: httpx.AsyncClient
) -> None:
    here = await world(client)
    if "role" not in ACTORS[actor]:
        assert (await client.get(path, headers=token_of(actor))).status_code == 401
        return
    visible = {here.ids[s] for s in SCOPES if actor in MATRIX["sees"][s]}
    for query in ({}, {"q": here.codes["out_of_scope"]}, {"q": here.codes["in_scope"]}):
        answer = await client.get(path, params={**query, "limit": 100}, headers=token_of(actor))
        assert answer.status_code == 200, answer.text
        page = answer.json()
        assert set(page) == {"items", "next_cursor"}  # no total, no count
        listed = {item["id"] for item in page["items"]} & set(here.ids.values())
        assert listed <= visible
        if path == "/api/v1/dossiers" and not query:
            assert listed == visible
        if not (listed & visible) and query:
            assert page["next_cursor"] is None


def writes() -> list[Any]:
    """Every endpoint with a body, and an actor who may call it on the in-scope dossier."""
    found = [
        pytest.param(e, e["actor"], id=f"{e['method']} {e['path']}") for e in MATRIX["creating"]
    ]
    for endpoint in MATRIX["staff"]:
        if "body" in endpoint:
            actor = next(iter(endpoint["allowed"]["in_scope"]))
            found.append(pytest.param(endpoint, actor, id=f"POST {endpoint['path']}"))
    found += [
        pytest.param(e, "citizen", id=f"POST {e['path']}") for e in MATRIX["citizen"] if "body" in e
    ]
    return found


@IN_MEMORY
@pytest.mark.parametrize(("endpoint", "actor"), writes())
async def test_no_body_sets_a_field_that_is_not_writable(
    endpoint: dict[str, Any], actor: str, client: httpx.AsyncClient
) -> None:
    here = await world(client)
    path = endpoint["path"].replace("{id}", here.ids["in_scope"])
    if "{code}" in path:
        path = path.replace("{code}", here.codes["in_scope"]) + f"?secret={here.secrets['own']}"
    before = await client.get(
        f"/api/v1/dossiers/{here.ids['in_scope']}", headers=token_of("auditor")
    )
    for field, value in MATRIX["read_only_fields"].items():
        if field in endpoint.get("writable", ()):  # the citizen picks the desk online
            continue
        smuggled = {**endpoint, "body": {**endpoint["body"], field: value}}
        answer = await call(client, smuggled, path, token_of(actor))
        assert answer.status_code == 422, (field, answer.text)
        assert field in {error["field"] for error in answer.json()["errors"]}
    after = await client.get(
        f"/api/v1/dossiers/{here.ids['in_scope']}", headers=token_of("auditor")
    )
    assert after.json() == before.json()


def test_the_matrix_covers_every_dossier_endpoint() -> None:
    covered = {
        (e["method"], e["path"].split("?")[0])
        for k in ("staff", "citizen", "creating")
        for e in MATRIX[k]
    }
    covered |= {("GET", path) for path in MATRIX["lists"]}
    served = {
        (e.method, e.template)
        for e in ENDPOINTS
        if e.template.startswith(("/api/v1/dossiers", "/api/v1/inbox", "/api/v1/public/dossiers"))
    }
    assert served - covered == set()
    assert covered - served == set()
