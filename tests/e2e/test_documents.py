"""A dossier's files over HTTP: checked by content, size and hash while they stream in,
recorded in the dossier's history by hash, served back byte for byte to staff who see
the dossier, each read recorded."""

from __future__ import annotations

import hashlib

import httpx

from domain.dossiers.document_reads import DocumentReads
from domain.shared import Role
from interfaces.bootstrap import App
from tests.e2e.api import E2E, bearer, file
from tests.examples import BAT_XAT, COC_LEU, PROVINCE

pytestmark = E2E
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 400 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 1000


async def test_a_file_goes_in_checked_and_comes_back_the_same(
    app: App, client: httpx.AsyncClient
) -> None:
    dossier = await file(client)
    path = f"/api/v1/dossiers/{dossier['id']}/documents/ban-khai"
    clerk = bearer(Role.CLERK, COC_LEU)
    digest = hashlib.sha256(PDF).hexdigest()
    stored = await client.put(f"{path}?sha256={digest}", content=PDF, headers=clerk)
    assert stored.status_code == 200, stored.text
    assert stored.json() == {
        "name": "ban-khai",
        "sha256": digest,
        "size": len(PDF),
        "content_type": "application/pdf",
    }
    back = await client.get(path, headers=bearer(Role.AUDITOR, PROVINCE))
    assert back.status_code == 200
    assert back.content == PDF and back.headers["content-type"] == "application/pdf"
    assert back.headers["etag"] == f'"{digest}"'
    history = await client.get(f"/api/v1/dossiers/{dossier['id']}/history", headers=clerk)
    attached = [e for e in history.json()["events"] if e["type"] == "DocumentAttached"]
    assert attached[0]["data"]["attachment"]["sha256"] == digest
    reads = await app.store.read_stream(DocumentReads.id_for(dossier["id"]))
    assert len(reads) == 2  # opened, and the auditor's read

    # A later file of the same name replaces it; the first stays in the history.
    assert (await client.put(path, content=PNG, headers=clerk)).json()["content_type"] == (
        "image/png"
    )
    assert (await client.get(path, headers=clerk)).content == PNG


async def test_what_is_refused_and_why(client: httpx.AsyncClient) -> None:
    dossier = await file(client)
    path = f"/api/v1/dossiers/{dossier['id']}/documents/ban-khai"
    clerk = bearer(Role.CLERK, COC_LEU)
    wrong_hash = await client.put(f"{path}?sha256={'0' * 64}", content=PDF, headers=clerk)
    assert wrong_hash.status_code == 422 and wrong_hash.json()["errors"][0]["field"] == "sha256"
    text = await client.put(path, content=b"just words", headers=clerk)
    assert text.status_code == 422 and text.json()["errors"][0]["field"] == "body"
    huge = await client.put(path, content=b"%PDF-" + b"\0" * (20 * 1024 * 1024), headers=clerk)
    assert huge.status_code == 413
    specialist = await client.put(path, content=PDF, headers=bearer(Role.SPECIALIST, COC_LEU))
    assert specialist.status_code == 403
    outsider = await client.put(path, content=PDF, headers=bearer(Role.CLERK, BAT_XAT))
    assert outsider.status_code == 404
    assert (await client.get(path, headers=clerk)).status_code == 404  # nothing was kept
