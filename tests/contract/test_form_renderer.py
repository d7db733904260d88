"""The FormRenderer contract, run against every adapter: the same form gives the same
bytes (a stored SHA-256 stays true), different forms give different bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace

import pytest

from application.forms.issuance import FormNumber
from application.forms.ports import FormRenderer
from infrastructure.memory.form_renderer import PlainTextFormRenderer
from infrastructure.pdf.fpdf_form_renderer import FpdfFormRenderer
from infrastructure.pdf.pooled_renderer import PooledFormRenderer
from tests.form_examples import every_form

FORMS = every_form()


@pytest.fixture(params=["plain-text", "fpdf", "fpdf-workers"], scope="module")
def renderer(request: pytest.FixtureRequest) -> Iterator[FormRenderer]:
    if request.param == "fpdf-workers":
        pooled = PooledFormRenderer(workers=1)
        yield pooled
        pooled.close()
    else:
        yield PlainTextFormRenderer() if request.param == "plain-text" else FpdfFormRenderer()


def test_the_same_form_renders_to_the_same_bytes(renderer: FormRenderer) -> None:
    for form in FORMS.values():
        assert renderer.render(form) == renderer.render(replace(form))


def test_each_form_renders_to_its_own_bytes(renderer: FormRenderer) -> None:
    digests = {hashlib.sha256(renderer.render(form)).hexdigest() for form in FORMS.values()}
    assert len(digests) == len(FormNumber)
    receipt = FORMS[FormNumber.RECEIPT]
    moved = replace(receipt, issued_at=receipt.issued_at.replace(year=2028))
    assert renderer.render(moved) != renderer.render(receipt)


def test_the_fingerprint_is_a_stable_digest(renderer: FormRenderer) -> None:
    assert len(renderer.fingerprint) == 64
    assert renderer.fingerprint == renderer.fingerprint
