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
from domain.units import UnitTree
from infrastructure.reference_data import load_catalog, load_units

UNITS = load_units()


def units_on(_day: date) -> UnitTree:
    """The papers' tree of any day: the 2019 tree, as the forms' examples are dated 2027."""
    return UNITS


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
COPY = "2.000815.000.00.00.H38"  # certified copies: commune, the same day, a fee of 2,000 VND

# Tết 2027 (6 Feb 2027) as the holidays package counts it, plus 30/4 and 1/5.
TET_2027 = frozenset(date(2027, 2, d) for d in range(5, 11))
CALENDAR = WorkingCalendar(
    days_off=TET_2027 | {date(2027, 4, 30), date(2027, 5, 1)}, make_up_days=frozenset()
)

# Monday 11 January 2027, 09:00 in Hà Nội time.
MONDAY_9AM = datetime(2027, 1, 11, 2, 0, tzinfo=UTC)


# The App runs on the unit registry's tree of its clock's day, and the units above are
# those before the 2025 reform (they ceased on 2025-07-01). So tests that run the App on
# them run six years earlier, in 2021, whose calendar is 2027's day for day (weekdays,
# month ends), with the same days off moved as much: every date of those tests is its
# 2027 twin. Domain tests that are handed a tree (UNITS) keep 2027: the day does not
# choose their tree.
def six_years_earlier(day: date) -> date:
    return day.replace(year=day.year - 6)


APP_MONDAY_9AM = MONDAY_9AM.replace(year=2021)
APP_CALENDAR = WorkingCalendar(
    days_off=frozenset(six_years_earlier(day) for day in CALENDAR.days_off),
    make_up_days=frozenset(),
)


# A desk in force on the system's clock (after the 2025 reform), for tests of a server
# process that runs on it: phường Lào Cai, which kept old Kim Tân's code.
TODAYS_DESK = "02647"
TODAYS_PROVINCE = "15"
"""Tỉnh Lào Cai since 1 July 2025 (old Lào Cai and old Yên Bái)."""


def officer(role: Role, unit: str = COC_LEU, sub: str | None = None) -> Actor:
    return Actor(sub=sub or f"{role}@{unit}", role=role, unit=unit)


CLERK = officer(Role.CLERK)
SPECIALIST = officer(Role.SPECIALIST)
LEADER = officer(Role.LEADER)
GATEWAY = Actor(sub="payment-gateway", role=Role.INTEGRATION, unit=COC_LEU)
APPLICANT = Applicant(full_name="Nguyễn Thị Mai", citizen_id="010203004005", phone="0912345678")


def submitted_dossier(
    procedure_code: str = MERIT, at: datetime = MONDAY_9AM, unit: str = COC_LEU, number: int = 1
) -> Dossier:
    return Dossier.submit(
        code=f"{unit}-270111-{number:04d}",
        procedure=CATALOG.version(procedure_code, 1),  # the three-tier route of the 2019 tree
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
    "possible_duplicates",
    "permit_issuer",
)
"""What the projections' status lists, in order: the read models, then the relays that
run without settings (the permit issuer)."""
