"""The payment gateway's notices: a dossier's fee, paid.

The gateway signs each notice's body with a secret we share (HMAC-SHA256, hex); a notice
whose signature does not verify is refused before it is read. A notice is a command run
by the one pipeline, keyed for idempotency by the gateway's transaction id, so a notice
sent again answers what the first did and records nothing twice; the same transaction
id with other data is refused (422 naming ``transaction_id``).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from application.context import Context
from application.dossiers.commands import PaymentNotice
from application.dossiers.service import Dossiers
from application.errors import IdempotencyKeyReused, InvalidInput
from application.pipeline import Steps
from domain.dossiers.dossier import Dossier
from domain.dossiers.errors import InvalidTransition, WrongAmount
from domain.shared import Actor, Role

GATEWAY = "payment-gateway"
"""The subject the gateway's events are recorded under (role ``integration``)."""


def signature_of(secret: bytes, body: bytes) -> str:
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def signed(secret: bytes, body: bytes, signature: str | None) -> bool:
    """True when ``signature`` is the body's HMAC under ``secret`` (compared in constant
    time; an upper-case hex digest is the same digest)."""
    if not secret or signature is None:
        return False
    return hmac.compare_digest(signature_of(secret, body), signature.strip().lower())


@dataclass(frozen=True)
class PaymentAnswer:
    """What the gateway is told: no personal data."""

    dossier_code: str
    transaction_id: str
    amount_vnd: int
    paid_at: datetime
    status: str


class DossierPayments:
    def __init__(self, dossiers: Dossiers, secret: bytes) -> None:
        """``secret``: shared with the gateway; empty, no notice is ever authentic."""
        self.dossiers = dossiers
        self.secret = secret
        self.steps = Steps(self._load, self._authorise, self._answer)

    def authentic(self, body: bytes, signature: str | None) -> bool:
        return signed(self.secret, body, signature)

    async def notify(self, notice: PaymentNotice, request_id: str = "") -> PaymentAnswer:
        """Record the payment of ``notice.dossier_code``'s fee; an unknown code, an
        amount other than the fee due → 422 naming the field; a dossier not awaiting
        payment (paid by another transaction, say) → 409."""
        dossier = await self._load(None, notice.dossier_code)
        context = Context(
            actor=Actor(GATEWAY, Role.INTEGRATION, dossier.receiving_unit),
            request_id=request_id,
            idempotency_key=notice.transaction_id,
        )

        def pay(target: Dossier, now: datetime) -> None:
            try:
                target.pay(
                    notice.amount_vnd,
                    notice.transaction_id,
                    context.actor,
                    now,
                    self.dossiers.calendar,
                )
            except WrongAmount as wrong:
                raise InvalidInput("amount_vnd", str(wrong)) from None

        try:
            answer: PaymentAnswer = await self.dossiers.pipeline.act(
                self.steps, context, notice.dossier_code, "pay", notice, pay
            )
        except IdempotencyKeyReused:
            raise InvalidInput(
                "transaction_id", "this transaction was notified before with other data"
            ) from None
        return answer

    async def _load(self, _: Actor | None, code: str) -> Dossier:
        """The gateway is not bound to units: any dossier of this server, by its code."""
        dossier = await self.dossiers.repository.get(Dossier, Dossier.id_for(code))
        if dossier is None:
            raise InvalidInput("dossier_code", "no dossier has this code")
        return dossier

    @staticmethod
    def _authorise(_: Actor, command: str, dossier: Dossier) -> None:
        if not dossier.allows(command):
            raise InvalidTransition(command, dossier.status)

    @staticmethod
    def _answer(dossier: Dossier) -> PaymentAnswer:
        assert dossier.payment is not None
        return PaymentAnswer(
            dossier.code,
            dossier.payment.transaction_id,
            dossier.payment.amount_vnd,
            dossier.payment.at,
            dossier.status.value,
        )
