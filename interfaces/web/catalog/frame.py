"""The frame of every page, failures, and statuses in plain words."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # -- the frame of every page
    "site.name": ("Bộ phận Một cửa", "One-stop service desk"),
    "site.skip": ("Bỏ qua, tới nội dung chính", "Skip to the main content"),
    "nav.label": ("Điều hướng chính", "Main navigation"),
    "nav.lookup": ("Tra cứu hồ sơ", "Look up a dossier"),
    "nav.stats": ("Thống kê", "Statistics"),
    "nav.staff": ("Cán bộ", "Staff"),
    "lang.other": ("English", "Tiếng Việt"),
    "lang.other.label": ("Switch to English", "Chuyển sang tiếng Việt"),
    # -- statuses in plain words
    "status.submitted": ("Đã nộp, chờ tiếp nhận", "Filed, waiting for the desk"),
    "status.in_processing": ("Đang giải quyết", "Being processed"),
    "status.awaiting_supplement": ("Chờ bổ sung hồ sơ", "Waiting for more documents"),
    "status.awaiting_payment": ("Chờ nộp phí, lệ phí", "Waiting for the fee"),
    "status.approved": ("Đã có kết quả", "Result ready"),
    "status.refused": ("Từ chối giải quyết", "Refused"),
    "status.result_returned": ("Đã trả kết quả", "Result returned"),
    "status.intake_refused": ("Từ chối tiếp nhận", "Not accepted at intake"),
    "status.withdrawn": ("Đã rút hồ sơ", "Withdrawn"),
    "status.stopped": ("Dừng giải quyết", "Processing stopped"),
    "explain.submitted": (
        "Hồ sơ nộp trực tuyến đang chờ bộ phận một cửa kiểm tra.",
        "Your online filing is waiting for the desk to check it.",
    ),
    "explain.in_processing": (
        "Cán bộ đang xem xét, giải quyết hồ sơ của bạn.",
        "Officers are working on your dossier.",
    ),
    "explain.awaiting_supplement": (
        "Cần bổ sung giấy tờ; thời hạn giải quyết tạm dừng cho tới khi bạn bổ sung.",
        "Documents are missing; the time limit stops until you hand them in.",
    ),
    "explain.awaiting_payment": (
        "Hồ sơ đã được tiếp nhận; mời bạn nộp phí, lệ phí. Thời hạn giải quyết tính từ khi "
        "bạn nộp xong.",
        "Your dossier was received; please pay the fee. The time limit runs once it is paid.",
    ),
    "explain.approved": (
        "Kết quả đã sẵn sàng; mời bạn đến nhận theo giấy hẹn.",
        "The result is ready; collect it as your slip says.",
    ),
    "explain.refused": (
        "Hồ sơ bị từ chối giải quyết; lý do được ghi trong văn bản trả lời.",
        "The request was refused; the written answer gives the reasons.",
    ),
    "explain.result_returned": ("Bạn đã nhận kết quả.", "You have received the result."),
    "explain.intake_refused": (
        "Hồ sơ không được tiếp nhận; lý do được ghi trong phiếu từ chối.",
        "The filing was not accepted; the refusal slip gives the reasons.",
    ),
    "explain.withdrawn": ("Hồ sơ đã được rút theo đề nghị.", "The dossier was withdrawn."),
    "explain.stopped": (
        "Cơ quan giải quyết đã dừng giải quyết hồ sơ; lý do được ghi trong thông báo gửi bạn.",
        "The handling office stopped processing the dossier; its notice to you gives the reasons.",
    ),
    "badge.overdue": ("Quá hạn", "Overdue"),
    "badge.at_risk": ("Nguy cơ trễ hạn", "At risk"),
    "badge.late": ("Trễ hạn", "Late"),
    "badge.on_schedule": ("Trong hạn", "Within the time limit"),
    "badge.on_time": ("Đúng hạn", "On time"),
    "overdue.explain": (
        "Hồ sơ đã quá ngày hẹn trả kết quả.",
        "The dossier is past its appointment date.",
    ),
    # -- failures
    "error.title": ("Không thực hiện được yêu cầu", "The request could not be served"),
    "error.401": ("Vui lòng đăng nhập để xem trang này.", "Please sign in to see this page."),
    "error.403": (
        "Vai trò của bạn không được xem trang này.",
        "Your role may not see this page.",
    ),
    "error.404": ("Không tìm thấy nội dung yêu cầu.", "Nothing was found here."),
    "error.422": ("Thông tin gửi lên chưa hợp lệ.", "What was sent is not valid."),
    "error.503": (
        "Hệ thống đang bận; vui lòng thử lại sau ít phút.",
        "The service is busy; please try again in a few minutes.",
    ),
    "error.other": ("Đã có lỗi; vui lòng thử lại.", "Something went wrong; please try again."),
    "error.back": ("Về trang tra cứu", "Back to the lookup"),
}
