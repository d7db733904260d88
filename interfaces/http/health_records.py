"""Health record routes (clinicians; auditors read the access log, admins erase)."""

from __future__ import annotations

import re

from pydantic import AwareDatetime, Field

from application.health_records import commands, views
from application.health_records.service import HealthRecords
from application.history import AsOf
from interfaces.http import schemas
from interfaces.http.commands import command, command_endpoint
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.errors import invalid
from interfaces.http.fields import ONE_LINE
from interfaces.http.state import Services

RECORDS = "/api/v1/health-records"
RECORD = f"{RECORDS}/{{id:uuid}}"
_PURPOSE = re.compile(ONE_LINE)
PURPOSE_HEADER = {
    "name": "X-Purpose",
    "in": "header",
    "required": True,
    "description": "Why the record is read (treatment, referral, ...): kept in its access log",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": ONE_LINE},
}

ENTRIES = (
    command(
        "encounters",
        "Record an encounter: when, ICD-10 diagnoses, notes (sealed)",
        HealthRecords.record_encounter,
    ),
    command("immunizations", "Record a vaccine dose", HealthRecords.immunize),
    command(
        "referrals",
        "Refer the person to another unit, which may then read and write the record",
        HealthRecords.refer,
    ),
    command(
        "consents",
        "Record the person's consent: another unit may read until the given day",
        HealthRecords.grant_consent,
    ),
)
ERASE = command(
    "erase",
    "Erase the person's data (crypto-shredding); clinical codes and the audit trail stay",
    HealthRecords.erase,
)


def purpose(call: Call) -> str:
    stated = call.request.headers.get("x-purpose", "").strip()
    if not (0 < len(stated) <= 200 and _PURPOSE.fullmatch(stated)):
        raise invalid([("X-Purpose", "state why the record is read, one line, ≤ 200 chars")])
    return stated


async def open_record(call: Call) -> views.RecordReceipt:
    return await call.services.health_records.open(call.context(call.officer), call.body)


async def read(call: Call) -> views.RecordView:
    return await call.services.health_records.read(
        call.context(call.officer), call.path["id"], purpose(call)
    )


async def withdraw_consent(call: Call) -> views.RecordReceipt:
    command = commands.WithdrawConsent(call.path["grantee_unit"])
    return await call.services.health_records.withdraw_consent(
        call.context(call.officer), call.path["id"], command
    )


class RebuildQuery(schemas.Query):
    as_of: AwareDatetime = Field(
        description="An instant with its offset (percent-encode a +): the record as it was then"
    )


async def rebuild(call: Call) -> AsOf[views.RecordView]:
    query: RebuildQuery = call.query
    return await call.services.health_records.as_of(
        call.context(call.officer), call.path["id"], query.as_of, purpose(call)
    )


async def access_log(call: Call) -> views.AccessLog:
    return await call.services.health_records.access_log(call.officer, call.path["id"])


def _records(services: Services) -> HealthRecords:
    return services.health_records


ENDPOINTS = (
    Endpoint(
        "POST",
        RECORDS,
        "open_health_record",
        "Open a person's health record at the clinician's unit",
        open_record,
        views.RecordReceipt,
        status=201,
        body=commands.OpenRecord,
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
        views.RecordView,
        etag=True,
        errors=(409, 503),
        tag="health-records",
        headers=(PURPOSE_HEADER,),
    ),
    Endpoint(
        "GET",
        f"{RECORD}/access-log",
        "health_record_access_log",
        "Every read of the record: who, from which unit, why, when (auditors)",
        access_log,
        views.AccessLog,
        errors=(403, 503),
        tag="health-records",
    ),
    *(
        command_endpoint(
            entry,
            resource=RECORD,
            key="id",
            service=_records,
            response=views.RecordReceipt,
            tag="health-records",
            status=201,
        )
        for entry in ENTRIES
    ),
    Endpoint(
        "GET",
        f"{RECORD}/history",
        "health_record_as_of",
        "The record as it was at an instant (auditors above its unit); logged like every read",
        rebuild,
        AsOf[views.RecordView],
        query=RebuildQuery,
        errors=(503,),
        tag="health-records",
        headers=(PURPOSE_HEADER,),
    ),
    Endpoint(
        "DELETE",
        f"{RECORD}/consents/{{grantee_unit}}",
        "health_records_withdraw_consent",
        "Withdraw the person's consents to a unit: its reads find no record from now on",
        withdraw_consent,
        views.RecordReceipt,
        etag=True,
        command=True,
        errors=(403, 409, 503),
        tag="health-records",
    ),
    command_endpoint(
        ERASE,
        resource=RECORD,
        key="id",
        service=_records,
        response=views.Erasure,
        tag="health-records",
        status=202,
    ),
)
