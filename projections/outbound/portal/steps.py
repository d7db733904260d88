"""A dossier event as the portal's steps: the record ``DongBoHoSoMC`` carries and the
progress line ``CapNhatTienDoHoSoMC`` carries, field by field (API.md "Integration").

Pure: the same event of the same dossier always gives the same steps, so a step can be
derived again from the log whenever it has to be sent again. A step's ``mark`` orders
the steps of one dossier (stream version, then the step's place within the event): the
portal is only ever sent a mark above the last one it acknowledged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from domain.calendar import VIETNAM_TZ
from domain.dossiers.dossier import Dossier
from domain.dossiers.status import TERMINAL, Channel
from projections.dossier_states import DossierChange
from projections.outbound.portal.statuses import Unmapped, statuses_of, step_text

DOSSIER_TOPIC_PREFIX = "domain.dossiers.dossier:Dossier."
STEPS_PER_EVENT = 8
DATE_FORMAT = "%Y%m%d%H%M%S"
DUE_TIME = time(17, 0)
"""A due date is a day; the portal wants an instant: the end of the office day."""
CHANNEL = {Channel.DESK: "1", Channel.ONLINE: "2", Channel.POST: "3"}
"""``HinhThuc``: how the dossier came in (assumed codes: 1 desk, 2 online, 3 post)."""
CITIZEN = "1"
"""``LoaiDoiTuong``: the applicant is a citizen (2 would be an organisation)."""


@dataclass(frozen=True)
class PortalStep:
    """One status the portal must see, or why the dossier's sync stops here."""

    dossier_id: UUID
    code: str
    unit: str
    """``madonvi``: the unit that received the dossier."""
    mark: int
    record: dict[str, str]
    progress: dict[str, str]
    unmapped: str | None = None

    @property
    def status(self) -> int:
        return int(self.record.get("TrangThaiHoSo") or 0)


def is_dossier_event(topic: str) -> bool:
    return topic.startswith(DOSSIER_TOPIC_PREFIX)


def portal_time(at: datetime | None) -> str:
    return at.astimezone(VIETNAM_TZ).strftime(DATE_FORMAT) if at is not None else ""


def portal_day(day: date | None) -> str:
    if day is None:
        return ""
    return datetime.combine(day, DUE_TIME, VIETNAM_TZ).strftime(DATE_FORMAT)


def steps_of(change: DossierChange) -> list[PortalStep]:
    dossier, event, recorded = change.after, change.event, change.envelope.recorded
    name = type(event).__name__
    at: datetime = event.timestamp
    base = recorded.version * STEPS_PER_EVENT
    try:
        statuses = statuses_of(name, dossier.status.value)
    except Unmapped as unmapped:
        return [
            PortalStep(
                dossier.id, dossier.code, dossier.receiving_unit, base, {}, {}, str(unmapped)
            )
        ]
    actor = getattr(event, "actor", None)
    return [
        PortalStep(
            dossier.id,
            dossier.code,
            dossier.receiving_unit,
            base + place,
            record(dossier, status, at),
            {
                "MaHoSo": dossier.code,
                "NguoiXuLy": getattr(actor, "sub", "") or "",
                "ThoiDiemXuLy": portal_time(at),
                "NoiDungXuLy": step_text(name, status),
                "TrangThai": str(status),
            },
        )
        for place, status in enumerate(statuses)
    ]


def record(dossier: Dossier, status: int, at: datetime) -> dict[str, str]:
    """The dossier as ``DongBoHoSoMC`` carries it, in ``status``."""
    applicant: Any = dossier.applicant
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": dossier.procedure_code,
        "TenTTHC": dossier.procedure_name,
        "SoBienNhan": dossier.code,
        "ChuHoSo": str(applicant.full_name),
        "LoaiDoiTuong": CITIZEN,
        "NgayTiepNhan": portal_time(dossier.received_at),
        "NgayHenTra": portal_day(dossier.due_date),
        "TrangThaiHoSo": str(status),
        "NgayTra": portal_time(at) if dossier.status in TERMINAL else "",
        "HinhThuc": CHANNEL[dossier.channel],
        "DonViXuLy": dossier.current_unit,
    }
