"""The forms' fixtures: poppler (``tests/poppler.py``) and the real renderer."""

from __future__ import annotations

import pytest

from infrastructure.pdf.fpdf_form_renderer import FpdfFormRenderer
from tests.poppler import Poppler, ensure_poppler


@pytest.fixture(scope="session")
def poppler(tmp_path_factory: pytest.TempPathFactory) -> Poppler:
    ensure_poppler()
    return Poppler(tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="session")
def renderer() -> FpdfFormRenderer:
    return FpdfFormRenderer()
