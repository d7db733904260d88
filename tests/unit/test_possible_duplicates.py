"""The possible duplicates' projection keeps one row per open dossier under a keyed print
of the citizen id, and forgets the dossier when it ends; the query prints before asking."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from application.ports import RecordedEvent
from projections.ports import Envelope
from projections.possible_duplicates import (
    OpenDossier,
    PossibleDuplicates,
    PossibleDuplicatesProjection,
)
from tests.examples import APPLICANT, CALENDAR, CLERK, MERIT, MONDAY_9AM, submitted_dossier


def keyed(citizen_id: str) -> str:
    return hmac.new(b"k" * 32, citizen_id.encode(), hashlib.sha256).hexdigest()


class View:
    def __init__(self) -> None:
        self.rows: dict[str, OpenDossier] = {}

    async def put(self, dossier: OpenDossier) -> None:
        self.rows[dossier.dossier_id] = dossier

    async def remove(self, dossier_id: str) -> None:
        self.rows.pop(dossier_id, None)

    async def codes(self, citizen: str, procedure: str, limit: int) -> list[str]:
        found = (
            r.code for r in self.rows.values() if (r.citizen, r.procedure) == (citizen, procedure)
        )
        return sorted(found)[:limit]


def envelope(event: Any) -> Envelope:
    recorded = RecordedEvent(
        1,
        event.originator_id,
        "Dossier",
        event.originator_version,
        uuid4(),
        "",
        b"",
        {},
        datetime.now(UTC),
        b"",
    )
    return Envelope(recorded, event)


async def test_an_open_dossier_is_kept_under_its_print_until_it_ends() -> None:
    projection, view = PossibleDuplicatesProjection(keyed), View()
    dossier = submitted_dossier(MERIT)
    dossier.receive(CLERK, MONDAY_9AM, CALENDAR)
    dossier.withdraw("nhầm", CLERK, MONDAY_9AM)
    submitted, received, withdrawn = dossier.collect_events()

    await projection.handle(envelope(submitted), view)
    await projection.handle(envelope(received), view)
    (row,) = view.rows.values()
    assert (row.code, row.procedure) == (dossier.code, MERIT)
    assert row.citizen == keyed(APPLICANT.citizen_id) != APPLICANT.citizen_id

    asked = PossibleDuplicates(view, keyed)
    assert await asked.open_codes(APPLICANT.citizen_id, MERIT) == (dossier.code,)
    assert await asked.open_codes(APPLICANT.citizen_id, "1.001193") == ()

    await projection.handle(envelope(withdrawn), view)
    assert view.rows == {}
    assert await asked.open_codes(APPLICANT.citizen_id, MERIT) == ()
