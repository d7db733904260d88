"""``POST /api/v1/payments/notify``: the payment gateway says a dossier's fee was paid.

No token: the gateway signs the body as sent (``X-Payment-Signature``: the hex
HMAC-SHA256 of the body under ``MOTCUA_PAYMENT_SECRET``), checked before the body is
read; a missing or wrong signature is 401. A notice sent again (the same
``transaction_id``) gets the first answer and records nothing."""

from __future__ import annotations

from starlette.requests import Request

from application.dossiers import commands
from application.dossiers.payments import PaymentAnswer
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.errors import unauthorized
from interfaces.http.state import Services

SIGNATURE_HEADER = {
    "name": "X-Payment-Signature",
    "in": "header",
    "required": True,
    "description": "The hex HMAC-SHA256 of the body, as sent, under the shared secret",
    "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"},
}


def verify(services: Services, request: Request, body: bytes) -> None:
    if not services.payments.authentic(body, request.headers.get("x-payment-signature")):
        raise unauthorized("the notice's signature does not verify")


async def notify(call: Call) -> PaymentAnswer:
    request_id = getattr(call.request.state, "request_id", "")
    return await call.services.payments.notify(call.body, request_id)


ENDPOINTS = (
    Endpoint(
        "POST",
        "/api/v1/payments/notify",
        "payment_notify",
        "The payment gateway's notice: a dossier's fee, paid (once per transaction)",
        notify,
        PaymentAnswer,
        body=commands.PaymentNotice,
        auth=False,
        errors=(401, 409, 503),
        tag="payments",
        headers=(SIGNATURE_HEADER,),
        signature=verify,
    ),
)
