"""A bare Starlette endpoint, served with the same settings as Motcua's app: the cost
of the HTTP server itself, beside ``motcua_http_commands``."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def _accept(request: Request) -> JSONResponse:
    body = await request.json()
    return JSONResponse({"received": len(body)}, status_code=201)


def create_app() -> Starlette:
    return Starlette(routes=[Route("/api/v1/dossiers", _accept, methods=["POST"])])
