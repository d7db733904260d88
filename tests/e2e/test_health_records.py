"""Health records over HTTP: who may open a record, every read logged, and erasure by
crypto-shredding checked against the raw bytes of the database."""

from __future__ import annotations

import secrets
from datetime import timedelta

import httpx

from domain.shared import Role
from infrastructure.clock import FixedClock
from interfaces.bootstrap import App
from tests.contract.conftest import Storage
from tests.e2e.api import E2E, bearer, file, serving
from tests.e2e.conftest import AppOpener
from tests.e2e.health_records_support import (
    found_in,
    open_record,
    raw_bytes,
    read,
    sql,
    write,
)
from tests.examples import A_MU_SUNG, BAT_XAT, CITY, COC_LEU, KIM_TAN, PROVINCE

pytestmark = E2E
# The demo's health units: a commune-level unit stands for its commune health station
# (trạm y tế), a district for its district health centre, the province for the
# provincial general hospital.
STATION, HOSPITAL = COC_LEU, CITY


async def test_who_may_open_a_record_and_every_read_is_logged(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    record = await open_record(client)
    encounter = {"at": "2021-01-11T09:30:00+07:00", "diagnoses": ["J06.9", "R50"]}
    assert (await write(client, record, "encounters", encounter)).status_code == 201
    bad_code = {**encounter, "diagnoses": ["U07.1"]}  # U codes are not in the shape
    assert (await write(client, record, "encounters", bad_code)).status_code == 422
    referral = {"to_unit": HOSPITAL, "reason": "Sốt kéo dài"}
    assert (await write(client, record, "referrals", referral)).status_code == 201
    consents = (
        {"grantee_unit": KIM_TAN, "purpose": "Khám sức khỏe", "until": "2021-02-28"},
        {"grantee_unit": BAT_XAT, "purpose": "Nghiên cứu", "until": "2021-01-10"},  # expired
    )
    for consent in consents:
        assert (await write(client, record, "consents", consent)).status_code == 201
    from_hospital = await write(client, record, "encounters", encounter, unit=HOSPITAL)
    assert from_hospital.status_code == 201  # a referred unit treats, and writes
    consented_write = await write(client, record, "encounters", encounter, unit=KIM_TAN)
    assert consented_write.status_code == 403  # a consent opens reading only

    allowed = {STATION: "treatment", HOSPITAL: "referral", KIM_TAN: "health check"}
    for unit, purpose in allowed.items():
        answer = await read(client, record, Role.CLINICIAN, unit, purpose)
        assert answer.status_code == 200, (unit, answer.text)
        assert answer.json()["person"]["full_name"] == "Giàng Thị Dua"
    for role, unit in (
        (Role.CLINICIAN, A_MU_SUNG),  # another unit
        (Role.CLINICIAN, BAT_XAT),  # its consent ended yesterday
        (Role.CLERK, STATION),  # not a clinician
        (Role.AUDITOR, PROVINCE),  # auditors read the log, not the record
    ):
        assert (await read(client, record, role, unit)).status_code == 404, (role, unit)
    no_purpose = await client.get(
        f"/api/v1/health-records/{record['id']}", headers=bearer(Role.CLINICIAN, STATION)
    )
    assert no_purpose.status_code == 422
    assert no_purpose.json()["errors"][0]["field"] == "X-Purpose"

    clock.advance(timedelta(days=60))  # Kim Tân's consent has run out
    assert (await read(client, record, Role.CLINICIAN, KIM_TAN)).status_code == 404

    log_path = f"/api/v1/health-records/{record['id']}/access-log"
    log = await client.get(log_path, headers=bearer(Role.AUDITOR, PROVINCE))
    assert log.status_code == 200
    assert [(i["actor"]["unit"], i["purpose"]) for i in log.json()["items"]] == list(
        allowed.items()
    )
    outside = await client.get(log_path, headers=bearer(Role.AUDITOR, BAT_XAT))
    assert outside.status_code == 404
    holder = await client.get(log_path, headers=bearer(Role.CLINICIAN, STATION))
    assert holder.status_code == 403


async def test_erasure_shreds_the_key_and_leaves_codes_trail_and_chain(
    app: App, open_app: AppOpener, client: httpx.AsyncClient, storage: Storage
) -> None:
    canary_name = f"Canary Hoang {secrets.token_hex(6)}"
    canary_id = f"{secrets.randbelow(10**12):012d}"
    canary_note = f"ghi chu {secrets.token_hex(6)}"
    control_name = f"Control Lan {secrets.token_hex(6)}"
    record = await open_record(client, full_name=canary_name, citizen_id=canary_id)
    encounter = {"at": "2021-01-11T10:00:00+07:00", "diagnoses": ["A09"], "notes": canary_note}
    assert (await write(client, record, "encounters", encounter)).status_code == 201
    await file(client, applicant={"full_name": control_name, "citizen_id": "012345678901"})

    # Before erasure: the record opens for its clinician, yet its personal data is
    # nowhere in the database in the clear; the dossier's applicant, kept plain, is.
    before = await read(client, record, Role.CLINICIAN, STATION)
    person = before.json()["person"]
    assert (person["full_name"], person["citizen_id"]) == (canary_name, canary_id)
    assert before.json()["encounters"][0]["notes"] == canary_note
    raw = await raw_bytes(storage)
    assert found_in(raw, control_name)
    assert not any(found_in(raw, canary) for canary in (canary_name, canary_id, canary_note))
    ((wrapped_key,),) = await sql(storage, "SELECT wrapped_key FROM person_keys")
    assert found_in(raw, bytes(wrapped_key))

    erased = await write(
        client, record, "erase", {"reason": "Yêu cầu của công dân"}, Role.ADMIN, PROVINCE
    )
    assert erased.status_code == 202 and erased.json()["erased"] is True

    after = (await read(client, record, Role.CLINICIAN, STATION)).json()
    assert after["person"] | {"sex": None} == {
        "full_name": "[erased]",
        "citizen_id": "[erased]",
        "birth_date": "[erased]",
        "sex": None,
    }
    assert after["encounters"][0]["diagnoses"] == ["A09"]
    assert after["encounters"][0]["notes"] == "[erased]"
    log = await client.get(
        f"/api/v1/health-records/{record['id']}/access-log", headers=bearer(Role.AUDITOR, PROVINCE)
    )
    assert len(log.json()["items"]) == 2
    assert (await app.verify_chain()).ok
    no_more = await write(client, record, "encounters", encounter)
    assert no_more.status_code == 409

    raw = await raw_bytes(storage)
    assert found_in(raw, control_name)  # the scan still sees what is stored in the clear
    assert not any(found_in(raw, canary) for canary in (canary_name, canary_id, canary_note))
    assert not found_in(raw, bytes(wrapped_key))

    # An old backup restored: the key is back in the database. The erasure ledger lives
    # apart from it, and the next start shreds the key again before serving anyone.
    await sql(storage, "UPDATE person_keys SET wrapped_key = ?, shredded_at = NULL", wrapped_key)
    restarted = await open_app()
    assert await sql(storage, "SELECT wrapped_key FROM person_keys") == [(None,)]
    async with serving(restarted) as again:
        reread = await read(again, record, Role.CLINICIAN, STATION)
        assert reread.json()["person"]["full_name"] == "[erased]"
