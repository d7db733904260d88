"""Forms 01–05 on one A4 sheet each, worded after Annex I of Circular 03/2025/TT-VPCP."""

from __future__ import annotations

from application.forms.data import (
    Apology,
    Case,
    IntakeRefusal,
    Letter,
    Receipt,
    StopNotice,
    SupplementRequest,
)
from infrastructure.pdf.sheet import Sheet

SIGN = "(Ký và ghi rõ họ tên)"
SIGN_AND_SEAL = "(Ký, ghi rõ họ tên và đóng dấu)"
RECIPIENTS = ("Nơi nhận:", "- Như trên;", "- Lưu: VT, Bộ phận Một cửa.")


def _desk(case: Case) -> str:
    return f"Bộ phận Một cửa - {case.desk}"


def _applicant(sheet: Sheet, case: Case, lead: str) -> None:
    sheet.fact(lead, case.applicant, strong=True)
    sheet.fact("Địa chỉ", case.address)
    sheet.fact("Số điện thoại", case.phone)
    sheet.fact("Nội dung yêu cầu giải quyết", case.procedure)


def receipt(sheet: Sheet, form: Receipt) -> None:
    sheet.fact("Mã hồ sơ", form.case.code, strong=True)
    sheet.paragraph(_desk(form.case))
    _applicant(sheet, form.case, "Tiếp nhận hồ sơ của")
    sheet.paragraph("1. Thành phần hồ sơ nộp gồm:")
    sheet.items(form.documents)
    sheet.paragraph(f"2. Số lượng hồ sơ: 01 (bộ); hình thức nộp: {form.channel}.")
    sheet.paragraph(f"3. Thời gian giải quyết hồ sơ theo quy định là: {form.time_limit}.")
    sheet.paragraph(f"4. Thời gian nhận hồ sơ: {form.received_at}.")
    sheet.fact("5. Thời gian trả kết quả giải quyết hồ sơ", f"ngày {form.due_date}", strong=True)
    if form.fee:
        sheet.paragraph(
            f"Phí, lệ phí phải nộp: {form.fee}. Thời hạn giải quyết tính từ khi nộp đủ; "
            "ngày trả kết quả lùi thêm bằng số ngày làm việc chờ nộp."
        )
    sheet.paragraph(f"6. Nhận kết quả tại: {_desk(form.case)}.")
    sheet.paragraph(
        f"Tra cứu tình trạng hồ sơ bằng mã hồ sơ {form.case.code} và mã tra cứu "
        "được cấp khi nộp hồ sơ."
    )
    sheet.signatures(
        ("NGƯỜI NỘP HỒ SƠ", SIGN, form.case.applicant),
        ("NGƯỜI TIẾP NHẬN HỒ SƠ", SIGN, form.officer.name),
    )


def supplement_request(sheet: Sheet, form: SupplementRequest) -> None:
    sheet.fact("Mã hồ sơ", form.case.code, strong=True)
    _applicant(sheet, form.case, "Hồ sơ của")
    sheet.paragraph(
        f"Sau khi xem xét, {_desk(form.case)} đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ "
        "gồm những nội dung sau:"
    )
    sheet.items(form.documents)
    sheet.fact("Lý do", form.reason)
    sheet.paragraph(
        "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ "
        f"{form.officer.role.lower()} {form.officer.name}, {form.officer.unit} "
        "để được hướng dẫn."
    )
    sheet.paragraph("Xin trân trọng cảm ơn!", style="I")
    sheet.signatures(("NGƯỜI HƯỚNG DẪN", SIGN, form.officer.name))


def intake_refusal(sheet: Sheet, form: IntakeRefusal) -> None:
    sheet.fact("Mã hồ sơ", form.case.code, strong=True)
    sheet.paragraph(_desk(form.case))
    _applicant(sheet, form.case, "Tiếp nhận hồ sơ của")
    sheet.paragraph(
        f"Qua xem xét, {_desk(form.case)} thông báo không tiếp nhận, giải quyết hồ sơ này "
        "với lý do cụ thể như sau:"
    )
    sheet.paragraph(form.reason, indent=8)
    sheet.paragraph("Xin thông báo cho Ông/Bà được biết và thực hiện./.")
    sheet.signatures(("NGƯỜI TIẾP NHẬN HỒ SƠ", SIGN, form.officer.name))


def _addressed(sheet: Sheet, form: Apology | StopNotice) -> None:
    sheet.fact("Kính gửi", f"Ông/Bà {form.case.applicant}", strong=True)
    sheet.fact("Địa chỉ", form.case.address)
    sheet.ln(2)
    sheet.paragraph(
        f"Ngày {form.received_on}, {_desk(form.case)} tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ "
        f"{form.case.code}, đề nghị giải quyết thủ tục: {form.case.procedure}."
    )


def _committee(unit_name: str) -> str:
    """``Tỉnh Lào Cai`` → ``Ủy ban nhân dân tỉnh Lào Cai``, as a sentence names it."""
    return f"Ủy ban nhân dân {unit_name[:1].lower()}{unit_name[1:]}"


def _leader(sheet: Sheet, form: Letter) -> None:
    heading = f"TM. ỦY BAN NHÂN DÂN\n{form.officer.role.upper()}"
    sheet.signatures((heading, SIGN_AND_SEAL, form.officer.name), aside=RECIPIENTS)


def apology(sheet: Sheet, form: Apology) -> None:
    unit = _committee(form.officer.unit)
    _addressed(sheet, form)
    sheet.paragraph(f"Thời hạn trả kết quả theo giấy tiếp nhận: ngày {form.due_date}.")
    sheet.paragraph(f"Tuy nhiên đến nay, {unit} chưa giải quyết xong hồ sơ của Ông/Bà.")
    sheet.fact("Lý do", form.reason)
    sheet.paragraph(
        f"Sự chậm trễ này gây phiền hà, tốn kém thời gian, công sức của Ông/Bà. {unit} "
        "trân trọng xin lỗi Ông/Bà và đề nghị gia hạn thời gian giải quyết hồ sơ."
    )
    sheet.fact("Ngày hẹn trả kết quả mới", form.new_due_date, strong=True)
    sheet.paragraph("Xin trân trọng cảm ơn!", style="I")
    _leader(sheet, form)


def stop_notice(sheet: Sheet, form: StopNotice) -> None:
    _addressed(sheet, form)
    sheet.paragraph(f"{_committee(form.officer.unit)} thông báo dừng giải quyết hồ sơ nêu trên.")
    sheet.fact("Lý do", form.reason)
    sheet.paragraph("Xin thông báo để Ông/Bà được biết./.")
    _leader(sheet, form)
