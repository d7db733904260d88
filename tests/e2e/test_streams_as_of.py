"""Every stream as of any instant, by one mechanism: auditors rebuild a permit, an
enrollment and a health record (that rebuild logged in its access log) as they were."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

import httpx

from domain.shared import Role
from infrastructure.clock import FixedClock
from tests.e2e.api import E2E, bearer
from tests.e2e.health_records_support import open_record, write
from tests.e2e.test_enrollments import KIM_TAN_PRIMARY, apply, decide
from tests.e2e.test_permits import NUMBER, approved_permit, permit_action
from tests.examples import APP_MONDAY_9AM, COC_LEU, KIM_TAN, PROVINCE

pytestmark = E2E
AUDITOR = bearer(Role.AUDITOR, PROVINCE)


def at(instant: object) -> str:
    return quote(str(instant).replace(" ", "T"))


async def test_a_permit_as_it_was_before_its_suspension(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    await approved_permit(client)
    issued = (await client.get(f"/api/v1/permits/{NUMBER}", headers=AUDITOR)).json()
    before = clock.now()
    clock.advance(timedelta(days=2))
    suspended = await permit_action(client, "suspend", {"reason": "Xây sai phép"})
    assert suspended.status_code == 200, suspended.text
    history = await client.get(f"/api/v1/permits/{NUMBER}/history", headers=AUDITOR)
    assert [e["type"] for e in history.json()["events"]] == ["Issued", "Suspended"]
    then = await client.get(f"/api/v1/permits/{NUMBER}/history?as_of={at(before)}", headers=AUDITOR)
    assert then.status_code == 200, then.text
    assert then.json()["state"] == issued and then.json()["version"] == 1
    too_early = APP_MONDAY_9AM - timedelta(days=1)
    gone = await client.get(
        f"/api/v1/permits/{NUMBER}/history?as_of={at(too_early)}", headers=AUDITOR
    )
    assert gone.status_code == 404
    outside = await client.get(
        f"/api/v1/permits/{NUMBER}/history", headers=bearer(Role.AUDITOR, "082")
    )
    assert outside.status_code == 404


async def test_an_enrollment_as_it_was_before_admission(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    enrollment = await apply(client)
    before = clock.now()
    clock.advance(timedelta(hours=1))
    admitted = await decide(client, enrollment, "admit", {"school": KIM_TAN_PRIMARY})
    assert admitted.status_code == 200, admitted.text
    path = f"/api/v1/enrollments/{enrollment['id']}/history"
    history = await client.get(path, headers=bearer(Role.SPECIALIST, KIM_TAN))
    assert [e["type"] for e in history.json()["events"]] == ["Applied", "Admitted"]
    then = await client.get(f"{path}?as_of={at(before)}", headers=bearer(Role.SPECIALIST, KIM_TAN))
    assert then.status_code == 200, then.text
    assert then.json()["state"] == enrollment


async def test_a_health_record_rebuilt_by_an_auditor_is_logged(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    record = await open_record(client)
    before = clock.now()
    clock.advance(timedelta(hours=1))
    encounter = {"at": "2021-01-11T10:30:00+07:00", "diagnoses": ["J06.9"]}
    assert (await write(client, record, "encounters", encounter)).status_code == 201
    path = f"/api/v1/health-records/{record['id']}/history?as_of={at(before)}"
    headers = {**AUDITOR, "X-Purpose": "thanh tra"}
    then = await client.get(path, headers=headers)
    assert then.status_code == 200, then.text
    assert then.json()["state"]["encounters"] == []
    assert then.json()["state"]["person"]["full_name"] == "Giàng Thị Dua"
    for refused, expected in (
        (bearer(Role.CLINICIAN, COC_LEU), 403),  # clinicians read the record as it is now
        (bearer(Role.AUDITOR, "082"), 404),  # Bát Xát's auditor: not above Cốc Lếu
    ):
        answer = await client.get(path, headers={**refused, "X-Purpose": "x"})
        assert answer.status_code == expected, answer.text
    log = await client.get(f"/api/v1/health-records/{record['id']}/access-log", headers=AUDITOR)
    assert [(i["actor"]["role"], i["purpose"]) for i in log.json()["items"]] == [
        ("auditor", "thanh tra")
    ]
