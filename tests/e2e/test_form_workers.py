"""Filings with the form workers on (``MOTCUA_FORM_WORKERS``): the receipt is rendered in
a worker process, its event holds the digest of what is served, and workers that die
cost the clerk a retry (503), never a wedged desk or a stack trace."""

from __future__ import annotations

import hashlib
import os
import signal
from pathlib import Path

from domain.shared import Role
from infrastructure.pdf.fonts import Typeface
from tests.e2e.api import BODY, E2E, bearer, file, serving
from tests.e2e.conftest import AppOpener
from tests.e2e.test_forms import form, issued_digests

pytestmark = E2E


async def test_a_receipt_rendered_by_a_worker_is_the_pdf_its_event_hashed(
    open_app: AppOpener,
) -> None:
    app = await open_app(form_workers=1)
    assert app.form_pool is not None
    async with serving(app) as client:
        receipt = await file(client)
        served = await form(client, receipt, "01")
        assert served.status_code == 200
        digest = hashlib.sha256(served.content).hexdigest()
        assert (await issued_digests(client, receipt)) == {"Received": digest}


async def test_filings_answer_503_while_the_workers_die_and_resume_after(
    open_app: AppOpener, tmp_path: Path
) -> None:
    app = await open_app(form_workers=1)
    pool = app.form_pool
    assert pool is not None
    async with serving(app) as client:
        await file(client)
        # A killed worker is replaced: the next filing is received as usual.
        for pid in pool.worker_pids():
            os.kill(pid, signal.SIGKILL)
        await file(client)
        # Workers that cannot start (their fonts gone): the filing is refused for now.
        kept = pool.typeface
        pool.typeface = Typeface({style: tmp_path / f"gone{style}.ttf" for style in kept.files})
        for pid in pool.worker_pids():
            os.kill(pid, signal.SIGKILL)
        refused = await client.post(
            "/api/v1/dossiers",
            json=BODY,
            headers=bearer(Role.CLERK),
        )
        assert refused.status_code == 503, refused.text
        assert refused.json()["type"] == "/problems/unavailable"
        assert refused.headers["Retry-After"] == "1"
        # The fonts back, the desk files again.
        pool.typeface = kept
        await file(client)
