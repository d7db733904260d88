"""The staff pages and the receipt and appointment slip."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
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
    "receipt.pdf": (
        "Tải bản PDF (Mẫu số 01, Thông tư 03/2025/TT-VPCP)",
        "Download the PDF (form 01 of Circular 03/2025/TT-VPCP)",
    ),
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
}
