"""``/giay-phep/{number}``: anyone checks a permit on the spot, through the API's public
read (``Permits.check``). The page carries a QR code of its own address, to be printed
on the permit: scanning it opens this check."""

from __future__ import annotations

from urllib.parse import quote

import segno
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from application.errors import NotFound
from application.plain import plain
from domain.calendar import VIETNAM_TZ
from interfaces.http.state import services_of
from interfaces.web.failures import html_errors
from interfaces.web.pages import page, translator
from interfaces.web.paths import PERMIT

_LONGEST = 100


def qr_svg(url: str) -> Markup:
    """The QR code of ``url`` as inline SVG (black on white, a quiet zone of 4 modules)."""
    code = segno.make(url, error="m")
    return Markup(code.svg_inline(scale=4, border=4, dark="#000", light="#fff"))


async def permit_form(request: Request) -> Response:
    number = request.query_params.get("so", "").strip()[:_LONGEST]
    if number:
        return RedirectResponse(f"{PERMIT}/{quote(number, safe='')}", status_code=303)
    return page(request, "permit_form.html", {"missing": None})


@html_errors
async def permit_page(request: Request) -> Response:
    number: str = request.path_params["number"]
    services = services_of(request)
    try:
        if len(number) > _LONGEST:
            raise NotFound()
        permit = plain(await services.permits.check(number))
    except NotFound:
        t = translator(request)
        return page(request, "permit_form.html", {"missing": t("permit.not_found")}, status=404)
    own_url = str(request.url.replace(query="", fragment=""))
    context = {
        "permit": permit,
        "qr": qr_svg(own_url),
        "own_url": own_url,
        "today": services.clock.now().astimezone(VIETNAM_TZ).date(),
    }
    return page(request, "permit.html", context)
