"""``Dossiers.desk``: what each officer may do to a dossier now, as the desk page offers
it. Offered means the command would pass the same checks the API makes."""

from __future__ import annotations

from uuid import UUID

import pytest

from application.dossiers import commands as c
from application.errors import NotFound
from domain.dossiers.dossier import Document
from domain.shared import Role
from interfaces.bootstrap import App
from tests.examples import CITY, COC_LEU, KIM_TAN, PROVINCE, officer
from tests.unit.test_dossiers_service import app, as_, file

__all__ = ["app"]


async def offered(app: App, dossier_id: UUID, role: Role, unit: str) -> tuple[str, ...]:
    return (await app.dossiers.desk(officer(role, unit), dossier_id)).actions


async def test_each_officer_is_offered_what_their_role_may_do_at_each_step(app: App) -> None:
    dossier_id = UUID(str((await file(app))["id"]))
    d = app.dossiers
    assert await offered(app, dossier_id, Role.CLERK, COC_LEU) == (
        "request_supplement",
        "transfer",
        "withdraw",
        "attach",  # a file, by PUT .../documents/{name}: not a form of the desk page
    )
    assert (await d.desk(officer(Role.CLERK), dossier_id)).next_unit == CITY
    # Approval only where the route decides; the domain lets a holding leader refuse anywhere.
    assert await offered(app, dossier_id, Role.LEADER, COC_LEU) == ("refuse", "apologize", "stop")
    await d.request_supplement(as_(Role.CLERK), dossier_id, c.RequestSupplement("thiếu", ("A",)))
    assert await offered(app, dossier_id, Role.CLERK, COC_LEU) == (
        "supplement",
        "withdraw",
        "attach",
    )
    await d.supplement(as_(Role.CLERK), dossier_id, c.Supplement((Document("A"),)))
    await d.transfer(as_(Role.CLERK), dossier_id, c.Transfer(CITY))
    assert await offered(app, dossier_id, Role.CLERK, COC_LEU) == ("withdraw", "attach")
    assert await offered(app, dossier_id, Role.SPECIALIST, CITY) == (
        "request_supplement",
        "transfer",
    )
    await d.transfer(as_(Role.SPECIALIST, CITY), dossier_id, c.Transfer(PROVINCE))
    assert (await d.desk(officer(Role.LEADER, PROVINCE), dossier_id)).next_unit is None
    assert await offered(app, dossier_id, Role.LEADER, PROVINCE) == (
        "approve",
        "refuse",
        "apologize",
        "stop",
    )
    assert await offered(app, dossier_id, Role.SPECIALIST, CITY) == ()  # it left the city
    assert await offered(app, dossier_id, Role.AUDITOR, PROVINCE) == ()
    await d.approve(as_(Role.LEADER, PROVINCE), dossier_id, c.Approve({"decision": "QĐ 1"}))
    assert await offered(app, dossier_id, Role.CLERK, COC_LEU) == ("return_result",)


async def test_another_units_officer_learns_nothing(app: App) -> None:
    dossier_id = UUID(str((await file(app))["id"]))
    with pytest.raises(NotFound):
        await app.dossiers.desk(officer(Role.CLERK, KIM_TAN), dossier_id)
