"""``motcua replay``: one command for every stream, through the same use cases as the API."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from application.context import Context
from application.errors import InvalidInput, NotFound
from application.health_records import commands as h
from application.plain import plain
from domain.health_records.values import Sex
from domain.permits.permit import Permit
from domain.shared import Role
from infrastructure.clock import FixedClock
from interfaces.bootstrap import App
from interfaces.replay import PURPOSE, replay
from tests.examples import COC_LEU, MONDAY_9AM, officer
from tests.unit.test_permits import TERMS, app, approved

__all__ = ["app"]  # the permit tests' fixture


async def test_a_permit_and_a_health_record_replay_by_their_stream_id(app: App) -> None:
    dossier = await approved(app, {**TERMS, "valid_until": "2027-12-31"})
    number = str(dossier["result"]["permit_number"])  # type: ignore[index]
    await app.permits.issuer.issue_number(number)
    history = plain(await replay(app, Permit.id_for(number), None))
    assert [event["type"] for event in history["events"]] == ["Issued"]
    assert plain(await replay(app, Permit.id_for(number), MONDAY_9AM))["state"]["number"] == number

    clinician = Context(officer(Role.CLINICIAN, COC_LEU))
    person = h.Person("Giàng Thị Dua", "010203004005", date(1990, 5, 17), Sex.FEMALE)
    record = await app.health_records.open(clinician, h.OpenRecord(person))
    with pytest.raises(InvalidInput):  # its events are not listed, only its state rebuilt
        await replay(app, record.id, None)
    assert isinstance(app.clock, FixedClock)
    app.clock.advance(timedelta(minutes=5))
    rebuilt = plain(await replay(app, record.id, app.clock.now()))
    assert rebuilt["state"]["person"]["full_name"] == "Giàng Thị Dua"
    log = await app.health_records.access_log(officer(Role.AUDITOR, "10"), record.id)
    assert [entry.purpose for entry in log.items] == [PURPOSE]
    with pytest.raises(NotFound):
        await replay(app, Permit.id_for("GPXD-080-000000-0000"), None)
