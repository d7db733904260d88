"""The short Vietnamese notices an applicant gets, one per dossier event that concerns
them: data, so the wording can change without touching the sending. No name, no reason
text: a notice may be read by someone else, so it says only what the code already tells."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from domain.dossiers.dossier import Dossier


@dataclass(frozen=True)
class NoticeText:
    kind: str
    subject: str
    body: str
    """``str.format`` fields: ``code``, ``due`` (dd/mm/yyyy)."""


TEXTS: Mapping[str, NoticeText] = MappingProxyType(
    {
        "Received": NoticeText(
            "received",
            "Hồ sơ {code} đã được tiếp nhận",
            "Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả ngày {due}.",
        ),
        "SupplementRequested": NoticeText(
            "supplement_requested",
            "Hồ sơ {code} cần bổ sung",
            "Hồ sơ {code} cần bổ sung giấy tờ. Vui lòng liên hệ bộ phận một cửa.",
        ),
        "Apologized": NoticeText(
            "new_date",
            "Hồ sơ {code}: hẹn lại ngày trả kết quả",
            "Hồ sơ {code} chậm so với hẹn. Cơ quan xin lỗi, hẹn trả kết quả ngày {due}.",
        ),
        "Approved": NoticeText(
            "result_ready",
            "Hồ sơ {code} đã có kết quả",
            "Hồ sơ {code} đã có kết quả. Mời ông/bà đến bộ phận một cửa để nhận.",
        ),
        "Refused": NoticeText(
            "result_ready",
            "Hồ sơ {code} đã có kết quả",
            "Hồ sơ {code} đã có kết quả. Mời ông/bà đến bộ phận một cửa để nhận.",
        ),
    }
)
"""Dossier event class name → its notice: the SMS is the body, the e-mail has the
subject too."""


def notice_text(event: Any, dossier: Dossier) -> tuple[NoticeText, str, str] | None:
    """The notice's kind, subject and body for ``event`` of ``dossier``; None when the
    event tells the applicant nothing."""
    text = TEXTS.get(type(event).__name__)
    if text is None:
        return None
    due = f"{dossier.due_date:%d/%m/%Y}" if dossier.due_date else ""
    fields = {"code": dossier.code, "due": due}
    return text, text.subject.format(**fields), text.body.format(**fields)
