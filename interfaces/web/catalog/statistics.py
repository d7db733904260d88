"""The public statistics page."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "stats.title": ("Thống kê giải quyết hồ sơ", "Dossier statistics"),
    "stats.intro": (
        "Số liệu tổng hợp từ các hồ sơ, không chứa thông tin cá nhân. Một đơn vị gồm cả các "
        "đơn vị trực thuộc.",
        "Totals drawn from the dossiers, with no personal data. A unit includes the units "
        "under it.",
    ),
    "stats.unit": ("Đơn vị", "Unit"),
    "stats.whole": ("{name} (toàn đơn vị)", "{name} (all of it)"),
    "stats.from": ("Từ ngày", "From"),
    "stats.to": ("Đến ngày", "To"),
    "stats.show": ("Xem thống kê", "Show the figures"),
    "stats.period": ("Từ {first} đến {last}", "From {first} to {last}"),
    "stats.invalid": (
        "Khoảng thời gian chưa hợp lệ: hãy chọn ngày bắt đầu không sau ngày kết thúc.",
        "The period is not valid: pick a start no later than its end.",
    ),
    "stats.no_unit": ("Không có đơn vị này.", "There is no such unit."),
    "stats.received": ("Hồ sơ tiếp nhận", "Dossiers received"),
    "stats.carried": (
        "gồm {count} hồ sơ kỳ trước chuyển sang",
        "{count} of them carried over",
    ),
    "stats.resolved": ("Đã giải quyết", "Resolved"),
    "stats.late": ("Giải quyết trễ hạn", "Resolved late"),
    "stats.overdue": ("Đang giải quyết quá hạn", "Overdue, still open"),
    "stats.rate": ("Tỷ lệ đúng hạn", "On-time rate"),
    "stats.by_unit": ("Tỷ lệ giải quyết đúng hạn theo đơn vị", "On-time rate by unit"),
    "stats.by_procedure": (
        "Tỷ lệ giải quyết đúng hạn theo thủ tục",
        "On-time rate by procedure",
    ),
    "stats.chart.desc": (
        "Mỗi thanh là tỷ lệ hồ sơ giải quyết sớm hoặc đúng hạn trên số hồ sơ đã giải quyết "
        "trong kỳ.",
        "Each bar is the share of the dossiers resolved in the period that were resolved "
        "early or on time.",
    ),
    "stats.bar": (
        "{name}: {rate}; {resolved} hồ sơ đã giải quyết, {late} trễ hạn",
        "{name}: {rate}; {resolved} resolved, {late} late",
    ),
    "stats.none_resolved": ("chưa có hồ sơ giải quyết", "nothing resolved"),
    "stats.procedure": ("Thủ tục", "Procedure"),
    "stats.nothing": (
        "Chưa có hồ sơ nào trong kỳ này.",
        "No dossier in this period.",
    ),
}
