"""What the permit use cases answer: to staff, and to anyone checking a permit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.permits.permit import Permit, PermitStatus


@dataclass(frozen=True)
class PermitView:
    number: str
    kind: str
    dossier_id: UUID
    holder: str
    scope: str
    issuing_unit: str
    valid_from: date
    valid_until: date
    status: PermitStatus
    version: int


@dataclass(frozen=True)
class PublicPermit:
    number: str
    kind: str
    status: PermitStatus
    valid_from: date
    valid_until: date
    issuing_unit_name: str


def staff_view(permit: Permit, today: date) -> PermitView:
    return PermitView(
        number=permit.number,
        kind=permit.kind,
        dossier_id=permit.dossier_id,
        holder=permit.holder,
        scope=permit.scope,
        issuing_unit=permit.issuing_unit,
        valid_from=permit.valid_from,
        valid_until=permit.valid_until,
        status=permit.status(today),
        version=permit.version,
    )
