"""The inbox, the dossier list and the audit log, on every backend: order, filters,
pages, and scope (out of scope, a dossier does not exist: no item, no cursor)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any
from uuid import UUID, uuid4

import pytest

from application.context import Context
from application.dossiers import commands as c
from application.errors import Forbidden, InvalidInput
from application.ports import NewEvent, RecordedEvent, StreamAppend
from domain.dossiers.dossier import Applicant, Document
from domain.dossiers.status import Channel, Status
from domain.shared import Actor, Role
from infrastructure.clock import FixedClock
from interfaces.bootstrap import App
from projections.audit_log import AuditLog, AuditLogProjection, AuditLogView
from projections.ports import Binding
from projections.runner import ProjectionRunner
from projections.source import EventSource
from tests.contract.projections.conftest import FAST, AppOpener, BackendOpener
from tests.contract.projections.scenario import every_page
from tests.contract.projections.test_runner import start, stop
from tests.contract.test_event_store import ContractStore
from tests.examples import A_MU_SUNG, BAT_XAT, BIRTH, CITY, COC_LEU, KIM_TAN, MERIT, UNITS

SUPPORT = "LC.BTXH.CTTC"


def officer(role: Role, unit: str = COC_LEU) -> Actor:
    return Actor(sub=f"{role}@{unit}", role=role, unit=unit)


CLERK, SPECIALIST = officer(Role.CLERK), officer(Role.SPECIALIST)


def names(page: dict[str, Any]) -> list[str]:
    return [item["applicant"]["full_name"] for item in page["items"]]


@pytest.fixture
async def app(open_app: AppOpener) -> App:
    """Monday 11 January 2021, 09:00: Cốc Lếu files a 20-day, a same-day and a 6-day
    dossier, in that order; Kim Tân files one."""
    app = await open_app()
    for procedure, name, unit in (
        (MERIT, "Nguyễn Thị Mai", COC_LEU),
        (BIRTH, "Đặng Văn Nam", COC_LEU),
        (SUPPORT, "Lò Văn Sáng", COC_LEU),
        (BIRTH, "Nguyễn Văn Khác", KIM_TAN),
    ):
        await app.dossiers.receive_at_desk(
            Context(actor=officer(Role.CLERK, unit)),
            c.FileDossier(
                procedure,
                Applicant(full_name=name, citizen_id="010203004005"),
                (Document("Tờ khai"),),
                Channel.DESK,
            ),
        )
    await app.start_projections()
    await app.projections.wait_for()
    return app


async def test_the_inbox_puts_the_earliest_due_date_first(app: App) -> None:
    inbox = app.read_models.inbox
    assert names(await inbox.page(CLERK)) == ["Đặng Văn Nam", "Lò Văn Sáng", "Nguyễn Thị Mai"]
    assert names(await inbox.page(SPECIALIST)) == names(await inbox.page(CLERK))
    assert names(await inbox.page(officer(Role.LEADER))) == ["Đặng Văn Nam"]  # decided here
    assert names(await inbox.page(officer(Role.CLERK, KIM_TAN))) == ["Nguyễn Văn Khác"]


async def test_overdue_is_judged_on_the_day_the_inbox_is_read(app: App) -> None:
    inbox = app.read_models.inbox
    assert not any(item["overdue"] for item in (await inbox.page(CLERK))["items"])
    assert isinstance(app.clock, FixedClock)
    app.clock.advance(timedelta(days=9))  # Wednesday 20 January
    page = await inbox.page(CLERK)
    assert [(item["due_date"], item["overdue"]) for item in page["items"]] == [
        ("2021-01-11", True),
        ("2021-01-19", True),
        ("2021-02-12", False),
    ]
    assert names(await inbox.page(CLERK, overdue=True)) == ["Đặng Văn Nam", "Lò Văn Sáng"]
    assert names(await inbox.page(CLERK, overdue=False)) == ["Nguyễn Thị Mai"]


async def test_pages_follow_each_other_through_cursors(app: App) -> None:
    for fetch in (app.read_models.inbox.page, app.read_models.search.page):

        async def page(fetch: Any = fetch, **kwargs: Any) -> Any:
            return await fetch(CLERK, **kwargs)

        pages = await every_page(page, limit=1)
        assert [len(items) for items in pages] == [1, 1, 1]
        assert [item["applicant"]["full_name"] for items in pages for item in items] == names(
            await page(limit=10)
        )
    with pytest.raises(InvalidInput):
        await app.read_models.inbox.page(CLERK, cursor="not-a-cursor")
    with pytest.raises(InvalidInput):
        await app.read_models.search.page(CLERK, cursor="WyJ4Il0")  # ["x"]


async def test_the_list_shows_the_newest_first_by_status_and_procedure(app: App) -> None:
    search = app.read_models.search
    assert names(await search.page(CLERK)) == ["Lò Văn Sáng", "Đặng Văn Nam", "Nguyễn Thị Mai"]
    sang = (await search.page(CLERK, procedure=SUPPORT))["items"][0]
    await app.dossiers.withdraw(Context(actor=CLERK), UUID(sang["id"]), c.Withdraw("rút"))
    await app.projections.wait_for()
    assert names(await search.page(CLERK, status=Status.WITHDRAWN)) == ["Lò Văn Sáng"]
    in_processing = await search.page(CLERK, status=Status.IN_PROCESSING)
    assert names(in_processing) == ["Đặng Văn Nam", "Nguyễn Thị Mai"]
    assert names(await search.page(CLERK, procedure=BIRTH)) == ["Đặng Văn Nam"]
    assert names(await app.read_models.inbox.page(CLERK)) == ["Đặng Văn Nam", "Nguyễn Thị Mai"]


TEXTS = [
    ("Nguyễn", ["Nguyễn Thị Mai"]),
    ("nguyen", ["Nguyễn Thị Mai"]),
    ("NGUYỄN THỊ", ["Nguyễn Thị Mai"]),
    ("đặng", ["Đặng Văn Nam"]),
    ("dang van", ["Đặng Văn Nam"]),
    ("nam", ["Đặng Văn Nam"]),
    ("210111-0002", ["Đặng Văn Nam"]),
    ("02644", ["Lò Văn Sáng", "Đặng Văn Nam", "Nguyễn Thị Mai"]),
    ("0001 nguyen", []),  # no match across the code and the name
    ("50%", []),
    ("Khác", []),  # Kim Tân's
]


async def test_text_finds_code_and_name_with_or_without_diacritics(app: App) -> None:
    found = {text: names(await app.read_models.search.page(CLERK, q=text)) for text, _ in TEXTS}
    assert found == dict(TEXTS)


async def test_out_of_scope_dossiers_do_not_exist(app: App) -> None:
    search, inbox = app.read_models.search, app.read_models.inbox
    kim_tan = officer(Role.CLERK, KIM_TAN)
    coc_leu_cursor = (await search.page(CLERK, limit=1))["next_cursor"]
    assert coc_leu_cursor is not None
    assert await search.page(kim_tan, limit=1) == {
        "items": (await search.page(kim_tan))["items"],
        "next_cursor": None,
    }
    assert names(await search.page(kim_tan, cursor=coc_leu_cursor)) == []
    assert names(await search.page(kim_tan, q="nguyen")) == ["Nguyễn Văn Khác"]
    assert names(await inbox.page(officer(Role.CLERK, A_MU_SUNG))) == []
    city_auditor, far_auditor = officer(Role.AUDITOR, CITY), officer(Role.AUDITOR, BAT_XAT)
    assert len((await search.page(city_auditor))["items"]) == 4
    assert await search.page(far_auditor) == {"items": [], "next_cursor": None}
    assert names(await search.page(officer(Role.ADMIN, CITY))) == []
    assert names(await inbox.page(city_auditor)) == []


async def test_a_transfer_moves_the_dossier_to_the_districts_inbox_and_list(app: App) -> None:
    search, inbox = app.read_models.search, app.read_models.inbox
    mai = (await search.page(CLERK, procedure=MERIT))["items"][0]
    await app.dossiers.transfer(Context(actor=CLERK), UUID(mai["id"]), c.Transfer(CITY))
    await app.projections.wait_for()
    district = officer(Role.SPECIALIST, CITY)
    assert names(await inbox.page(district)) == names(await search.page(district))
    assert names(await inbox.page(district)) == ["Nguyễn Thị Mai"]
    assert "Nguyễn Thị Mai" not in names(await inbox.page(CLERK))
    assert "Nguyễn Thị Mai" in names(await search.page(CLERK))


async def test_the_audit_log_is_for_auditors_of_the_units_a_stream_touched(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    backend, at = await open_backend(), datetime(2021, 1, 11, 2, tzinfo=UTC)
    stream_id = uuid4()

    async def append(version: int, actor_unit: str, **fields: Any) -> None:
        event = NewEvent(uuid4(), version, f"Step{version}", json.dumps(fields).encode(), {})
        await store.append(
            [
                StreamAppend(
                    stream_id,
                    "Case",
                    version - 1,
                    [
                        NewEvent(
                            event.event_id, version, event.type, event.payload, _actor(actor_unit)
                        )
                    ],
                )
            ]
        )

    def decode(recorded: RecordedEvent) -> Any:
        return SimpleNamespace(timestamp=at, **json.loads(recorded.payload))

    # A case opened at Kim Tân, then handed to A Mú Sung, in another district.
    await append(1, KIM_TAN, note="mở")
    await append(2, KIM_TAN, to_unit=A_MU_SUNG)
    binding: Binding[AuditLogView] = Binding(
        lambda: AuditLogProjection(UNITS), backend.views.stores.audit_log
    )
    runner = ProjectionRunner(binding, EventSource(store, decode), backend.views.wakeups, FAST)
    task = start(runner)
    await runner.wait_for(2)
    await stop(task)
    log = AuditLog(backend.views.readers.audit_log)

    async def seen_by(unit: str) -> list[int]:
        page = await log.page(officer(Role.AUDITOR, unit))
        return [item["position"] for item in page["items"]]

    assert await seen_by(KIM_TAN) == await seen_by(CITY) == [1, 2]
    assert await seen_by(A_MU_SUNG) == await seen_by(BAT_XAT) == [1, 2]  # its history too
    assert await seen_by(COC_LEU) == []
    item = (await log.page(officer(Role.AUDITOR, A_MU_SUNG), after=1))["items"][0]
    assert item["type"] == "Step2" and item["data"] == {"to_unit": A_MU_SUNG}
    assert item["actor"]["unit"] == KIM_TAN and item["stream_type"] == "Case"
    with pytest.raises(Forbidden):
        await log.page(officer(Role.CLERK, KIM_TAN))


def _actor(unit: str) -> dict[str, Any]:
    return {"actor": {"sub": f"clerk@{unit}", "role": "clerk", "unit": unit}}
