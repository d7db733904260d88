"""A health record's files over HTTP: checked while they stream in like a dossier's,
sealed with the person's key on their way to the blob store (a folder here), read back
byte for byte by clinicians with access (each read in the access log), and after erasure
unreadable: the store never held the plain bytes, and a read answers 410."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from domain.shared import Role
from infrastructure.blobs.folder import FolderBlobStore
from interfaces.bootstrap import App
from tests.contract.conftest import Opener, Storage
from tests.e2e.api import E2E, bearer, serving
from tests.e2e.conftest import app_on, e2e_settings
from tests.e2e.health_records_support import found_in, open_record, raw_bytes
from tests.examples import BAT_XAT, COC_LEU, PROVINCE

pytestmark = E2E
CANARY = b"CANARY-7f3a9c-ket-qua-xet-nghiem"
# Four 64 KiB chunks and a bit: the canary in the first, the middle and the last one.
SCAN = b"%PDF-1.7\n" + CANARY + bytes(range(256)) * 520 + CANARY + b"\0" * 130_000 + CANARY
CLINICIAN = {**bearer(Role.CLINICIAN, COC_LEU), "X-Purpose": "treatment"}


@pytest.fixture
def blob_folder(tmp_path: Path) -> Path:
    return tmp_path / "blobs"


@pytest.fixture
async def client(
    open_store: Opener, storage: Storage, tmp_path: Path, blob_folder: Path
) -> AsyncIterator[httpx.AsyncClient]:
    app: App = await app_on(
        open_store, storage, tmp_path, e2e_settings(), FolderBlobStore(blob_folder)
    )
    try:
        async with serving(app) as client:
            yield client
    finally:
        await app.close()


def stored_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def path_of(record: dict[str, Any], name: str = "xet-nghiem") -> str:
    return f"/api/v1/health-records/{record['id']}/documents/{name}"


async def test_a_file_is_sealed_in_the_store_and_unreadable_after_erasure(
    client: httpx.AsyncClient, blob_folder: Path, storage: Storage
) -> None:
    record = await open_record(client)
    digest = hashlib.sha256(SCAN).hexdigest()
    stored = await client.put(f"{path_of(record)}?sha256={digest}", content=SCAN, headers=CLINICIAN)
    assert stored.status_code == 200, stored.text
    assert stored.json() == {
        "name": "xet-nghiem",
        "sha256": digest,
        "size": len(SCAN),
        "content_type": "application/pdf",
    }
    # The store holds the file sealed: as large as it plus a nonce and tag per chunk,
    # and none of its bytes in the clear.
    sealed = stored_bytes(blob_folder)
    assert len(sealed) == len(SCAN) + 5 * 28 and not found_in(sealed, CANARY)

    listed = await client.get(f"/api/v1/health-records/{record['id']}", headers=CLINICIAN)
    assert listed.json()["documents"] == [stored.json()]
    back = await client.get(path_of(record), headers=CLINICIAN)
    assert back.status_code == 200 and back.content == SCAN
    assert back.headers["etag"] == f'"{digest}"'
    log = await client.get(
        f"/api/v1/health-records/{record['id']}/access-log", headers=bearer(Role.AUDITOR, PROVINCE)
    )
    assert [e["document"] for e in log.json()["items"]] == [None, "xet-nghiem"], log.text

    erased = await client.post(
        f"/api/v1/health-records/{record['id']}/erase",
        json={"reason": "Yêu cầu của công dân"},
        headers=bearer(Role.ADMIN, PROVINCE),
    )
    assert erased.status_code == 202, erased.text
    gone = await client.get(path_of(record), headers=CLINICIAN)
    assert gone.status_code == 410 and gone.headers["content-type"] == "application/problem+json"
    again = await client.put(path_of(record, "other"), content=SCAN, headers=CLINICIAN)
    assert again.status_code == 409
    # Nothing anywhere gives the bytes back: not the blob store, not the database.
    assert stored_bytes(blob_folder) == sealed and not found_in(sealed, CANARY)
    assert not found_in(await raw_bytes(storage), CANARY)


async def test_what_is_refused_and_why(client: httpx.AsyncClient, blob_folder: Path) -> None:
    record = await open_record(client)
    path = path_of(record)

    async def put(headers: dict[str, str], content: bytes = SCAN, query: str = "") -> Any:
        return await client.put(path + query, content=content, headers=headers)

    wrong_hash = await put(CLINICIAN, query=f"?sha256={'0' * 64}")
    assert wrong_hash.status_code == 422 and wrong_hash.json()["errors"][0]["field"] == "sha256"
    text = await put(CLINICIAN, b"ghi chu")
    assert text.status_code == 422 and text.json()["errors"][0]["field"] == "body"
    assert (await put(CLINICIAN, b"%PDF-" + b"\0" * (20 * 1024 * 1024))).status_code == 413
    assert (await put(bearer(Role.AUDITOR, PROVINCE))).status_code == 403
    assert (await put(bearer(Role.CLINICIAN, BAT_XAT))).status_code == 404
    # Nothing was kept: no file, no half-written blob.
    assert (await client.get(path, headers=CLINICIAN)).status_code == 404
    assert stored_bytes(blob_folder) == b""
    assert (await put(CLINICIAN)).status_code == 200
    no_purpose = await client.get(path, headers=bearer(Role.CLINICIAN, COC_LEU))
    assert no_purpose.status_code == 422 and no_purpose.json()["errors"][0]["field"] == "X-Purpose"
    outsider = {**bearer(Role.CLINICIAN, BAT_XAT), "X-Purpose": "treatment"}
    assert (await client.get(path, headers=outsider)).status_code == 404
