"""What the dossier use cases answer: for staff, for auditors, for the citizen. The HTTP
edge validates, documents and serialises these very types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from application.unit_names import unit_name
from domain.dossiers.dossier import Applicant, Document, Dossier
from domain.dossiers.status import Channel, Status
from domain.units import UnitTree


@dataclass(frozen=True)
class ProcedureRef:
    code: str
    version: int
    name: str


@dataclass(frozen=True)
class PaymentView:
    amount_vnd: int
    transaction_id: str
    paid_at: datetime


@dataclass(frozen=True)
class DossierView:
    id: UUID
    code: str
    procedure: ProcedureRef
    applicant: Applicant
    channel: Channel
    status: Status
    receiving_unit: str
    current_unit: str
    competent_unit: str
    received_at: datetime | None
    due_date: date | None
    overdue: bool
    late: bool
    documents: list[Document]
    result: dict[str, Any] | None
    fee_vnd: int | None
    """The procedure version's fee (None: the catalog does not say; 0: free)."""
    payment: PaymentView | None
    possible_duplicates: list[str]
    """Open dossiers of the same citizen and procedure when this one was filed (codes)."""
    version: int


@dataclass(frozen=True)
class Receipt(DossierView):
    """The filing's answer: the only one that shows the lookup secret."""

    lookup_secret: str


@dataclass(frozen=True)
class DeskView:
    """A dossier as an officer works it: what they may do to it now (access's rules and
    the state's, the very checks the commands make) and where a transfer goes."""

    dossier: DossierView
    actions: tuple[str, ...]
    """Commands, as :data:`domain.dossiers.access.COMMANDS` names them."""
    next_unit: str | None


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    status: Status
    unit_name: str


@dataclass(frozen=True)
class PublicStatus:
    code: str
    procedure_name: str
    status: Status
    received_at: datetime | None
    due_date: date | None
    current_unit_name: str
    timeline: list[TimelineEntry]


def staff_view(dossier: Dossier, today: date) -> DossierView:
    return DossierView(
        id=dossier.id,
        code=dossier.code,
        procedure=ProcedureRef(
            dossier.procedure_code, dossier.procedure_version, dossier.procedure_name
        ),
        applicant=dossier.applicant,
        channel=dossier.channel,
        status=dossier.status,
        receiving_unit=dossier.receiving_unit,
        current_unit=dossier.current_unit,
        competent_unit=dossier.competent_unit,
        received_at=dossier.received_at,
        due_date=dossier.due_date,
        overdue=dossier.is_overdue(today),
        late=dossier.is_late,
        documents=list(dossier.documents),
        result=dossier.result,
        fee_vnd=dossier.fee_vnd,
        payment=(
            PaymentView(
                dossier.payment.amount_vnd, dossier.payment.transaction_id, dossier.payment.at
            )
            if dossier.payment is not None
            else None
        ),
        possible_duplicates=list(dossier.possible_duplicates),
        version=dossier.version,
    )


def public_view(events: Sequence[Any], units: UnitTree) -> PublicStatus:
    """The citizen's view: where the dossier is and has been; no officer, no citizen id."""
    timeline: list[TimelineEntry] = []
    dossier: Dossier | None = None
    for domain_event in events:
        dossier = domain_event.mutate(dossier)
        assert dossier is not None
        status, place = dossier.status, unit_name(units, dossier.current_unit)
        if timeline and (timeline[-1].status, timeline[-1].unit_name) == (status, place):
            continue
        timeline.append(TimelineEntry(domain_event.timestamp, status, place))
    assert dossier is not None
    return PublicStatus(
        code=dossier.code,
        procedure_name=dossier.procedure_name,
        status=dossier.status,
        received_at=dossier.received_at,
        due_date=dossier.due_date,
        current_unit_name=unit_name(units, dossier.current_unit),
        timeline=timeline,
    )
