"""A citizen's lookup, a dossier, and its journey diagram."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # -- the citizen's lookup
    "lookup.title": ("Tra cứu tình trạng hồ sơ", "Check your dossier"),
    "lookup.intro": (
        "Nhập mã hồ sơ và mã bí mật in trên giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
        "Enter the dossier code and the secret printed on your receipt and appointment slip.",
    ),
    "lookup.code": ("Mã hồ sơ", "Dossier code"),
    "lookup.code.hint": ("Ví dụ: {example}", "For example: {example}"),
    "lookup.secret": ("Mã bí mật tra cứu", "Lookup secret"),
    "lookup.secret.hint": (
        "Gồm chữ và số, in ngay dưới mã hồ sơ",
        "Letters and digits, printed below the dossier code",
    ),
    "lookup.submit": ("Tra cứu", "Look up"),
    "lookup.not_found.title": ("Không tìm thấy hồ sơ", "No dossier found"),
    "lookup.not_found": (
        "Chúng tôi không tìm thấy hồ sơ với mã hồ sơ và mã bí mật này. Vui lòng đối chiếu "
        "lại với giấy tiếp nhận rồi thử lại.",
        "We found no dossier with this code and secret. Please check both against your "
        "receipt and try again.",
    ),
    "lookup.limited.title": ("Vui lòng thử lại sau", "Please try again later"),
    "lookup.limited": (
        "Đã có quá nhiều lần tra cứu không thành công. Để bảo vệ hồ sơ của công dân, vui "
        "lòng chờ khoảng {minutes} phút rồi thử lại.",
        "There were too many unsuccessful attempts. To protect citizens' dossiers, please "
        "wait about {minutes} min and try again.",
    ),
    # -- a dossier
    "dossier.heading": ("Hồ sơ {code}", "Dossier {code}"),
    "dossier.procedure": ("Thủ tục", "Procedure"),
    "dossier.status": ("Tình trạng", "Status"),
    "dossier.received": ("Ngày tiếp nhận", "Received on"),
    "dossier.appointment": ("Ngày hẹn trả kết quả", "Result due on"),
    "dossier.where": ("Nơi đang xử lý", "Now handled by"),
    "dossier.timeline": ("Quá trình giải quyết", "Progress"),
    "dossier.journey": ("Hành trình của hồ sơ", "The dossier's journey"),
    "timeline.when": ("Thời gian", "When"),
    "timeline.status": ("Tình trạng", "Status"),
    "timeline.where": ("Nơi xử lý", "Where"),
    "lookup.again": ("Tra cứu hồ sơ khác", "Look up another dossier"),
    # -- the journey diagram
    "level.commune": ("Cấp xã", "Commune"),
    "level.district": ("Cấp huyện", "District"),
    "level.province": ("Cấp tỉnh", "Province"),
    "journey.due": ("Hẹn trả {date}", "Due {date}"),
    "journey.new_due": ("Hẹn lại {date}", "New date {date}"),
    "journey.pause": ("Chờ bổ sung", "Waiting"),
    "journey.handoff": ("{date}: chuyển từ {source} đến {target}", "{date}: {source} to {target}"),
    "journey.summary": (
        "Hồ sơ qua {lanes} cấp, {handoffs} lần chuyển giữa các cấp.",
        "The dossier went through {lanes} level(s) with {handoffs} hand-off(s).",
    ),
    "legend.arrow": ("Mũi tên: chuyển hồ sơ, kèm ngày chuyển", "Arrow: a hand-off, with its date"),
    "legend.pause": (
        "Vùng tô: chờ bổ sung, thời hạn tạm dừng",
        "Shaded: waiting for documents, the clock stopped",
    ),
    "legend.due": ("Nét đứt: ngày hẹn trả kết quả", "Dashed line: appointment date"),
    "event.Submitted": ("Nộp hồ sơ", "Filed"),
    "event.Received": ("Tiếp nhận", "Received"),
    "event.Transferred": ("Chuyển hồ sơ", "Handed on"),
    "event.SupplementRequested": ("Yêu cầu bổ sung", "Documents requested"),
    "event.Supplemented": ("Đã bổ sung", "Documents handed in"),
    "event.Approved": ("Phê duyệt", "Approved"),
    "event.Refused": ("Từ chối giải quyết", "Refused"),
    "event.Apologized": ("Xin lỗi, hẹn lại ngày trả", "Apology, new date"),
    "event.DueDateMoved": (
        "Dời ngày hẹn theo lịch nghỉ được công bố",
        "Due date moved by the calendar",
    ),
    "event.ResultReturned": ("Trả kết quả", "Result returned"),
    "event.Withdrawn": ("Rút hồ sơ", "Withdrawn"),
    "event.Stopped": ("Dừng giải quyết hồ sơ", "Processing stopped"),
    "event.IntakeRefused": ("Từ chối tiếp nhận", "Refused at intake"),
    "event.Rated": ("Đánh giá", "Rated"),
    "event.DocumentAttached": ("Đính kèm giấy tờ", "Document attached"),
    "event.Corrected": ("Đính chính kết quả", "Result corrected"),
    "event.Paid": ("Đã nộp phí, lệ phí", "Fee paid"),
    "event.Forwarded": ("Chuyển đơn vị có thẩm quyền", "Sent to the competent unit"),
    "event.HandedOver": ("Bàn giao khi sắp xếp đơn vị", "Handed over at a reorganisation"),
    "role.clerk": ("Cán bộ một cửa", "Desk clerk"),
    "role.specialist": ("Chuyên viên", "Specialist"),
    "role.leader": ("Lãnh đạo", "Leader"),
    "role.auditor": ("Thanh tra", "Auditor"),
    "role.admin": ("Quản trị", "Administrator"),
    "role.clinician": ("Y bác sĩ", "Clinician"),
    "role.citizen": ("Công dân", "Citizen"),
    "role.integration": ("Hệ thống kết nối", "Integration client"),
}
