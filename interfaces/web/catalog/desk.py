"""The officer's desk: the inbox, receiving, a dossier's actions, and form mistakes."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # -- the desk's navigation
    "desk.nav.label": ("Bàn làm việc của cán bộ", "The officer's desk"),
    "desk.nav.inbox": ("Hộp thư hồ sơ", "Inbox"),
    "desk.nav.intake": ("Tiếp nhận hồ sơ", "Receive a dossier"),
    "desk.nav.find": ("Mở hồ sơ theo mã", "Open by code"),
    "staff.login.oidc": (
        "Đăng nhập qua hệ thống định danh của tỉnh",
        "Sign in with the province's identity service",
    ),
    # -- the inbox
    "inbox.title": ("Hộp thư hồ sơ", "Inbox"),
    "inbox.intro": (
        "Hồ sơ đang chờ {role} tại {unit} xử lý; hồ sơ quá hạn và hạn gần nhất ở trên cùng.",
        "Dossiers waiting for a {role} at {unit}; overdue and earliest due first.",
    ),
    "inbox.counts": ("Số hồ sơ theo tình trạng", "Dossiers by status"),
    "inbox.all": ("Tất cả", "All"),
    "inbox.overdue": ("Quá hạn", "Overdue"),
    "inbox.filters": ("Lọc và tìm kiếm", "Filter and search"),
    "inbox.status": ("Tình trạng", "Status"),
    "inbox.procedure": ("Thủ tục", "Procedure"),
    "inbox.any": ("— Tất cả —", "— Any —"),
    "inbox.only_overdue": ("Chỉ hồ sơ quá hạn", "Overdue only"),
    "desk.forms": ("Mẫu in (Thông tư 03/2025/TT-VPCP)", "Forms to print (Circular 03/2025)"),
    "desk.form": ("Mẫu số {number} (PDF)", "Form {number} (PDF)"),
    "inbox.only_at_risk": ("Chỉ hồ sơ có nguy cơ trễ hạn", "At risk of being late only"),
    "inbox.at_risk": ("Hồ sơ có nguy cơ trễ hạn", "At risk of being late"),
    "inbox.risk": ("nguy cơ {percent}%", "risk {percent}%"),
    "inbox.risk_days": (
        "còn {left} ngày làm việc, các bước còn lại thường cần {usual} ngày",
        "{left} working days left; the rest of its route usually takes {usual}",
    ),
    "inbox.apology_by": (
        "— nếu cần xin lỗi và hẹn lại, gửi chậm nhất ngày {day}",
        "— an apology with a new date, if needed, by {day}",
    ),
    "inbox.q": ("Mã hồ sơ hoặc tên người nộp", "Dossier code or applicant's name"),
    "inbox.q.hint": (
        "Có thể gõ không dấu, ví dụ: nguyen thi mai",
        "Accents may be left out, e.g. nguyen thi mai",
    ),
    "inbox.apply": ("Lọc", "Apply"),
    "inbox.clear": ("Bỏ lọc", "Clear"),
    "inbox.searching": (
        "Kết quả tìm trong mọi hồ sơ đã qua đơn vị của bạn (mới nhất trước).",
        "Results among every dossier that passed through your unit (newest first).",
    ),
    "inbox.empty": ("Không có hồ sơ nào.", "No dossier."),
    "inbox.code": ("Mã hồ sơ", "Code"),
    "inbox.applicant": ("Người nộp", "Applicant"),
    "inbox.due": ("Hẹn trả", "Due"),
    "inbox.next": ("Trang sau", "Next page"),
    "inbox.first": ("Về trang đầu", "First page"),
    "inbox.table": ("Danh sách hồ sơ", "Dossiers"),
    # -- receiving
    "intake.title": ("Tiếp nhận hồ sơ", "Receive a dossier"),
    "intake.find": ("Tìm thủ tục theo tên", "Find a procedure by name"),
    "intake.find.submit": ("Tìm", "Find"),
    "intake.procedure": ("Thủ tục hành chính", "Procedure"),
    "intake.procedure.pick": ("— Chọn thủ tục —", "— Pick a procedure —"),
    "intake.procedure.none": (
        "Không có thủ tục nào khớp; hãy tìm với từ khác.",
        "No procedure matches; try other words.",
    ),
    "intake.days": ("{days} ngày làm việc", "{days} working days"),
    "intake.required": ("Giấy tờ phải nộp: {documents}", "Required documents: {documents}"),
    "intake.applicant": ("Người nộp hồ sơ", "Applicant"),
    "intake.full_name": ("Họ và tên", "Full name"),
    "intake.citizen_id": ("Số CCCD (12 chữ số)", "Citizen id (12 digits)"),
    "intake.phone": ("Số điện thoại (nếu có)", "Phone (optional)"),
    "intake.address": ("Địa chỉ (nếu có)", "Address (optional)"),
    "intake.documents": ("Thành phần hồ sơ, mỗi dòng một giấy tờ", "Documents, one per line"),
    "intake.channel": ("Hình thức nộp", "Channel"),
    "intake.submit": ("Tiếp nhận và in giấy hẹn", "Receive and print the slip"),
    "intake.online": (
        "Hồ sơ nộp trực tuyến được tiếp nhận hoặc từ chối ngay trên trang của hồ sơ.",
        "An online submission is received or refused on its own page.",
    ),
    # -- a dossier's actions
    "desk.actions": ("Việc bạn có thể làm", "What you may do"),
    "desk.no_actions": (
        "Vai trò của bạn không có việc nào với hồ sơ ở tình trạng này.",
        "Your role has nothing to do on this dossier in its current state.",
    ),
    "desk.applicant": ("Người nộp", "Applicant"),
    "desk.documents": ("Thành phần hồ sơ", "Documents"),
    "desk.result": ("Kết quả", "Result"),
    "desk.done": ("Đã ghi nhận: {action}.", "Recorded: {action}."),
    "desk.changed.title": ("Hồ sơ vừa được thay đổi", "The dossier changed meanwhile"),
    "desk.changed": (
        "Trong lúc bạn xem, hồ sơ đã được người khác cập nhật nên thao tác chưa được "
        "thực hiện. Dưới đây là tình trạng mới nhất; hãy xem lại rồi thao tác lại nếu "
        "vẫn cần.",
        "Someone else changed the dossier while you had it open, so nothing was done. "
        "Below is its current state; check it and act again if still needed.",
    ),
    "action.receive": ("Tiếp nhận hồ sơ", "Receive"),
    "action.refuse_intake": ("Từ chối tiếp nhận", "Refuse at intake"),
    "action.request_supplement": ("Yêu cầu bổ sung hồ sơ", "Ask for documents"),
    "action.supplement": ("Ghi nhận giấy tờ bổ sung", "Record the documents handed in"),
    "action.transfer": ("Chuyển bước tiếp theo", "Hand on to the next step"),
    "action.approve": ("Phê duyệt, ban hành kết quả", "Approve, issue the result"),
    "action.refuse": ("Từ chối giải quyết", "Refuse"),
    "action.apologize": ("Xin lỗi, hẹn lại ngày trả", "Apologise, set a new date"),
    "action.return_result": ("Trả kết quả", "Return the result"),
    "action.withdraw": ("Rút hồ sơ theo đề nghị", "Withdraw on request"),
    "action.correct": ("Đính chính kết quả", "Correct the result"),
    "action.stop": ("Dừng giải quyết hồ sơ", "Stop processing"),
    "field.reason": ("Lý do", "Reason"),
    "field.documents": ("Giấy tờ, mỗi dòng một giấy tờ", "Documents, one per line"),
    "field.to_unit": ("Chuyển đến", "To"),
    "field.note": ("Ghi chú (nếu có)", "Note (optional)"),
    "field.result": ("Số, ký hiệu văn bản kết quả", "Number of the decision"),
    "field.new_due_date": ("Ngày hẹn trả mới (dd/mm/yyyy)", "New due date (dd/mm/yyyy)"),
    "field.new_due_date.hint": ("Ví dụ: 31/12/2026", "For example: 31/12/2026"),
    "field.channel": ("Hình thức trả", "How"),
    # -- mistakes, next to the field they concern
    "mistake.summary": (
        "Chưa thực hiện được: vui lòng sửa các mục được đánh dấu bên dưới.",
        "Nothing was done yet: please correct the marked fields below.",
    ),
    "mistake.missing": ("Vui lòng điền mục này.", "Please fill this in."),
    "mistake.too_long": ("Quá dài: tối đa {most} ký tự.", "Too long: at most {most} characters."),
    "mistake.no_items": ("Cần ít nhất một dòng.", "At least one line is needed."),
    "mistake.too_many": ("Quá nhiều dòng: tối đa {most}.", "Too many lines: at most {most}."),
    "mistake.choice": ("Vui lòng chọn một mục trong danh sách.", "Please pick one from the list."),
    "mistake.date": (
        "Ngày chưa đúng: hãy viết theo dạng dd/mm/yyyy, ví dụ 31/12/2026.",
        "Not a date: write it as dd/mm/yyyy, e.g. 31/12/2026.",
    ),
    "mistake.pattern": ("Giá trị chưa đúng định dạng.", "Not in the expected form."),
    "mistake.citizen_id": (
        "Số căn cước công dân gồm đúng 12 chữ số.",
        "A citizen id is exactly 12 digits.",
    ),
    "mistake.phone": (
        "Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +).",
        "A phone number is digits (a leading + is allowed).",
    ),
    "mistake.invalid": ("Giá trị chưa hợp lệ.", "This value is not valid."),
    "mistake.input.procedure_code": (
        "Thủ tục này không có hoặc không được tiếp nhận tại cấp của đơn vị bạn.",
        "This procedure does not exist or is not received at your unit's level.",
    ),
    "mistake.appointment": (
        "Ngày hẹn mới phải sau ngày hẹn hiện tại.",
        "The new date must come after the current due date.",
    ),
    "mistake.route": (
        "Quy trình của thủ tục không cho phép bước này ở đây.",
        "The procedure's route does not allow this step here.",
    ),
    "mistake.csrf": (
        "Biểu mẫu đã hết hạn hoặc không hợp lệ; vui lòng tải lại trang rồi thử lại.",
        "The form has expired or is not valid; reload the page and try again.",
    ),
}
