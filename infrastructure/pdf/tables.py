"""Forms 06 and 07: the control slip (portrait) and the log book (landscape), as tables."""

from __future__ import annotations

from fpdf.enums import Align, TableCellFillMode
from fpdf.fonts import FontFace

from application.forms.data import ControlSlip, LogBook
from infrastructure.pdf.fonts import FAMILY
from infrastructure.pdf.sheet import Sheet

_HEADINGS = FontFace(family=FAMILY, emphasis="BOLD", size_pt=8.5, fill_color=(235, 235, 235))


def control_slip(sheet: Sheet, form: ControlSlip) -> None:
    sheet.fact("Mã hồ sơ", form.case.code, strong=True)
    sheet.fact("Người nộp hồ sơ", form.case.applicant)
    sheet.fact("Thủ tục", form.case.procedure)
    sheet.fact("Tiếp nhận tại", f"Bộ phận Một cửa - {form.case.desk}, {form.received_at}")
    sheet.fact("Hẹn trả kết quả", form.due_date, strong=True)
    sheet.fact("Cơ quan, đơn vị giải quyết hồ sơ", "; ".join(form.handling_units))
    sheet.ln(3)
    sheet.set_font(FAMILY, size=8.5)
    headings = (
        "STT",
        "Bước xử lý",
        "Cơ quan, đơn vị",
        "Người thực hiện",
        "Thời gian",
        "Kết quả (trước hạn/ đúng hạn/ quá hạn)",
        "Ghi chú",
    )
    with sheet.table(
        col_widths=(8, 26, 17, 20, 16, 14, 26),
        headings_style=_HEADINGS,
        line_height=4.2,
        text_align=(Align.C, Align.L, Align.L, Align.L, Align.C, Align.C, Align.L),
        padding=1,
    ) as table:
        table.row(headings)
        for step in form.steps:
            at = (step.unit, step.officer, step.at)
            table.row((str(step.index), step.action, *at, step.result, step.note))


def log_book(sheet: Sheet, form: LogBook) -> None:
    sheet.set_font(FAMILY, size=7.5)
    dates = (
        "Nhận hồ sơ",
        "Hẹn trả kết quả",
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Nhận kết quả từ cơ quan giải quyết",
        "Trả kết quả cho cá nhân, tổ chức",
    )
    firsts = (
        "STT",
        "Mã hồ sơ",
        "Tên thủ tục hành chính",
        "Số lượng hồ sơ (bộ)",
        "Tên cá nhân, tổ chức",
        "Địa chỉ, số điện thoại",
        "Cơ quan chủ trì giải quyết",
    )
    with sheet.table(
        col_widths=(8, 31, 34, 12, 22, 29, 20, 18, 18, 18, 18, 18, 21),
        headings_style=FontFace(family=FAMILY, emphasis="BOLD", size_pt=7.5),
        cell_fill_mode=TableCellFillMode.NONE,
        num_heading_rows=2,
        line_height=3.6,
        text_align="CENTER",
        padding=0.8,
    ) as table:
        top = table.row()
        for heading in firsts:
            top.cell(heading, rowspan=2)
        top.cell("Ngày, tháng, năm", colspan=len(dates))
        top.cell("Ghi chú", rowspan=2)
        table.row(dates)
        for entry in form.entries:
            table.row(
                (
                    str(entry.index),
                    entry.code,
                    entry.procedure,
                    str(entry.copies),
                    entry.applicant,
                    entry.contact,
                    entry.handling_unit,
                    entry.received_on,
                    entry.due_date,
                    entry.transferred_on,
                    entry.decided_on,
                    entry.returned_on,
                    entry.note,
                )
            )
