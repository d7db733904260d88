"""Health record routes (clinicians; auditors read the access log, admins erase)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel

from application.commands import Result
from application.context import Context
from application.health_records.service import HealthRecords
from interfaces.http import health_record_models as models
from interfaces.http import schemas
from interfaces.http.command_routes import command_endpoint
from interfaces.http.commands import Command
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.errors import invalid

RECORDS = "/api/v1/health-records"
RECORD = f"{RECORDS}/{{id:uuid}}"
B = TypeVar("B", bound=BaseModel)
_PURPOSE = re.compile(models.PURPOSE_PATTERN)


def record_command(
    action: str,
    summary: str,
    body: type[B],
    run: Callable[[HealthRecords, Context, UUID, B], Awaitable[Result]],
) -> Command[Any]:
    return Command(action, summary, body, run)


ENTRIES = (
    record_command(
        "encounters",
        "Record an encounter: when, ICD-10 diagnoses, notes (sealed)",
        models.EncounterIn,
        lambda h, c, i, b: h.record_encounter(c, i, b.at, tuple(b.diagnoses), b.notes),
    ),
    record_command(
        "immunizations",
        "Record a vaccine dose",
        models.ImmunizationIn,
        lambda h, c, i, b: h.immunize(c, i, b.vaccine, b.dose, b.at),
    ),
    record_command(
        "referrals",
        "Refer the person to another unit, which may then read and write the record",
        models.ReferralIn,
        lambda h, c, i, b: h.refer(c, i, b.to_unit, b.reason),
    ),
    record_command(
        "consents",
        "Record the person's consent: another unit may read until the given day",
        models.ConsentIn,
        lambda h, c, i, b: h.grant_consent(c, i, b.grantee_unit, b.purpose, b.until),
    ),
)
ERASE = record_command(
    "erase",
    "Erase the person's data (crypto-shredding); clinical codes and the audit trail stay",
    schemas.ReasonBody,
    lambda h, c, i, b: h.erase(c, i, b.reason),
)


def purpose(call: Call) -> str:
    stated = call.request.headers.get("x-purpose", "").strip()
    if not (0 < len(stated) <= 200 and _PURPOSE.fullmatch(stated)):
        raise invalid([("X-Purpose", "state why the record is read, one line, ≤ 200 chars")])
    return stated


async def open_record(call: Call) -> Result:
    body: models.OpenRecord = call.body
    person = body.person
    return await call.app.health_records.open(
        call.context(call.officer),
        person.full_name,
        person.citizen_id,
        person.birth_date,
        person.sex,
    )


async def read(call: Call) -> Result:
    return await call.app.health_records.read(
        call.context(call.officer), call.path["id"], purpose(call)
    )


async def access_log(call: Call) -> Result:
    return await call.app.health_records.access_log(call.officer, call.path["id"])


def _records(call: Call) -> HealthRecords:
    return call.app.health_records


ENDPOINTS = (
    Endpoint(
        "POST",
        RECORDS,
        "open_health_record",
        "Open a person's health record at the clinician's unit",
        open_record,
        models.RecordReceipt,
        status=201,
        body=models.OpenRecord,
        etag=True,
        command=True,
        errors=(403, 409, 503),
        tag="health-records",
    ),
    Endpoint(
        "GET",
        RECORD,
        "read_health_record",
        "Read the record (holding, referred or consented unit); the read is logged",
        read,
        models.RecordOut,
        etag=True,
        errors=(409, 503),
        tag="health-records",
        headers=(models.PURPOSE_HEADER,),
    ),
    Endpoint(
        "GET",
        f"{RECORD}/access-log",
        "health_record_access_log",
        "Every read of the record: who, from which unit, why, when (auditors)",
        access_log,
        models.AccessLog,
        errors=(403, 503),
        tag="health-records",
    ),
    *(
        command_endpoint(
            entry,
            resource=RECORD,
            key="id",
            service=_records,
            response=models.RecordReceipt,
            tag="health-records",
            status=201,
        )
        for entry in ENTRIES
    ),
    command_endpoint(
        ERASE,
        resource=RECORD,
        key="id",
        service=_records,
        response=models.Erasure,
        tag="health-records",
        status=202,
    ),
)
