"""Rendering a page: the Jinja environment, the language, the stylesheet, the headers.

Templates are autoescaped and strict (an undefined name fails loudly, not as an empty
string). A page that shows a citizen's or an officer's data is never stored by caches.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from interfaces.web import csrf, paths
from interfaces.web.i18n import Translator, language, remember

_HERE = Path(__file__).parent
_CSS = (_HERE / "static" / "site.css").read_bytes()
CSS_PATH = "/static/site.css"
CSS_URL = f"{CSS_PATH}?v={hashlib.sha256(_CSS).hexdigest()[:12]}"

templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
)
templates.env.globals.update(paths=paths)


def translator(request: Request) -> Translator:
    return Translator(language(request))


def page(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    personal: bool = False,
) -> Response:
    t = translator(request)
    session = getattr(request.state, "session", None)
    response = templates.TemplateResponse(
        request,
        template,
        {
            "t": t,
            "css": CSS_URL,
            "here": request.url.path,
            "csrf": getattr(request.state, "csrf", ""),
            **(context or {}),
        },
        status_code=status,
        headers={"Content-Language": t.lang, **(headers or {})},
    )
    if personal:
        response.headers["Cache-Control"] = "no-store"
    if session is not None:
        csrf.keep_session(request, response, session)  # an active desk stays signed in
    remember(request, response)
    return response


async def stylesheet(_: Request) -> Response:
    """The one stylesheet; its URL carries a hash of its content, so it may be cached."""
    return Response(
        _CSS,
        media_type="text/css; charset=utf-8",
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )


STATIC = Route(CSS_PATH, stylesheet, methods=["GET"], name="stylesheet", include_in_schema=False)
