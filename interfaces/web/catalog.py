"""Every string the pages show, in Vietnamese (the default) and English.

Keys are dotted names; ``{name}`` placeholders are filled by :class:`Translator`. A unit
test checks that both languages name the same placeholders and that the templates use
no key missing here.
"""

from __future__ import annotations

# key: (Vietnamese, English)
CATALOG: dict[str, tuple[str, str]] = {
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
    "status.approved": ("Đã có kết quả", "Result ready"),
    "status.refused": ("Từ chối giải quyết", "Refused"),
    "status.result_returned": ("Đã trả kết quả", "Result returned"),
    "status.intake_refused": ("Từ chối tiếp nhận", "Not accepted at intake"),
    "status.withdrawn": ("Đã rút hồ sơ", "Withdrawn"),
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
    "badge.overdue": ("Quá hạn", "Overdue"),
    "badge.late": ("Trễ hạn", "Late"),
    "badge.on_schedule": ("Trong hạn", "Within the time limit"),
    "badge.on_time": ("Đúng hạn", "On time"),
    "overdue.explain": (
        "Hồ sơ đã quá ngày hẹn trả kết quả.",
        "The dossier is past its appointment date.",
    ),
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
    "event.ResultReturned": ("Trả kết quả", "Result returned"),
    "event.Withdrawn": ("Rút hồ sơ", "Withdrawn"),
    "event.IntakeRefused": ("Từ chối tiếp nhận", "Refused at intake"),
    "event.Rated": ("Đánh giá", "Rated"),
    "role.clerk": ("Cán bộ một cửa", "Desk clerk"),
    "role.specialist": ("Chuyên viên", "Specialist"),
    "role.leader": ("Lãnh đạo", "Leader"),
    "role.auditor": ("Thanh tra", "Auditor"),
    "role.admin": ("Quản trị", "Administrator"),
    "role.clinician": ("Y bác sĩ", "Clinician"),
    "role.citizen": ("Công dân", "Citizen"),
    # -- staff pages
    "staff.login.title": ("Đăng nhập cán bộ", "Staff sign-in"),
    "staff.login.intro": (
        "Dán mã truy cập (token) được cấp cho bạn. Mã được giữ trong cookie của trình "
        "duyệt này cho tới khi bạn đăng xuất.",
        "Paste the access token you were issued. This browser keeps it in a cookie until "
        "you sign out.",
    ),
    "staff.token": ("Mã truy cập", "Access token"),
    "staff.login.submit": ("Đăng nhập", "Sign in"),
    "staff.logout": ("Đăng xuất", "Sign out"),
    "staff.bad_token": (
        "Mã truy cập không hợp lệ hoặc đã hết hạn.",
        "The access token is invalid or has expired.",
    ),
    "staff.signed_in": ("Đăng nhập với vai trò {role}, đơn vị {unit}", "Signed in: {role}, {unit}"),
    "staff.find.title": ("Xem hành trình hồ sơ", "Open a dossier's journey"),
    "staff.find.submit": ("Mở", "Open"),
    "staff.receipt.link": ("In giấy tiếp nhận", "Print a receipt"),
    "staff.history": ("Nhật ký sự kiện", "Event log"),
    "staff.event": ("Sự kiện", "Event"),
    "staff.who": ("Người thực hiện", "By"),
    "staff.role": ("Vai trò", "Role"),
    "staff.unit": ("Đơn vị", "Unit"),
    # -- the receipt and appointment slip
    "receipt.form.title": ("In giấy tiếp nhận và hẹn trả kết quả", "Print a receipt"),
    "receipt.form.intro": (
        "Nhập mã hồ sơ và mã bí mật mà hệ thống trả về khi tiếp nhận: mã bí mật chỉ hiển "
        "thị một lần, lúc tiếp nhận.",
        "Enter the code and the secret the system returned on filing: the secret is shown "
        "only once, at filing.",
    ),
    "receipt.form.submit": ("Xem bản in", "Show the printable slip"),
    "receipt.nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "receipt.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "receipt.title": ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "RECEIPT AND APPOINTMENT SLIP"),
    "receipt.desk": ("Bộ phận tiếp nhận và trả kết quả", "Receiving and returning desk"),
    "receipt.applicant": ("Họ và tên người nộp", "Applicant"),
    "receipt.address": ("Địa chỉ", "Address"),
    "receipt.phone": ("Số điện thoại", "Phone"),
    "receipt.documents": ("Thành phần hồ sơ", "Documents"),
    "receipt.received": ("Thời gian tiếp nhận", "Received at"),
    "receipt.channel": ("Hình thức nộp", "Filed"),
    "receipt.lookup": (
        "Tra cứu tình trạng hồ sơ tại {url} bằng mã hồ sơ và mã bí mật.",
        "Follow the dossier at {url} with its code and secret.",
    ),
    "receipt.keep": (
        "Vui lòng giữ giấy này để tra cứu và nhận kết quả.",
        "Keep this slip to follow the dossier and collect the result.",
    ),
    "receipt.print_hint": (
        "Dùng chức năng In của trình duyệt (Ctrl+P) để in giấy này.",
        "Use the browser's Print (Ctrl+P) to print this slip.",
    ),
    "receipt.sign.applicant": ("Người nộp hồ sơ", "Applicant"),
    "receipt.sign.clerk": ("Người tiếp nhận", "Received by"),
    "receipt.sign.hint": ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    "channel.desk": ("Trực tiếp tại bộ phận một cửa", "At the desk"),
    "channel.online": ("Trực tuyến", "Online"),
    "channel.post": ("Qua bưu chính", "By post"),
    # -- permits
    "nav.permit": ("Kiểm tra giấy phép", "Check a permit"),
    "permit.title": ("Kiểm tra giấy phép", "Check a permit"),
    "permit.heading": ("Giấy phép số {number}", "Permit {number}"),
    "permit.number": ("Số giấy phép", "Permit number"),
    "permit.check": ("Kiểm tra", "Check"),
    "permit.kind": ("Loại giấy phép", "Kind"),
    "permit.valid_from": ("Có hiệu lực từ", "Valid from"),
    "permit.valid_until": ("Đến hết ngày", "Valid until"),
    "permit.issuer": ("Cơ quan cấp", "Issued by"),
    "permit.as_of": ("Tình trạng tính đến ngày {date}.", "Status as of {date}."),
    "permit.status.valid": ("Còn hiệu lực", "Valid"),
    "permit.status.suspended": ("Đang bị đình chỉ", "Suspended"),
    "permit.status.revoked": ("Đã bị thu hồi", "Revoked"),
    "permit.status.expired": ("Đã hết hiệu lực", "Expired"),
    "permit.qr": (
        "Mã QR dẫn tới trang kiểm tra này",
        "QR code that opens this check",
    ),
    "permit.not_found": (
        "Không có giấy phép nào mang số này. Vui lòng kiểm tra lại số giấy phép.",
        "No permit has this number. Please check the number.",
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
