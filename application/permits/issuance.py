"""Issuing a permit exactly once from the approval of a permit procedure's dossier.

At approval, :func:`permit_approvals` checks the permit's terms in the result and adds
``permit_number``, made from the dossier's unique code: the approval's own response shows
it, and the number can only ever name that dossier's permit.

:class:`PermitIssuer` is the process manager that turns that ``Dossier.Approved`` event
into the permit's ``Issued`` event. Never twice: the permit's stream id derives from the
number, so a second issue is a :class:`ConcurrencyError` on a stream that exists, and
is ignored; the event itself is computed from the approval alone (same terms, same
instant, same actor), so whichever issuer wins writes the same permit. Never lost: the
issuer follows the log as a relay with a committed position of its own
(:mod:`projections.permit_issuing`), and reads of a permit not issued yet issue it on
the spot from its dossier (:meth:`PermitIssuer.issue_number`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from application.errors import InvalidInput
from application.ports import ConcurrencyError
from application.repository import Repository
from domain.catalog import Catalog, ResultKind
from domain.dossiers.dossier import Dossier
from domain.permits.errors import InvalidPermitTerms
from domain.permits.permit import Permit
from domain.permits.terms import PermitTerms, dossier_code_of, permit_number

APPROVED = get_topic(Dossier.Approved)
NUMBER = "permit_number"


def permit_approvals(catalog: Catalog) -> Callable[[Dossier, dict[str, Any]], dict[str, Any]]:
    """The approval's result, checked and numbered when the procedure issues a permit."""

    def approval_result(dossier: Dossier, result: dict[str, Any]) -> dict[str, Any]:
        if NUMBER in result:
            raise InvalidInput(f"result.{NUMBER}", "is assigned on approval, not sent")
        procedure = catalog.version(dossier.procedure_code, dossier.procedure_version)
        if procedure.result_kind != ResultKind.PERMIT:
            return result
        try:
            PermitTerms.from_result(result)
        except InvalidPermitTerms as bad:
            raise InvalidInput(bad.field, bad.message) from None
        return {**result, NUMBER: permit_number(dossier.procedure_code, dossier.code)}

    return approval_result


class PermitIssuer:
    def __init__(self, repository: Repository, catalog: Catalog) -> None:
        self.repository = repository
        self.catalog = catalog

    async def issue_number(self, number: str) -> None:
        """Issue the permit ``number`` now if its dossier's approval calls for it."""
        code = dossier_code_of(number)
        if code is not None:
            await self.issue_for(Dossier.id_for(code), number)

    async def issue_for(self, dossier_id: UUID, number: str | None = None) -> None:
        """Append the ``Issued`` event of the dossier's permit unless it exists already."""
        store = self.repository.store
        dossier: Dossier | None = None
        approval = None
        for recorded in await store.read_stream(dossier_id):
            domain_event = self.repository.decode(recorded)
            dossier = domain_event.mutate(dossier)
            if recorded.type == APPROVED:
                approval = (recorded, domain_event)
        if dossier is None or approval is None:
            return
        recorded, approved = approval
        issued_number = approved.result.get(NUMBER)
        procedure = self.catalog.version(dossier.procedure_code, dossier.procedure_version)
        if procedure.result_kind != ResultKind.PERMIT or not isinstance(issued_number, str):
            return
        if number is not None and number != issued_number:
            return
        permit = Permit.issue(
            number=issued_number,
            kind=procedure.name,
            dossier_id=dossier_id,
            terms=PermitTerms.from_result(approved.result),
            issuing_unit=approved.actor.unit,
            actor=approved.actor,
            at=approved.timestamp,
        )
        if await store.read_stream(permit.id):
            return  # issued before: the usual case on a replay of the log
        metadata = {**recorded.metadata, "causation_id": str(recorded.event_id)}
        try:
            await self.repository.save([permit], metadata)
        except ConcurrencyError as conflict:
            if conflict.stream_id != permit.id:
                raise
            # another issuer appended the same permit first: nothing to do
