"""The seven forms as A4 PDFs: searchable Vietnamese, the same bytes every time.

(The pictures in ``docs/screenshots`` are the forms the running server serves: the
browser-test run, ``tests/e2e/web/test_forms_served.py``.)
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from application.forms.data import ControlSlip, Receipt
from application.forms.issuance import TITLES, FormNumber
from application.forms.letters import letter
from infrastructure.pdf.fonts import FontMissing, Typeface
from infrastructure.pdf.fpdf_form_renderer import FpdfFormRenderer
from tests.examples import units_on
from tests.form_examples import every_form, returned_history
from tests.poppler import Poppler

ROOT = Path(__file__).resolve().parents[3]
FORMS = every_form()
HEADING = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

# What a reader must find in each form's text: codes, names, dates, units, officers.
EXPECTED: dict[FormNumber, tuple[str, ...]] = {
    FormNumber.RECEIPT: (
        "02644-270111-0001",
        "Nguyễn Thị Mai",
        "UBND PHƯỜNG CỐC LẾU",
        "Cốc Lếu, ngày 11 tháng 01 năm 2027",
        "09 giờ 15 phút, ngày 11/01/2027",
        "12/02/2027",
        "20 ngày làm việc",
        "Bản khai đề nghị hưởng chế độ ưu đãi",
        "Lò Thị Hoa",
    ),
    FormNumber.SUPPLEMENT_REQUEST: (
        "02644-270111-0001",
        "Nguyễn Thị Mai",
        "Bản sao giấy khai sinh",
        "Thiếu bản sao giấy khai sinh",
        "Cốc Lếu, ngày 12 tháng 01 năm 2027",
    ),
    FormNumber.INTAKE_REFUSAL: (
        "02644-270112-0002",
        "Thủ tục không thuộc thẩm quyền của phường",
        "Cốc Lếu, ngày 12 tháng 01 năm 2027",
    ),
    FormNumber.APOLOGY: (
        "02644-270111-0001",
        "UBND TỈNH LÀO CAI",
        "11/01/2027",
        "15/02/2027",
        "22/02/2027",
        "Cần xác minh thêm hồ sơ gốc",
        "Trần Quốc Hùng",
    ),
    FormNumber.STOP_NOTICE: (
        "02644-270111-0003",
        "Người nộp hồ sơ đã qua đời",
        "Hoàng Văn Nam",
        "Cốc Lếu, ngày 15 tháng 01 năm 2027",
    ),
    FormNumber.CONTROL_SLIP: (
        "02644-270111-0001",
        "Chuyển hồ sơ đến Tỉnh Lào Cai",
        "Chuyên viên (Vàng A Sử)",
        "09:00 19/01/2027",
        "Lãnh đạo (Trần Quốc Hùng)",
        "14:30 15/02/2027",
        "Trước hạn",
        "Thành phố Lào Cai",
    ),
    FormNumber.LOG_BOOK: (
        "02644-270111-0001",
        "02644-270111-0003",
        "Từ ngày 01/01/2027 đến ngày 31/01/2027",
        "13/01/2027",
        "15/02/2027",
        "Tỉnh Lào Cai",
    ),
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("number", list(FormNumber))
def test_each_form_prints_its_facts_as_searchable_vietnamese_text(
    number: FormNumber, renderer: FpdfFormRenderer, poppler: Poppler
) -> None:
    text = poppler.text(renderer.render(FORMS[number]), f"form-{number}")
    for expected in (*HEADING, TITLES[number], f"Mẫu số {number}", *EXPECTED[number]):
        assert expected in text, expected


@pytest.mark.parametrize("number", list(FormNumber))
def test_each_form_is_an_a4_page_dated_by_its_own_step(
    number: FormNumber, renderer: FpdfFormRenderer, poppler: Poppler
) -> None:
    info = poppler.info(renderer.render(FORMS[number]), f"info-{number}")
    assert info["Page size"].endswith("(A4)")
    assert info["Pages"] == "1"
    # The log book (many columns) is landscape, the others portrait.
    width, height = (float(side) for side in info["Page size"].split(" pts")[0].split(" x "))
    assert (width > height) == (number == FormNumber.LOG_BOOK)
    assert info["Producer"] == "Motcua"


def test_the_same_form_gives_the_same_bytes_twice_and_after_later_events(
    renderer: FpdfFormRenderer,
) -> None:
    history = returned_history()
    receipt = letter(FormNumber.RECEIPT, history, units_on)
    first = renderer.render(receipt)
    assert sha256(renderer.render(receipt)) == sha256(first)
    # Rendered from the history as it stood right after the receipt: what the command sees.
    at_receipt = letter(FormNumber.RECEIPT, history[:2], units_on)
    assert sha256(FpdfFormRenderer().render(at_receipt)) == sha256(first)


def test_another_process_in_another_time_zone_renders_the_same_bytes(
    renderer: FpdfFormRenderer,
) -> None:
    script = (
        "import hashlib, json\n"
        "from tests.form_examples import every_form\n"
        "from infrastructure.pdf.fpdf_form_renderer import FpdfFormRenderer\n"
        "renderer = FpdfFormRenderer()\n"
        "print(json.dumps({n: hashlib.sha256(renderer.render(f)).hexdigest()"
        " for n, f in every_form().items()}))\n"
    )
    env = {**os.environ, "TZ": "America/New_York", "PYTHONHASHSEED": "12345"}
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    here = {number: sha256(renderer.render(form)) for number, form in FORMS.items()}
    assert json.loads(run.stdout) == here


def test_letters_typed_with_combining_accents_print_as_precomposed_text(
    renderer: FpdfFormRenderer, poppler: Poppler
) -> None:
    receipt = FORMS[FormNumber.RECEIPT]
    assert isinstance(receipt, Receipt)
    decomposed = "Nguye\u0302\u0303n Thi\u0323 Mai"  # "Nguyễn Thị Mai" in NFD
    typed = replace(receipt, case=replace(receipt.case, applicant=decomposed))
    assert renderer.render(typed) == renderer.render(receipt)
    assert "Nguyễn Thị Mai" in poppler.text(renderer.render(typed), "nfd")


def test_a_missing_font_names_the_debian_package(tmp_path: Path) -> None:
    with pytest.raises(FontMissing, match="fonts-dejavu-core"):
        Typeface.dejavu_serif(tmp_path)


def test_the_fingerprint_names_library_and_fonts(renderer: FpdfFormRenderer) -> None:
    assert len(renderer.fingerprint) == 64
    assert FpdfFormRenderer().fingerprint == renderer.fingerprint


def test_page_one_of_each_form_as_a_picture(
    renderer: FpdfFormRenderer, poppler: Poppler, tmp_path: Path
) -> None:
    for number, form in FORMS.items():
        png = poppler.first_page_png(renderer.render(form), tmp_path / f"forms-{number}.png")
        assert png.read_bytes().startswith(b"\x89PNG")


def test_a_long_control_slip_runs_onto_more_pages_and_keeps_every_step(
    renderer: FpdfFormRenderer, poppler: Poppler
) -> None:
    slip = FORMS[FormNumber.CONTROL_SLIP]
    assert isinstance(slip, ControlSlip)
    steps = tuple(replace(step, index=index) for index, step in enumerate(slip.steps * 6, 1))
    pdf = renderer.render(replace(slip, steps=steps))
    assert int(poppler.info(pdf, "long")["Pages"]) >= 2
    assert "Trả kết quả trực tiếp tại Bộ phận Một cửa" in poppler.text(pdf, "long").split(" 54 ")[1]


def test_forms_rendered_at_once_in_threads_give_the_same_bytes(
    renderer: FpdfFormRenderer,
) -> None:
    # The faces are parsed once per process and shared by every sheet (commands render
    # off the event loop, several at a time): no sheet may see another's letters.
    expected = {number: sha256(renderer.render(form)) for number, form in FORMS.items()}
    fresh = FpdfFormRenderer()
    jobs = [(number, form) for number, form in FORMS.items()] * 4
    with ThreadPoolExecutor(max_workers=8) as pool:
        digests = list(pool.map(lambda job: (job[0], sha256(fresh.render(job[1]))), jobs))
    assert all(digest == expected[number] for number, digest in digests)


def test_every_vietnamese_letter_prints_as_searchable_text(
    renderer: FpdfFormRenderer, poppler: Poppler
) -> None:
    # The faces are cut to the letters a form can hold: none of Vietnamese may be missing.
    vowels = "aăâeêioôơuưy"
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    words = ["".join(unicodedata.normalize("NFC", v + t) for t in tones) for v in vowels]
    alphabet = " ".join([*words, *(word.upper() for word in words), "đĐ"])
    receipt = FORMS[FormNumber.RECEIPT]
    assert isinstance(receipt, Receipt)
    typed = replace(receipt, case=replace(receipt.case, address=alphabet))
    assert alphabet in poppler.text(renderer.render(typed), "alphabet")
