"""The forms of Circular 03/2025 as A4 PDFs: a dossier's forms 01–06 and a unit's log
book (07), for the staff in scope."""

from __future__ import annotations

from starlette.responses import Response

from interfaces.http import schemas
from interfaces.http.dossiers import DOSSIER
from interfaces.http.endpoints import Call, Endpoint

PDF = "application/pdf"


def pdf_response(pdf: bytes, name: str) -> Response:
    return Response(
        pdf, media_type=PDF, headers={"Content-Disposition": f'inline; filename="{name}.pdf"'}
    )


async def dossier_form(call: Call) -> Response:
    number = call.path["number"]
    pdf = await call.services.forms.dossier_form(call.officer, call.path["id"], number)
    return pdf_response(pdf, f"mau-{number}")


async def log_book(call: Call) -> Response:
    query: schemas.LogBookQuery = call.query
    code = call.path["code"]
    pdf = await call.services.forms.log_book(call.officer, code, query.first, query.last)
    return pdf_response(pdf, f"so-theo-doi-{code}-{query.first}-{query.last}")


ENDPOINTS = (
    Endpoint(
        "GET",
        f"{DOSSIER}/forms/{{number}}",
        "dossier_form",
        "Form 01–06 of the dossier (01 receipt, 02 supplement request, 03 intake refusal, "
        "04 apology, 05 stop notice: as issued, byte for byte; 06 control slip)",
        dossier_form,
        media_type=PDF,
        errors=(503,),
        tag="forms",
    ),
    Endpoint(
        "GET",
        "/api/v1/units/{code}/log-book",
        "unit_log_book",
        "The unit's log book (form 07) of the dossiers it received in a period",
        log_book,
        media_type=PDF,
        query=schemas.LogBookQuery,
        errors=(503,),
        tag="forms",
    ),
)
