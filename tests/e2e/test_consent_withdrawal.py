"""A person takes back a consent: the grantee's reads find nothing from then on, the
earlier reads stay in the access log, and only the holding unit records the withdrawal."""

from __future__ import annotations

import httpx

from domain.shared import Role
from tests.e2e.api import E2E, bearer
from tests.e2e.health_records_support import open_record, read, write
from tests.examples import CITY, COC_LEU, KIM_TAN, PROVINCE

pytestmark = E2E


async def test_after_withdrawal_the_grantee_reads_nothing(client: httpx.AsyncClient) -> None:
    record = await open_record(client)
    consent = {"grantee_unit": KIM_TAN, "purpose": "Khám sức khỏe", "until": "2027-12-31"}
    assert (await write(client, record, "consents", consent)).status_code == 201
    assert (await read(client, record, Role.CLINICIAN, KIM_TAN, "health check")).status_code == 200
    path = f"/api/v1/health-records/{record['id']}/consents/{KIM_TAN}"

    # Only the holding unit's clinicians record the person's withdrawal.
    grantee = await client.delete(path, headers=bearer(Role.CLINICIAN, KIM_TAN))
    assert grantee.status_code == 403
    withdrawn = await client.delete(path, headers=bearer(Role.CLINICIAN, COC_LEU))
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.headers["etag"] == f'"{withdrawn.json()["version"]}"'

    assert (await read(client, record, Role.CLINICIAN, KIM_TAN)).status_code == 404
    assert (await read(client, record, Role.CLINICIAN, COC_LEU)).status_code == 200
    again = await client.delete(path, headers=bearer(Role.CLINICIAN, COC_LEU))
    assert again.status_code == 404  # nothing left to withdraw
    never = f"/api/v1/health-records/{record['id']}/consents/{CITY}"
    assert (await client.delete(never, headers=bearer(Role.CLINICIAN, COC_LEU))).status_code == 404

    log = await client.get(
        f"/api/v1/health-records/{record['id']}/access-log", headers=bearer(Role.AUDITOR, PROVINCE)
    )
    assert [(i["actor"]["unit"], i["purpose"]) for i in log.json()["items"]] == [
        (KIM_TAN, "health check"),
        (COC_LEU, "treatment"),
    ]
