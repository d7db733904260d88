"""The form workers (``PooledFormRenderer``): the in-process renderer's bytes and
fingerprint from worker processes, and a worker that dies costs no filing its answer."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from application.forms.errors import RendererUnavailable
from infrastructure.pdf.fonts import Typeface
from infrastructure.pdf.fpdf_form_renderer import FpdfFormRenderer
from infrastructure.pdf.pooled_renderer import PooledFormRenderer
from tests.form_examples import every_form

FORMS = every_form()


@pytest.fixture(scope="module")
def pooled() -> Iterator[PooledFormRenderer]:
    renderer = PooledFormRenderer(workers=2)
    yield renderer
    renderer.close()


def test_every_form_renders_to_the_in_process_bytes(pooled: PooledFormRenderer) -> None:
    here = FpdfFormRenderer()
    assert pooled.fingerprint == here.fingerprint
    for number, form in FORMS.items():
        assert pooled.render(form) == here.render(form), number


def test_a_killed_worker_is_replaced_and_the_form_rendered(pooled: PooledFormRenderer) -> None:
    receipt = next(iter(FORMS.values()))
    expected = pooled.render(receipt)
    killed = pooled.worker_pids()
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    assert pooled.render(receipt) == expected
    assert not set(pooled.worker_pids()) & set(killed)


def test_workers_that_cannot_start_make_the_renderer_unavailable(tmp_path: Path) -> None:
    # The font files are gone: each worker fails its start, the pool is replaced once
    # and fails again, and the caller is told to retry rather than handed a traceback.
    gone = Typeface({style: tmp_path / f"gone{style}.ttf" for style in ("", "B", "I")})
    renderer = PooledFormRenderer(typeface=gone)
    try:
        with pytest.raises(RendererUnavailable):
            renderer.render(next(iter(FORMS.values())))
    finally:
        renderer.close()


def test_starting_starts_every_worker_before_any_form() -> None:
    renderer = PooledFormRenderer(workers=2)
    try:
        renderer.start()
        assert len(renderer.worker_pids()) == 2
    finally:
        renderer.close()
