"""How the forms word dates, times, officers and units, as Vietnamese papers print them."""

from __future__ import annotations

from datetime import date, datetime

from domain.calendar import VIETNAM_TZ
from domain.dossiers.status import Channel, Rating
from domain.shared import Role

ROLES: dict[Role, str] = {
    Role.CLERK: "Cán bộ một cửa",
    Role.SPECIALIST: "Chuyên viên",
    Role.LEADER: "Lãnh đạo",
    Role.AUDITOR: "Thanh tra",
    Role.ADMIN: "Quản trị hệ thống",
    Role.CLINICIAN: "Y bác sĩ",
    Role.CITIZEN: "Công dân",
    Role.INTEGRATION: "Hệ thống kết nối",
}
CHANNELS: dict[Channel, str] = {
    Channel.DESK: "trực tiếp tại Bộ phận Một cửa",
    Channel.ONLINE: "trực tuyến",
    Channel.POST: "qua dịch vụ bưu chính",
}
RATINGS: dict[Rating, str] = {
    Rating.SATISFIED: "Hài lòng",
    Rating.ACCEPTABLE: "Chấp nhận được",
    Rating.DISSATISFIED: "Không hài lòng",
}
# Longest first, so "Thành phố" is stripped before a shorter prefix could match.
_LEVEL_PREFIXES = (
    "Thành phố ",
    "Thị trấn ",
    "Đặc khu ",
    "Phường ",
    "Thị xã ",
    "Huyện ",
    "Quận ",
    "Tỉnh ",
    "Xã ",
)


def local(at: datetime) -> datetime:
    """An event's instant on the desk's clock (Asia/Ho_Chi_Minh)."""
    return at.astimezone(VIETNAM_TZ)


def day(on: date) -> str:
    """``11/01/2027``."""
    return f"{on:%d/%m/%Y}"


def moment(at: datetime) -> str:
    """``09 giờ 05 phút, ngày 11/01/2027``, on the desk's clock."""
    here = local(at)
    return f"{here:%H} giờ {here:%M} phút, ngày {day(here.date())}"


def short_moment(at: datetime) -> str:
    """``09:05 11/01/2027``, for tables."""
    here = local(at)
    return f"{here:%H:%M} {day(here.date())}"


def dateline(place: str, on: date) -> str:
    """``Cốc Lếu, ngày 05 tháng 01 năm 2027``: a day below 10 and a month below 3 take a
    leading zero (Decree 30/2020/ND-CP, Annex I)."""
    month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    return f"{place}, ngày {on.day:02d} tháng {month} năm {on.year}"


def place_of(unit_name: str) -> str:
    """``Phường Cốc Lếu`` → ``Cốc Lếu``: the place a paper is dated at."""
    for prefix in _LEVEL_PREFIXES:
        if unit_name.startswith(prefix):
            return unit_name[len(prefix) :]
    return unit_name


def working_days(count: int) -> str:
    return "trong ngày" if count == 0 else f"{count} ngày làm việc"


def money(vnd: int) -> str:
    """Đồng as printed: dots between thousands, "2.000 đồng"."""
    return f"{vnd:,} đồng".replace(",", ".")


def timeliness(on: date, due: date | None) -> str:
    """Early, on time or late against the appointment, as the control slip records it."""
    if due is None:
        return ""
    if on < due:
        return "Trước hạn"
    return "Đúng hạn" if on == due else "Quá hạn"


STATUSES: dict[str, str] = {
    "submitted": "Chờ tiếp nhận",
    "in_processing": "Đang giải quyết",
    "awaiting_supplement": "Chờ bổ sung hồ sơ",
    "awaiting_payment": "Chờ nộp phí, lệ phí",
    "approved": "Đã có kết quả",
    "refused": "Từ chối giải quyết",
    "result_returned": "Đã trả kết quả",
    "intake_refused": "Từ chối tiếp nhận",
    "withdrawn": "Đã rút hồ sơ",
    "stopped": "Dừng giải quyết",
}
