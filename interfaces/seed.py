"""Demo dossiers on real Lào Cai units, so a fresh server has something to show.

Filed through the ordinary use cases, as the clerks and leaders of the demo units, on the
tree in force: phường Cốc Lếu and its district before the 2025 reform; phường Lào Cai and
the province after it, with the dossiers of June 2025 that crossed the switch
(:mod:`interfaces.seed_switch`).
"""

from __future__ import annotations

from uuid import UUID

from application.context import Context
from application.dossiers import commands as c
from application.plain import plain
from domain.dossiers.dossier import Applicant, Document
from domain.dossiers.status import Channel
from domain.shared import Actor, Role
from interfaces.bootstrap.app import App
from interfaces.seed_switch import seed_switch

OLD = ("02644", "080")  # phường Cốc Lếu, and its district TP Lào Cai (until 2025-06-30)
NEW = ("02647", "15")  # phường Lào Cai (Cốc Lếu is part of it), and the province after
BIRTH, MERIT = "1.001193", "LC.NCC.TCUD"


def _as(role: Role, unit: str) -> Context:
    return Context(actor=Actor(sub=f"demo-{role}-{unit}", role=role, unit=unit))


async def seed_demo(app: App) -> list[dict[str, object]]:
    """File four dossiers in different states on the tree in force (and, after the 2025
    reform, three that crossed it); return code, secret and status of each."""
    before_reform = OLD[0] in app.units
    commune, upward = OLD if before_reform else NEW
    d = app.dossiers

    async def file(procedure: str, name: str, citizen_id: str) -> tuple[dict[str, object], UUID]:
        receipt = await d.receive_at_desk(
            _as(Role.CLERK, commune),
            c.FileDossier(
                procedure,
                Applicant(full_name=name, citizen_id=citizen_id, phone="0912000000"),
                (Document("Tờ khai"),),
            ),
        )
        return plain(receipt), receipt.id

    waiting, _ = await file(MERIT, "Lò Văn Sáng", "010203000001")
    at_district, district_id = await file(MERIT, "Giàng Thị Mỷ", "010203000002")
    await d.transfer(_as(Role.CLERK, commune), district_id, c.Transfer(upward, "Đề nghị thẩm định"))
    supplement, supplement_id = await file(MERIT, "Vàng A Chứ", "010203000003")
    await d.request_supplement(
        _as(Role.SPECIALIST, commune),
        supplement_id,
        c.RequestSupplement("Thiếu giấy tờ chứng minh", ("Giấy xác nhận",)),
    )
    returned, returned_id = await file(BIRTH, "Nguyễn Minh An", "010203000004")
    await d.approve(_as(Role.LEADER, commune), returned_id, c.Approve({"so": "123/GKS"}))
    await d.return_result(_as(Role.CLERK, commune), returned_id, c.ReturnResult(Channel.DESK))
    receipts = [waiting, at_district, supplement, returned]
    if not before_reform:
        receipts += await seed_switch(app)
    return [
        {
            **receipt,
            **plain(await d.public_status(str(receipt["code"]), str(receipt["lookup_secret"]))),
        }
        for receipt in receipts
    ]
