"""What kind of text a field holds: the vocabulary every edge checks input against.

A command or value type says ``full_name: Name`` rather than ``full_name: str``; the
marker rides along in ``Annotated`` and means nothing to Python or to the domain. The
HTTP edge maps each kind to its bounds and pattern once (``interfaces/http/fields.py``),
so a shape is declared here once and validated and documented there without restating it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Annotated, Any


class Kind(Enum):
    NAME = "a name or title, one line"
    ADDRESS = "a postal address, one line"
    REASON = "free text, paragraphs allowed"
    UNIT_CODE = "an administrative unit's code"
    PROCEDURE_CODE = "a procedure's code"
    CITIZEN_ID = "a citizen identity number (12 digits)"
    PHONE = "a phone number"
    SHA256 = "a SHA-256 digest in hex"
    SCHOOL_CODE = "a school's code"
    SCHOOL_YEAR = "a school year, like 2027-2028"
    ICD10 = "an ICD-10 diagnosis code"
    JSON_OBJECT = "a JSON object of finite values"
    INSTANT = "an instant with its UTC offset"
    URL = "an http or https URL"
    WEBHOOK_SECRET = "a Standard Webhooks secret: whsec_ then base64 of 24 to 64 random bytes"
    EVENT_TYPE = "a published CloudEvents type, like vn.gov.motcua.dossier.received"
    EMAIL = "an e-mail address"
    DOSSIER_CODE = "a dossier's code, as printed on its receipt"
    TRANSACTION_ID = "a payment gateway's transaction id"


Name = Annotated[str, Kind.NAME]
Address = Annotated[str, Kind.ADDRESS]
Reason = Annotated[str, Kind.REASON]
UnitCode = Annotated[str, Kind.UNIT_CODE]
ProcedureCode = Annotated[str, Kind.PROCEDURE_CODE]
CitizenId = Annotated[str, Kind.CITIZEN_ID]
Phone = Annotated[str, Kind.PHONE]
Sha256 = Annotated[str, Kind.SHA256]
SchoolCode = Annotated[str, Kind.SCHOOL_CODE]
SchoolYear = Annotated[str, Kind.SCHOOL_YEAR]
Icd10 = Annotated[str, Kind.ICD10]
JsonObject = Annotated[dict[str, Any], Kind.JSON_OBJECT]
Instant = Annotated[datetime, Kind.INSTANT]
Url = Annotated[str, Kind.URL]
WebhookSecret = Annotated[str, Kind.WEBHOOK_SECRET]
EventType = Annotated[str, Kind.EVENT_TYPE]
Email = Annotated[str, Kind.EMAIL]
DossierCode = Annotated[str, Kind.DOSSIER_CODE]
TransactionId = Annotated[str, Kind.TRANSACTION_ID]


@dataclass(frozen=True)
class Between:
    """Bounds, inclusive: on a number, or on how many items a collection holds."""

    least: int | None = None
    most: int | None = None
