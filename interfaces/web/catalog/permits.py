"""Checking a permit."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
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
}
