"""``GET /api/v1/dossiers/{id}/notices``: the notices sent to the applicant, for staff
in scope: which went, which failed and why (never the address or the text)."""

from __future__ import annotations

from application.notices.views import NoticesView
from interfaces.http.endpoints import Call, Endpoint


async def notices(call: Call) -> NoticesView:
    return await call.services.notices.of(call.officer, call.path["id"])


ENDPOINTS = (
    Endpoint(
        "GET",
        "/api/v1/dossiers/{id:uuid}/notices",
        "dossier_notices",
        "The notices the applicant was sent (e-mail, SMS), each sent or failed with why",
        notices,
        NoticesView,
        errors=(503,),
    ),
)
