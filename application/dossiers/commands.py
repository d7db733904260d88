"""The dossier commands' arguments, each declared once: the use cases take them, the
idempotency record fingerprints them, and the HTTP edge validates and documents them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from domain.dossiers.dossier import Applicant, Document
from domain.dossiers.status import Channel, Rating
from domain.fields import (
    Between,
    DossierCode,
    JsonObject,
    Name,
    ProcedureCode,
    Reason,
    TransactionId,
    UnitCode,
)

Documents = Annotated[tuple[Document, ...], Between(most=50)]


@dataclass(frozen=True)
class FileDossier:
    procedure_code: ProcedureCode
    applicant: Applicant
    documents: Documents = ()
    channel: Channel = Channel.DESK
    competent_unit: UnitCode | None = None
    """Boundary-free filing: the unit competent for it (default: the desk's own)."""


@dataclass(frozen=True)
class SubmitOnline:
    procedure_code: ProcedureCode
    receiving_unit: UnitCode
    applicant: Applicant
    documents: Documents = ()
    competent_unit: UnitCode | None = None


@dataclass(frozen=True)
class Receive:
    """An online submission, received at the desk: no arguments."""


@dataclass(frozen=True)
class RefuseIntake:
    reason: Reason


@dataclass(frozen=True)
class RequestSupplement:
    reason: Reason
    documents: Annotated[tuple[Name, ...], Between(1, 50)]


@dataclass(frozen=True)
class Supplement:
    documents: Annotated[tuple[Document, ...], Between(1, 50)]


@dataclass(frozen=True)
class Transfer:
    to_unit: UnitCode
    note: Reason | None = None


@dataclass(frozen=True)
class Approve:
    result: JsonObject
    note: Reason | None = None


@dataclass(frozen=True)
class Correct:
    reason: Reason
    result: JsonObject


@dataclass(frozen=True)
class Refuse:
    reason: Reason


@dataclass(frozen=True)
class Apologize:
    reason: Reason
    new_due_date: date


@dataclass(frozen=True)
class ReturnResult:
    channel: Channel


@dataclass(frozen=True)
class Withdraw:
    reason: Reason


@dataclass(frozen=True)
class Stop:
    reason: Reason


@dataclass(frozen=True)
class Rate:
    rating: Rating
    comment: Reason | None = None


@dataclass(frozen=True)
class PaymentNotice:
    """The payment gateway's notice that a dossier's fee was paid (HMAC-signed body)."""

    transaction_id: TransactionId
    """The gateway's own id: a notice sent again with it is answered once."""
    dossier_code: DossierCode
    amount_vnd: Annotated[int, Between(1, 10**12)]
