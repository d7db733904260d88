"""Demo dossiers across the 2025 switch: filed in June 2025 on that month's tree (one
finished before the switch, two in flight across it), then the hand-over that moved the
open ones on 1 July.

Filed through the ordinary use cases, on a clock set to their day.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from application.context import Context
from application.dossiers import commands as c
from application.dossiers.service import Dossiers
from application.plain import plain
from domain.calendar import VIETNAM_TZ
from domain.dossiers.dossier import Applicant, Document
from domain.dossiers.status import Channel
from domain.shared import Actor, Role
from infrastructure.clock import FixedClock
from interfaces.bootstrap.app import App

KIM_TAN, COC_LEU, TT_BAT_XAT, HUYEN_BAT_XAT = "02647", "02644", "02683", "082"
BIRTH, MERIT, ALLOWANCE = "1.001193", "LC.NCC.TCUD", "LC.BTXH.CTTC"


def _as(role: Role, unit: str) -> Context:
    return Context(actor=Actor(sub=f"demo-{role}-{unit}", role=role, unit=unit))


def _on(app: App, moment: datetime) -> Dossiers:
    """The app's dossier use cases on a clock set to ``moment``, on that day's tree."""
    d, day = app.dossiers, moment.astimezone(VIETNAM_TZ).date()
    return Dossiers(
        repository=d.repository,
        clock=FixedClock(moment),
        secrets=d.secrets,
        units=app.unit_registry.registry.history.tree_on(day),
        catalog=d.catalog,
        calendar=d.calendar,
        prints=d.runner.prints,
        approval_result=d.approval_result,
    )


async def _file(
    dossiers: Dossiers, unit: str, procedure: str, name: str, citizen_id: str
) -> dict[str, object]:
    applicant = Applicant(full_name=name, citizen_id=citizen_id, phone="0912000000")
    receipt = await dossiers.receive_at_desk(
        _as(Role.CLERK, unit), c.FileDossier(procedure, applicant, (Document("Tờ khai"),))
    )
    return plain(receipt)


async def seed_switch(app: App) -> list[dict[str, object]]:
    """File the June 2025 dossiers and run the switch; return code, secret of each."""
    # 10 June 2025: a birth registered and handed back the same day at phường Kim Tân.
    june_10 = _on(app, datetime(2025, 6, 10, 2, 0, tzinfo=UTC))
    finished = await _file(june_10, KIM_TAN, BIRTH, "Hoàng Gia Bảo", "010203000011")
    # 20 June: a social allowance at thị trấn Bát Xát, sent up to the district to decide.
    june_20 = _on(app, datetime(2025, 6, 20, 2, 0, tzinfo=UTC))
    at_district = await _file(june_20, TT_BAT_XAT, ALLOWANCE, "Sần Thị Lan", "010203000012")
    # 23 June: a merit benefit at phường Cốc Lếu, still at the commune on the eve.
    june_23 = _on(app, datetime(2025, 6, 23, 2, 0, tzinfo=UTC))
    at_commune = await _file(june_23, COC_LEU, MERIT, "Phạm Văn Hùng", "010203000013")
    await june_20.transfer(
        _as(Role.CLERK, TT_BAT_XAT), _id(at_district), c.Transfer(HUYEN_BAT_XAT, "Đề nghị xét")
    )
    await june_10.approve(_as(Role.LEADER, KIM_TAN), _id(finished), c.Approve({"so": "45/GKS"}))
    await june_10.return_result(
        _as(Role.CLERK, KIM_TAN), _id(finished), c.ReturnResult(Channel.DESK)
    )
    # 1 July 2025: the reform is in force; the open dossiers go to the new communes. (The
    # switch runs here for the first time: once run, it is complete and never looks back
    # at dossiers filed on its eve later, so the backdated filings come first.)
    await app.handover.catch_up()
    return [finished, at_district, at_commune]


def _id(receipt: dict[str, object]) -> UUID:
    return UUID(str(receipt["id"]))
