"""Test-data builders around the 2025 switch: the real unit history (old Lào Cai, old Yên
Bái, the reform) and dossiers in flight on its eve.

Huyện Bát Xát (082) ceased on 2025-07-01; xã Bát Xát (02683) became the new xã Bát Xát
(same code), formed from it and four neighbours; xã A Mú Sung (02686) went into the new xã
A Mú Sung (02686, with Nậm Chạc).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache

from domain.calendar import WorkingCalendar
from domain.dossiers.dossier import Document, Dossier
from domain.dossiers.status import Channel
from domain.shared import Actor, Role
from domain.units import UnitHistory
from infrastructure.unit_history.loading import record_reference_units
from tests.examples import APPLICANT, CATALOG

SWITCH = date(2025, 7, 1)
EVE = date(2025, 6, 30)
BAT_XAT_DISTRICT = "082"
XA_BAT_XAT = "02683"
NEW_PROVINCE = "15"
ALLOWANCE = "LC.BTXH.CTTC"  # commune → district decides → commune returns; commune only after
CALENDAR_2025 = WorkingCalendar(
    days_off=frozenset({date(2025, 9, 1), date(2025, 9, 2)}), make_up_days=frozenset()
)
# Friday 20 June 2025, 09:00 in Hà Nội.
FRIDAY_20_JUNE = datetime(2025, 6, 20, 2, 0, tzinfo=UTC)


@cache
def reference_history() -> UnitHistory:
    return record_reference_units(None, datetime(2026, 12, 1, tzinfo=UTC)).history


def at_the_district_on_the_eve(number: int = 1, commune: str = XA_BAT_XAT) -> Dossier:
    """A social allowance filed at ``commune`` of Bát Xát and handed to the district."""
    clerk = Actor(f"clerk@{commune}", Role.CLERK, commune)
    dossier = Dossier.submit(
        code=f"{commune}-250620-{number:04d}",
        procedure=CATALOG.in_force(ALLOWANCE, FRIDAY_20_JUNE.date()),
        applicant=APPLICANT,
        documents=(Document("Tờ khai"),),
        channel=Channel.DESK,
        receiving_unit=commune,
        secret_hash="0" * 64,
        actor=clerk,
        at=FRIDAY_20_JUNE,
    )
    dossier.receive(clerk, FRIDAY_20_JUNE, CALENDAR_2025)
    eve_tree = reference_history().tree_on(EVE)
    dossier.transfer(BAT_XAT_DISTRICT, None, eve_tree, clerk, FRIDAY_20_JUNE)
    return dossier
