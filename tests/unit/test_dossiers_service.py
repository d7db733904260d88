"""The dossier use cases over the in-memory store: scope, roles, versions, idempotency."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from uuid import UUID

import pytest

from application.context import Context
from application.dossiers import commands as c
from application.errors import (
    ConcurrencyConflict,
    Forbidden,
    IdempotencyKeyReused,
    InvalidInput,
    NotFound,
    PreconditionFailed,
)
from application.plain import plain
from domain.dossiers.dossier import Document
from domain.dossiers.errors import InvalidTransition
from domain.dossiers.status import Channel, Rating
from domain.shared import Role
from infrastructure.clock import FixedClock
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.memory.form_renderer import PlainTextFormRenderer
from infrastructure.sqlite.event_store import SqliteEventStore
from interfaces.bootstrap import App, bootstrap
from tests.examples import (
    A_MU_SUNG,
    APP_CALENDAR,
    APP_MONDAY_9AM,
    APPLICANT,
    BAT_XAT,
    BIRTH,
    CITY,
    COC_LEU,
    KIM_TAN,
    MERIT,
    PERMIT,
    PROVINCE,
    officer,
)


@pytest.fixture
async def app() -> App:
    # The service layer's tests print their forms as plain text (the PDFs: tests/e2e).
    return await bootstrap(
        store=InMemoryEventStore(),
        clock=FixedClock(APP_MONDAY_9AM),
        calendar=APP_CALENDAR,
        form_renderer=PlainTextFormRenderer(),
    )


def as_(role: Role, unit: str = COC_LEU, **kwargs: object) -> Context:
    return Context(actor=officer(role, unit), **kwargs)  # type: ignore[arg-type]


async def file(app: App, procedure: str = MERIT, **kwargs: object) -> dict[str, object]:
    return plain(
        await app.dossiers.receive_at_desk(
            as_(Role.CLERK, **kwargs),
            c.FileDossier(procedure, APPLICANT, (Document("Bản khai"),), Channel.DESK),
        )
    )


async def test_desk_receipt_answers_with_code_due_date_and_a_secret(app: App) -> None:
    receipt = await file(app)
    assert receipt["code"] == f"{COC_LEU}-210111-0001"
    assert receipt["status"] == "in_processing"
    assert receipt["due_date"] == "2021-02-12"
    assert receipt["receiving_unit"] == receipt["current_unit"] == COC_LEU
    assert len(str(receipt["lookup_secret"])) == 10
    assert receipt["version"] == 2


async def test_codes_number_the_days_receipts_even_when_clerks_race(app: App) -> None:
    receipts = await asyncio.gather(*(file(app) for _ in range(20)))
    codes = sorted(str(r["code"]) for r in receipts)
    assert codes == [f"{COC_LEU}-210111-{n:04d}" for n in range(1, 21)]


async def test_a_procedure_is_received_only_at_its_level(app: App) -> None:
    with pytest.raises(InvalidInput) as refused:
        await file(app, PERMIT)
    assert refused.value.field == "procedure_code"
    with pytest.raises(InvalidInput):
        await file(app, "no-such-procedure")


async def test_only_clerks_receive(app: App) -> None:
    with pytest.raises(Forbidden):
        await app.dossiers.receive_at_desk(
            as_(Role.LEADER), c.FileDossier(BIRTH, APPLICANT, (), Channel.DESK)
        )


async def test_the_whole_journey_commune_district_province_and_back(app: App) -> None:
    receipt = await file(app)
    dossier_id = UUID(str(receipt["id"]))
    d = app.dossiers
    await d.request_supplement(
        as_(Role.SPECIALIST), dossier_id, c.RequestSupplement("thiếu CCCD", ("CCCD",))
    )
    await d.supplement(as_(Role.CLERK), dossier_id, c.Supplement((Document("CCCD"),)))
    await d.transfer(as_(Role.CLERK), dossier_id, c.Transfer(CITY, "đề nghị thẩm định"))
    await d.transfer(as_(Role.SPECIALIST, CITY), dossier_id, c.Transfer(PROVINCE))
    approved = plain(
        await d.approve(as_(Role.LEADER, PROVINCE), dossier_id, c.Approve({"decision": "QĐ 7"}))
    )
    assert approved["status"] == "approved" and approved["current_unit"] == COC_LEU
    returned = plain(
        await d.return_result(as_(Role.CLERK), dossier_id, c.ReturnResult(Channel.DESK))
    )
    assert returned["status"] == "result_returned"
    citizen = await d.citizen(str(receipt["code"]), str(receipt["lookup_secret"]))
    await d.rate(citizen, dossier_id, c.Rate(Rating.SATISFIED, "nhanh gọn"))
    status = plain(await d.public_status(str(receipt["code"]), str(receipt["lookup_secret"])))
    assert [(s["status"], s["unit_name"]) for s in status["timeline"]] == [
        ("submitted", "Phường Cốc Lếu"),
        ("in_processing", "Phường Cốc Lếu"),
        ("awaiting_supplement", "Phường Cốc Lếu"),
        ("in_processing", "Phường Cốc Lếu"),
        ("in_processing", "Thành phố Lào Cai"),
        ("in_processing", "Tỉnh Lào Cai"),
        ("approved", "Phường Cốc Lếu"),
        ("result_returned", "Phường Cốc Lếu"),
    ]
    assert "citizen_id" not in str(status) and "@" not in str(status)
    history = plain(await d.history(officer(Role.AUDITOR, PROVINCE), dossier_id))
    assert [e["type"] for e in history["events"]][-3:] == ["Approved", "ResultReturned", "Rated"]
    assert history["events"][0]["actor"] == {
        "sub": f"clerk@{COC_LEU}",
        "role": "clerk",
        "unit": COC_LEU,
    }


async def test_out_of_scope_is_not_found_and_wrong_role_is_forbidden(app: App) -> None:
    dossier_id = UUID(str((await file(app))["id"]))
    for outsider in (
        officer(Role.CLERK, KIM_TAN),
        officer(Role.LEADER, BAT_XAT),
        officer(Role.AUDITOR, BAT_XAT),
        officer(Role.ADMIN, PROVINCE),
    ):
        with pytest.raises(NotFound):
            await app.dossiers.get(outsider, dossier_id)
    with pytest.raises(NotFound):
        await app.dossiers.approve(as_(Role.LEADER, KIM_TAN), dossier_id, c.Approve({}))
    with pytest.raises(Forbidden):
        await app.dossiers.approve(as_(Role.CLERK), dossier_id, c.Approve({}))
    assert plain(await app.dossiers.get(officer(Role.AUDITOR, PROVINCE), dossier_id))["id"] == str(
        dossier_id
    )


async def test_a_wrong_secret_finds_nothing(app: App) -> None:
    receipt = await file(app)
    with pytest.raises(NotFound):
        await app.dossiers.public_status(str(receipt["code"]), "WRONGSECRET")
    with pytest.raises(NotFound):
        await app.dossiers.public_status("02644-210111-9999", "WRONGSECRET")


async def test_if_match_must_name_the_current_version(app: App) -> None:
    dossier_id = UUID(str((await file(app))["id"]))
    with pytest.raises(PreconditionFailed):
        await app.dossiers.withdraw(as_(Role.CLERK, if_match=1), dossier_id, c.Withdraw("rút"))
    done = plain(
        await app.dossiers.withdraw(as_(Role.CLERK, if_match=2), dossier_id, c.Withdraw("rút"))
    )
    assert done["status"] == "withdrawn" and done["version"] == 3


async def test_an_invalid_transition_names_the_state(app: App) -> None:
    dossier_id = UUID(str((await file(app, BIRTH))["id"]))
    await app.dossiers.withdraw(as_(Role.CLERK), dossier_id, c.Withdraw("rút"))
    with pytest.raises(InvalidTransition, match="withdrawn"):
        await app.dossiers.refuse(as_(Role.LEADER), dossier_id, c.Refuse("x"))


async def test_racing_leaders_one_decision_wins(app: App) -> None:
    dossier_id = UUID(str((await file(app, BIRTH))["id"]))
    outcomes = await asyncio.gather(
        *(
            app.dossiers.approve(as_(Role.LEADER), dossier_id, c.Approve({"n": n}))
            for n in range(10)
        ),
        return_exceptions=True,
    )
    wins = [o for o in outcomes if not isinstance(o, BaseException)]
    assert len(wins) == 1
    assert all(
        isinstance(o, ConcurrencyConflict | InvalidTransition) for o in outcomes if o not in wins
    )
    assert len(plain(await app.dossiers.history(officer(Role.CLERK), dossier_id))["events"]) == 3


async def test_an_idempotent_retry_returns_the_first_answer_and_appends_nothing(app: App) -> None:
    start = await app.store.last_position()  # the unit registry, recorded at start
    first = await file(app, idempotency_key="k-1")
    again = await file(app, idempotency_key="k-1")
    assert again == first
    assert await app.store.last_position() == start + 4  # register opened + entry, dossier x2
    with pytest.raises(IdempotencyKeyReused):
        await file(app, BIRTH, idempotency_key="k-1")


async def test_as_of_rebuilds_the_dossier_as_it_was(app: App) -> None:
    clock = app.clock
    assert isinstance(clock, FixedClock)
    dossier_id = UUID(str((await file(app))["id"]))
    clock.advance(timedelta(hours=2))
    await app.dossiers.transfer(as_(Role.CLERK), dossier_id, c.Transfer(CITY))
    then = plain(
        await app.dossiers.as_of(
            officer(Role.CLERK), dossier_id, APP_MONDAY_9AM + timedelta(hours=1)
        )
    )
    assert then["version"] == 2 and then["state"]["current_unit"] == COC_LEU
    now = plain(await app.dossiers.get(officer(Role.CLERK), dossier_id))
    assert now["current_unit"] == CITY


async def test_a_busy_desk_files_without_racing_itself(tmp_path: Path) -> None:
    # 20 clerks of one commune file at the same instant on a real store, and not one
    # filing may need a second attempt at the day's receipt register.
    store = await SqliteEventStore.open(tmp_path / "desk.db")
    await store.migrate()
    app = await bootstrap(store=store, clock=FixedClock(APP_MONDAY_9AM), calendar=APP_CALENDAR)
    app.dossiers.runner.attempts = 1
    try:
        receipts = await asyncio.gather(*(file(app) for _ in range(20)))
    finally:
        await app.close()
    assert len({r["code"] for r in receipts}) == 20


# -- boundary-free filing (Decree 118/2025) ------------------------------------------------


async def test_a_desk_files_for_the_competent_unit_which_hands_back_the_result(app: App) -> None:
    # The clerk of xã A Mú Sung (Bát Xát) receives a merit benefit for phường Cốc Lếu.
    desk = as_(Role.CLERK, A_MU_SUNG)
    receipt = plain(
        await app.dossiers.receive_at_desk(
            desk, c.FileDossier(MERIT, APPLICANT, competent_unit=COC_LEU)
        )
    )
    assert (receipt["receiving_unit"], receipt["current_unit"]) == (A_MU_SUNG, COC_LEU)
    assert receipt["competent_unit"] == COC_LEU
    dossier_id = UUID(str(receipt["id"]))
    history = await app.dossiers.history(officer(Role.AUDITOR, PROVINCE), dossier_id)
    assert [e.type for e in history.events][-1] == "Forwarded"
    # Its route runs at Cốc Lếu: on to the city, not to Bát Xát.
    await app.dossiers.transfer(as_(Role.CLERK, COC_LEU), dossier_id, c.Transfer(CITY))
    await app.dossiers.transfer(as_(Role.SPECIALIST, CITY), dossier_id, c.Transfer(PROVINCE))
    await app.dossiers.approve(as_(Role.LEADER, PROVINCE), dossier_id, c.Approve({"so": "1"}))
    # The desk that received it returns the result.
    with pytest.raises(Forbidden):
        await app.dossiers.return_result(
            as_(Role.CLERK, COC_LEU), dossier_id, c.ReturnResult(Channel.DESK)
        )
    done = await app.dossiers.return_result(desk, dossier_id, c.ReturnResult(Channel.DESK))
    assert done.status == "result_returned"


@pytest.mark.parametrize(
    ("competent", "why"),
    [
        ("99999", "unknown, or ceased"),
        ("04249", "unknown, or ceased"),  # a Yên Bái commune: not in the 2019 tree served
        (CITY, "received at commune level"),  # the merit benefit starts at the commune
    ],
)
async def test_an_invalid_competent_unit_is_refused_naming_the_field(
    app: App, competent: str, why: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        await app.dossiers.receive_at_desk(
            as_(Role.CLERK, A_MU_SUNG), c.FileDossier(MERIT, APPLICANT, competent_unit=competent)
        )
    assert refused.value.field == "competent_unit" and why in str(refused.value)
