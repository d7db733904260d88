"""A month of work at the desks of Thành phố Lào Cai, across the test calendar's Tết (2021),
through the use cases; and every answer the read models give about it.

All dossiers are LC.BTXH.CTTC (received at a commune, processed and decided at its
district, 6 working days). Received on Monday 1 February they are due Monday 15
February: Tết (5-10 February) moves the date by four working days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from application.context import Context
from application.dossiers import commands as c
from application.dossiers.views import Receipt
from application.errors import NotFound
from domain.calendar import VIETNAM_TZ
from domain.dossiers.dossier import Applicant, Document
from domain.dossiers.status import Channel, Rating, Status
from domain.shared import Actor, Role
from infrastructure.clock import FixedClock
from interfaces.bootstrap import App
from tests.examples import A_MU_SUNG, BAT_XAT, CITY, COC_LEU, KIM_TAN, PROVINCE

SUPPORT = "LC.BTXH.CTTC"
FEB_1, FEB_16 = date(2021, 2, 1), date(2021, 2, 16)


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), VIETNAM_TZ)


def as_(role: Role, unit: str) -> Context:
    return Context(actor=Actor(sub=f"{role}@{unit}", role=role, unit=unit))


@dataclass
class Desk:
    app: App
    follow: bool = False
    """Wait for the projections at each change of day: they run along, in small steps."""
    ids: dict[str, UUID] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)

    async def on(self, day: date, hour: int = 9) -> None:
        if self.follow:
            await self.app.projections.wait_for()
        assert isinstance(self.app.clock, FixedClock)
        self.app.clock.set(at(day, hour))

    async def file(self, name: str, unit: str = COC_LEU) -> UUID:
        receipt = await self.app.dossiers.receive_at_desk(
            as_(Role.CLERK, unit),
            c.FileDossier(SUPPORT, _applicant(name), (Document("Đơn"),), Channel.DESK),
        )
        return self._keep(name, receipt)

    async def submit_online(self, name: str, unit: str = COC_LEU) -> UUID:
        citizen = Context(actor=Actor(sub="citizen:online", role=Role.CITIZEN, unit=unit))
        receipt = await self.app.dossiers.submit_online(
            citizen, c.SubmitOnline(SUPPORT, unit, _applicant(name), (Document("Đơn"),))
        )
        return self._keep(name, receipt)

    def _keep(self, name: str, receipt: Receipt) -> UUID:
        self.ids[name] = receipt.id
        self.codes[name] = receipt.code
        self.secrets[receipt.code] = receipt.lookup_secret
        return self.ids[name]


def _applicant(name: str) -> Applicant:
    return Applicant(full_name=name, citizen_id="010203000" + str(len(name)).zfill(3))


async def a_month_at_the_desks(app: App, follow: bool = False) -> Desk:
    desk, d = Desk(app, follow), app.dossiers
    await desk.on(date(2021, 1, 28))
    await desk.file("Nguyễn Văn Cũ")  # carried over into February, overdue on the 16th
    await desk.on(FEB_1)
    for name in ("Nguyễn Thị An", "Lò Văn Bình", "Giàng A Cường", "Đặng Thị Dung"):
        await desk.file(name)
    for name in ("Vàng Thị Phương", "Hoàng Văn Giang", "Lý Thị Mai"):
        await desk.file(name)
    await desk.file("Trần Văn Hùng", KIM_TAN)
    await desk.file("Sùng A Ích", A_MU_SUNG)
    await desk.on(FEB_1, 10)
    for name in ("Nguyễn Thị An", "Lò Văn Bình", "Giàng A Cường", "Đặng Thị Dung"):
        await d.transfer(
            as_(Role.CLERK, COC_LEU), desk.ids[name], c.Transfer(CITY, "đề nghị xét duyệt")
        )
    for name in ("Hoàng Văn Giang", "Lý Thị Mai"):
        await d.transfer(as_(Role.SPECIALIST, COC_LEU), desk.ids[name], c.Transfer(CITY))
    await d.transfer(as_(Role.CLERK, A_MU_SUNG), desk.ids["Sùng A Ích"], c.Transfer(BAT_XAT))
    await desk.on(date(2021, 2, 2), 10)
    await d.request_supplement(
        as_(Role.SPECIALIST, COC_LEU),
        desk.ids["Vàng Thị Phương"],
        c.RequestSupplement("thiếu CCCD", ("CCCD",)),
    )
    await d.withdraw(
        as_(Role.CLERK, KIM_TAN), desk.ids["Trần Văn Hùng"], c.Withdraw("công dân rút")
    )
    refused = await desk.submit_online("Mùa A Khánh")
    await d.refuse_intake(as_(Role.CLERK, COC_LEU), refused, c.RefuseIntake("sai thủ tục"))
    await desk.on(date(2021, 2, 3), 8)
    online = await desk.submit_online("Phàn Thị Lan")
    await desk.on(date(2021, 2, 3), 10)
    await d.receive(as_(Role.CLERK, COC_LEU), online, c.Receive())
    await d.approve(as_(Role.LEADER, CITY), desk.ids["Nguyễn Thị An"], c.Approve({"so": "1/QĐ"}))
    await d.approve(as_(Role.LEADER, BAT_XAT), desk.ids["Sùng A Ích"], c.Approve({"so": "9/QĐ"}))
    await desk.on(date(2021, 2, 4), 10)
    await d.refuse(
        as_(Role.LEADER, CITY), desk.ids["Hoàng Văn Giang"], c.Refuse("không đủ điều kiện")
    )
    await d.return_result(
        as_(Role.CLERK, COC_LEU), desk.ids["Nguyễn Thị An"], c.ReturnResult(Channel.DESK)
    )
    code = desk.codes["Nguyễn Thị An"]
    citizen = await d.citizen(code, desk.secrets[code])
    await d.rate(citizen, desk.ids["Nguyễn Thị An"], c.Rate(Rating.SATISFIED))
    await desk.on(date(2021, 2, 11), 10)
    await d.apologize(
        as_(Role.LEADER, CITY), desk.ids["Lý Thị Mai"], c.Apologize("xác minh", date(2021, 2, 19))
    )
    await desk.on(date(2021, 2, 12))
    await desk.file("Phạm Văn Em")
    await d.approve(as_(Role.LEADER, CITY), desk.ids["Lý Thị Mai"], c.Approve({"so": "2/QĐ"}))
    await desk.on(date(2021, 2, 15), 10)
    await d.approve(as_(Role.LEADER, CITY), desk.ids["Lò Văn Bình"], c.Approve({"so": "3/QĐ"}))
    await desk.on(FEB_16, 10)
    await d.approve(as_(Role.LEADER, CITY), desk.ids["Giàng A Cường"], c.Approve({"so": "4/QĐ"}))
    return desk


OFFICER_UNITS = (COC_LEU, KIM_TAN, CITY, BAT_XAT, A_MU_SUNG)
AUDITOR_UNITS = (PROVINCE, CITY, BAT_XAT, COC_LEU)
STAFF = [
    Actor(sub=f"{role}@{unit}", role=role, unit=unit)
    for unit in OFFICER_UNITS
    for role in (Role.CLERK, Role.SPECIALIST, Role.LEADER)
] + [Actor(sub=f"auditor@{unit}", role=Role.AUDITOR, unit=unit) for unit in AUDITOR_UNITS]
TEXTS = ("nguyen", "Nguyễn", "đặng", "DUNG", "0001", "270201", "0001 nguyen", "zzz")
PERIODS = ((FEB_1, date(2021, 2, 28)), (date(2021, 1, 1), date(2021, 1, 31)))


async def every_page(fetch: Any, limit: int) -> list[list[dict[str, Any]]]:
    """Walk a list's cursors: the pages, in order."""
    pages, cursor = [], None
    while True:
        page = await fetch(cursor=cursor, limit=limit)
        pages.append(page["items"])
        if (cursor := page["next_cursor"]) is None:
            return pages


async def dossier_lists(lists: Any, actor: Actor) -> dict[str, Any]:
    """Every page of the inbox and the search of ``lists``, under every filter."""
    found: dict[str, Any] = {}

    async def pages(key: str, method: Any, **filters: Any) -> None:
        async def fetch(**page: Any) -> Any:
            return await method(actor, **filters, **page)

        found[key] = await every_page(fetch, limit=2)

    for overdue in (None, True, False):
        await pages(f"inbox overdue={overdue}", lists.inbox, overdue=overdue)
    await pages("inbox in processing", lists.inbox, status=Status.IN_PROCESSING)
    for status in (None, Status.IN_PROCESSING, Status.APPROVED, Status.INTAKE_REFUSED):
        await pages(f"search status={status}", lists.search, status=status)
    for procedure in (SUPPORT, "1.001193"):
        await pages(f"search procedure={procedure}", lists.search, procedure=procedure)
    for text in TEXTS:
        await pages(f"search q={text}", lists.search, q=text)
    return found


class ReadModelLists:
    """The read models' two lists, by short names."""

    def __init__(self, app: App) -> None:
        self.inbox = app.read_models.inbox.page
        self.search = app.read_models.search.page


async def answers(app: App, desk: Desk) -> dict[str, Any]:
    """Everything the read models answer about the scenario."""
    models, found = app.read_models, {}
    for actor in STAFF:
        for key, pages in (await dossier_lists(ReadModelLists(app), actor)).items():
            found[f"{actor.sub} {key}"] = pages
    head = Actor(sub="auditor@10", role=Role.AUDITOR, unit=PROVINCE)
    for unit in (PROVINCE, CITY, BAT_XAT, COC_LEU, KIM_TAN):
        for first, last in PERIODS:
            report = await models.statistics.report(head, unit=unit, first=first, last=last)
            found[f"statistics {unit} {first}"] = report
    for code, secret in desk.secrets.items():
        found[f"public {code}"] = await models.public_status.lookup(code, secret)
        try:
            await models.public_status.lookup(code, "WRONG" + secret)
        except NotFound:
            found[f"public {code} wrong secret"] = "not found"
    for unit in AUDITOR_UNITS:
        auditor = Actor(sub=f"auditor@{unit}", role=Role.AUDITOR, unit=unit)
        after, items = 0, []
        while page := (await models.audit_log.page(auditor, after=after, limit=7))["items"]:
            items += page
            after = page[-1]["position"]
        found[f"audit {unit}"] = items
    return found
