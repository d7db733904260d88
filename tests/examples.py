"""Test-data builders: real Lào Cai units and procedures, a fixed calendar, ready dossiers.

Units come from the demo data (Lào Cai before the 2025 reform): TP Lào Cai (080) with
phường Cốc Lếu (02644) and Kim Tân (02647); huyện Bát Xát (082) with xã A Mú Sung (02680).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.calendar import WorkingCalendar
from domain.dossiers.dossier import Applicant, Document, Dossier
from domain.dossiers.status import Channel
from domain.shared import Actor, Role
from infrastructure.reference_data import load_catalog, load_units

UNITS = load_units()
CATALOG = load_catalog()

PROVINCE = "10"
CITY = "080"  # Thành phố Lào Cai
COC_LEU = "02644"  # Phường Cốc Lếu, in the city
KIM_TAN = "02647"  # Phường Kim Tân, in the city
BAT_XAT = "082"  # Huyện Bát Xát
A_MU_SUNG = "02686"  # Xã A Mú Sung, in Bát Xát

BIRTH = "1.001193"  # birth registration: commune only, settled the same day
MERIT = "LC.NCC.TCUD"  # benefits for people with merit: commune → district → province
PERMIT = "LC.XD.GPXD-NORL"  # construction permit: district, 15 working days

# Tết 2027 (6 Feb 2027) as the holidays package counts it, plus 30/4 and 1/5.
TET_2027 = frozenset(date(2027, 2, d) for d in range(5, 11))
CALENDAR = WorkingCalendar(
    days_off=TET_2027 | {date(2027, 4, 30), date(2027, 5, 1)}, make_up_days=frozenset()
)

# Monday 11 January 2027, 09:00 in Hà Nội time.
MONDAY_9AM = datetime(2027, 1, 11, 2, 0, tzinfo=UTC)


def officer(role: Role, unit: str = COC_LEU, sub: str | None = None) -> Actor:
    return Actor(sub=sub or f"{role}@{unit}", role=role, unit=unit)


CLERK = officer(Role.CLERK)
SPECIALIST = officer(Role.SPECIALIST)
LEADER = officer(Role.LEADER)
APPLICANT = Applicant(full_name="Nguyễn Thị Mai", citizen_id="010203004005", phone="0912345678")


def submitted_dossier(
    procedure_code: str = MERIT, at: datetime = MONDAY_9AM, unit: str = COC_LEU, number: int = 1
) -> Dossier:
    return Dossier.submit(
        code=f"{unit}-270111-{number:04d}",
        procedure=CATALOG.current(procedure_code),
        applicant=APPLICANT,
        documents=(Document("Bản khai"),),
        channel=Channel.DESK,
        receiving_unit=unit,
        secret_hash="0" * 64,
        actor=officer(Role.CLERK, unit),
        at=at,
    )


def received_dossier(procedure_code: str = MERIT, at: datetime = MONDAY_9AM) -> Dossier:
    dossier = submitted_dossier(procedure_code, at)
    dossier.receive(CLERK, at, CALENDAR)
    return dossier


STATUS_NAMES = (
    "inbox",
    "search",
    "public_status",
    "statistics",
    "audit_log",
    "due_clocks",
    "permit_issuer",
)
"""What the projections' status lists, in order: the read models, then the relays that
run without settings (the permit issuer)."""
