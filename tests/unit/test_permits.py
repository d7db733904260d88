"""The permit: its terms, its number, its lifecycle, and issuing it once from an approval."""

from __future__ import annotations

import asyncio
from datetime import date
from uuid import UUID, uuid4

import pytest

from application.context import Context
from application.dossiers import commands as c
from application.errors import Forbidden, InvalidInput, NotFound
from application.permits.commands import Suspend
from application.plain import plain
from application.repository import short_type
from domain.dossiers.dossier import Document
from domain.dossiers.status import Channel
from domain.permits.errors import InvalidExtension, InvalidPermitTerms, PermitNotInForce
from domain.permits.permit import Permit, PermitStatus
from domain.permits.terms import PermitTerms, dossier_code_of, permit_number
from domain.shared import Role
from infrastructure.clock import FixedClock
from infrastructure.memory.event_store import InMemoryEventStore
from interfaces.bootstrap import App, bootstrap
from tests.examples import (
    APP_CALENDAR,
    APP_MONDAY_9AM,
    APPLICANT,
    BAT_XAT,
    CITY,
    MONDAY_9AM,
    PERMIT,
    officer,
)

TERMS = {"holder": "Lò Văn Pả", "scope": "Nhà 3 tầng", "valid_from": "2027-02-01"}
LEADER = officer(Role.LEADER, CITY)


def issued(valid_until: date = date(2027, 12, 31)) -> Permit:
    terms = PermitTerms("Lò Văn Pả", "Nhà 3 tầng", date(2027, 2, 1), valid_until)
    return Permit.issue(
        number="GPXD-080-270111-0001",
        kind="GPXD",
        dossier_id=uuid4(),
        terms=terms,
        issuing_unit=CITY,
        actor=LEADER,
        at=MONDAY_9AM,
    )


def test_terms_name_the_first_missing_or_bad_field() -> None:
    with pytest.raises(InvalidPermitTerms) as missing:
        PermitTerms.from_result({"permit": TERMS})
    assert missing.value.field == "result.permit.valid_until"
    with pytest.raises(InvalidPermitTerms) as backwards:
        PermitTerms.from_result({"permit": {**TERMS, "valid_until": "2027-01-01"}})
    assert backwards.value.field == "result.permit.valid_until"
    with pytest.raises(InvalidPermitTerms) as absent:
        PermitTerms.from_result({"so": "QĐ-1"})
    assert absent.value.field == "result.permit"


def test_the_number_is_made_from_the_dossier_code_and_back() -> None:
    number = permit_number(PERMIT, "080-270111-0001")
    assert number == "GPXD-080-270111-0001"
    assert dossier_code_of(number) == "080-270111-0001"
    assert dossier_code_of("nonumber") is None


def test_a_permit_expires_by_the_calendar_and_ends_when_revoked() -> None:
    permit = issued()
    assert permit.status(date(2027, 12, 31)) == PermitStatus.VALID
    assert permit.status(date(2028, 1, 1)) == PermitStatus.EXPIRED
    with pytest.raises(InvalidExtension):
        permit.extend(date(2027, 6, 1), LEADER, MONDAY_9AM)
    permit.suspend("sai phép", LEADER, MONDAY_9AM)
    with pytest.raises(PermitNotInForce, match="suspended"):
        permit.suspend("lần nữa", LEADER, MONDAY_9AM)
    permit.reinstate("đã khắc phục", LEADER, MONDAY_9AM)
    permit.revoke("vi phạm", LEADER, MONDAY_9AM)
    with pytest.raises(PermitNotInForce, match="revoked"):
        permit.amend("x", LEADER, MONDAY_9AM)
    with pytest.raises(PermitNotInForce, match="revoked"):
        permit.reinstate("x", LEADER, MONDAY_9AM)
    assert [short_type(type(e).__qualname__) for e in permit.collect_events()] == [
        "Issued",
        "Suspended",
        "Reinstated",
        "Revoked",
    ]


def test_an_expired_permit_is_not_extended() -> None:
    permit = issued(valid_until=date(2027, 1, 10))  # expired the day before MONDAY_9AM
    with pytest.raises(PermitNotInForce, match="expired"):
        permit.extend(date(2028, 1, 1), LEADER, MONDAY_9AM)


@pytest.fixture
async def app() -> App:
    return await bootstrap(
        store=InMemoryEventStore(), clock=FixedClock(APP_MONDAY_9AM), calendar=APP_CALENDAR
    )


async def approved(app: App, terms: dict[str, str]) -> dict[str, object]:
    clerk = officer(Role.CLERK, CITY)
    receipt = plain(
        await app.dossiers.receive_at_desk(
            Context(clerk), c.FileDossier(PERMIT, APPLICANT, (Document("Đơn"),), Channel.DESK)
        )
    )
    return plain(
        await app.dossiers.approve(
            Context(LEADER), UUID(str(receipt["id"])), c.Approve({"permit": terms})
        )
    )


async def test_the_issuer_issues_once_however_often_it_replays(app: App) -> None:
    dossier = await approved(app, {**TERMS, "valid_until": "2027-12-31"})
    number = str(dossier["result"]["permit_number"])  # type: ignore[index]
    dossier_id = UUID(str(dossier["id"]))
    # Three issuers race, a restarted one issues again, a read asks for the permit.
    await asyncio.gather(*(app.permits.issuer.issue_for(dossier_id) for _ in range(3)))
    await app.permits.issuer.issue_for(dossier_id)
    await app.permits.issuer.issue_number(number)
    issued_events = [e async for e in app.store.read_all() if e.stream_type == "Permit"]
    assert len(issued_events) == 1
    assert plain(await app.permits.get(LEADER, number))["status"] == "valid"


async def test_approval_refuses_a_permit_without_terms(app: App) -> None:
    with pytest.raises(InvalidInput) as refused:
        await approved(app, {"holder": "Lò Văn Pả"})
    assert refused.value.field == "result.permit.scope"


async def test_other_units_do_not_see_it_and_clerks_do_not_change_it(app: App) -> None:
    dossier = await approved(app, {**TERMS, "valid_until": "2027-12-31"})
    number = str(dossier["result"]["permit_number"])  # type: ignore[index]
    with pytest.raises(NotFound):
        await app.permits.get(officer(Role.LEADER, BAT_XAT), number)
    with pytest.raises(Forbidden):
        await app.permits.suspend(Context(officer(Role.CLERK, CITY)), number, Suspend("x"))
    assert plain(await app.permits.check(number))["issuing_unit_name"] == "Thành phố Lào Cai"
