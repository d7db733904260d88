"""What each desk's inbox and list hold at the end of the month across Tết (see
``scenario.py``), walked page by page; and the citizen's status as the read model answers
it, equal to the event-sourced answer."""

from __future__ import annotations

from typing import Any

from application.plain import plain
from domain.shared import Actor, Role
from tests.contract.projections.conftest import AppOpener
from tests.contract.projections.scenario import STAFF, a_month_at_the_desks, every_page
from tests.examples import A_MU_SUNG, BAT_XAT, CITY, COC_LEU, KIM_TAN, PROVINCE

CLERK, SPECIALIST, LEADER, AUDITOR = Role.CLERK, Role.SPECIALIST, Role.LEADER, Role.AUDITOR
# Tuesday 16 February, earliest due date first. The decided dossiers are back with Cốc
# Lếu's clerk, to be returned; the one waiting for documents is in no inbox; the city's
# leader sees only what reached the decision step; Bát Xát's approval waits at A Mú Sung.
INBOXES = {
    (CLERK, COC_LEU): [
        "Nguyễn Văn Cũ",
        "Lò Văn Bình",
        "Giàng A Cường",
        "Hoàng Văn Giang",
        "Phàn Thị Lan",
        "Lý Thị Mai",
        "Phạm Văn Em",
    ],
    (SPECIALIST, COC_LEU): ["Nguyễn Văn Cũ", "Phàn Thị Lan", "Phạm Văn Em"],
    (SPECIALIST, CITY): ["Đặng Thị Dung"],
    (LEADER, CITY): ["Đặng Thị Dung"],
    (CLERK, A_MU_SUNG): ["Sùng A Ích"],
}
OVERDUE = {
    (CLERK, COC_LEU): ["Nguyễn Văn Cũ"],
    (SPECIALIST, COC_LEU): ["Nguyễn Văn Cũ"],
    (SPECIALIST, CITY): ["Đặng Thị Dung"],
    (LEADER, CITY): ["Đặng Thị Dung"],
}
# Newest filing first: a unit lists what it received or passed on; an auditor, what
# touched the subtree (the intake refused online included, Kim Tân's withdrawal too).
COC_LEU_LIST = [
    "Phạm Văn Em",
    "Phàn Thị Lan",
    "Mùa A Khánh",
    "Lý Thị Mai",
    "Hoàng Văn Giang",
    "Vàng Thị Phương",
    "Đặng Thị Dung",
    "Giàng A Cường",
    "Lò Văn Bình",
    "Nguyễn Thị An",
    "Nguyễn Văn Cũ",
]
CITY_LIST = [
    "Lý Thị Mai",
    "Hoàng Văn Giang",
    "Đặng Thị Dung",
    "Giàng A Cường",
    "Lò Văn Bình",
    "Nguyễn Thị An",
]
# Kim Tân's Trần Văn Hùng, then A Mú Sung's Sùng A Ích, were filed after Lý Thị Mai.
WHOLE_CITY = [*COC_LEU_LIST[:3], "Trần Văn Hùng", *COC_LEU_LIST[3:]]
WHOLE_PROVINCE = [*COC_LEU_LIST[:3], "Sùng A Ích", "Trần Văn Hùng", *COC_LEU_LIST[3:]]
LISTS = {
    COC_LEU: COC_LEU_LIST,
    KIM_TAN: ["Trần Văn Hùng"],
    CITY: CITY_LIST,
    BAT_XAT: ["Sùng A Ích"],
    A_MU_SUNG: ["Sùng A Ích"],
}
AUDITED = {
    PROVINCE: WHOLE_PROVINCE,
    CITY: WHOLE_CITY,
    BAT_XAT: ["Sùng A Ích"],
    COC_LEU: COC_LEU_LIST,
}


def names(pages: list[list[dict[str, Any]]]) -> list[str]:
    return [item["applicant"]["full_name"] for page in pages for item in page]


async def test_each_desk_finds_what_awaits_it_and_what_it_handled(open_app: AppOpener) -> None:
    app = await open_app()
    await a_month_at_the_desks(app)
    await app.start_projections()
    await app.projections.wait_for()
    inbox, search = app.read_models.inbox, app.read_models.search

    async def walk(method: Any, actor: Actor, **filters: Any) -> list[str]:
        async def fetch(**page: Any) -> Any:
            return await method(actor, **filters, **page)

        return names(await every_page(fetch, limit=2))

    for actor in STAFF:
        desk = (actor.role, actor.unit)
        assert await walk(inbox.page, actor) == INBOXES.get(desk, []), actor
        assert await walk(inbox.page, actor, overdue=True) == OVERDUE.get(desk, []), actor
        by_procedure = [
            name
            for procedure in sorted({p.code for p in app.catalog})
            for name in await walk(inbox.page, actor, procedure=procedure)
        ]
        assert sorted(by_procedure) == sorted(INBOXES.get(desk, [])), actor
        counts = await inbox.counts(actor)  # the desk page's tiles
        assert counts.pop("overdue") == len(OVERDUE.get(desk, [])), actor
        assert sum(counts.values()) == len(INBOXES.get(desk, [])), actor
        expected = (AUDITED if actor.role == AUDITOR else LISTS)[actor.unit]
        assert await walk(search.page, actor) == expected, actor


async def test_the_citizens_status_equals_the_event_sourced_answer(open_app: AppOpener) -> None:
    app = await open_app()
    desk = await a_month_at_the_desks(app)
    await app.start_projections()
    await app.projections.wait_for()
    assert len(desk.secrets) == 13
    for code, secret in desk.secrets.items():
        from_view = await app.read_models.public_status.lookup(code, secret)
        assert from_view == plain(await app.dossiers.public_status(code, secret))
