"""The route table's entries: each declares what it reads and answers, and the same
declaration drives both the request handling and the OpenAPI document.

An :class:`Endpoint`'s handler receives a :class:`Call` already authenticated and with
its query and body validated; what it returns is validated against the declared
response type (and gets an ``ETag`` when the endpoint answers with a dossier).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from application import written
from application.context import Context
from domain.shared import Actor
from interfaces.http.auth import authenticate
from interfaces.http.inputs import (
    idempotency_key,
    if_match,
    parse_body,
    read_body,
    read_query,
    read_raw,
)
from interfaces.http.positions import POSITION, STALE, read_after
from interfaces.http.state import Services, services_of

_PARAMETER = re.compile(r"{(\w+)(?::(\w+))?}")


@dataclass(frozen=True)
class Call:
    request: Request
    services: Services
    actor: Actor | None
    query: Any
    body: Any

    @property
    def officer(self) -> Actor:
        assert self.actor is not None, "only endpoints with auth=True have an officer"
        return self.actor

    @property
    def path(self) -> dict[str, Any]:
        return self.request.path_params

    def context(self, actor: Actor) -> Context:
        """The command's context: who, the request id, If-Match and Idempotency-Key."""
        return Context(
            actor=actor,
            request_id=getattr(self.request.state, "request_id", ""),
            idempotency_key=idempotency_key(self.request),
            if_match=if_match(self.request),
        )


Handler = Callable[[Call], Awaitable[Any]]
Signature = Callable[[Services, Request, bytes], None]
"""Checks a request's body as sent, before it is parsed (raises a 401 problem)."""


def openapi_path(path: str) -> str:
    """A Starlette path as OpenAPI writes it: ``/dossiers/{id:uuid}`` → ``/dossiers/{id}``."""
    return _PARAMETER.sub(r"{\1}", path)


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    name: str
    summary: str
    handler: Handler
    response: Any = None
    """The answer's type; None when the handler returns a ready Response."""
    status: int = 200
    body: type | None = None
    """A command dataclass (see ``bodies.py``) or a pydantic model."""
    query: type[BaseModel] | None = None
    auth: bool = True
    etag: bool = False
    command: bool = False
    """Takes If-Match and Idempotency-Key."""
    errors: tuple[int, ...] = ()
    media_type: str = "application/json"
    tag: str = "dossiers"
    headers: tuple[dict[str, Any], ...] = ()
    """Request headers the handler reads (and answers 422 for), as OpenAPI parameters."""
    reads: str | None = None
    """The projection whose view answers: the request first waits, briefly, until the view
    includes every event committed before it, or the position ``Motcua-After`` names
    (read your writes; see :mod:`interfaces.http.positions`)."""
    signature: Signature | None = None
    """For callers that sign their body rather than hold a token (a payment gateway)."""

    @property
    def path_parameters(self) -> list[tuple[str, str | None]]:
        """``(name, convertor)`` for each ``{name}`` or ``{name:convertor}`` of the path."""
        return [(m.group(1), m.group(2)) for m in _PARAMETER.finditer(self.path)]

    @property
    def template(self) -> str:
        return openapi_path(self.path)

    @property
    def problem_statuses(self) -> list[int]:
        derived = set(self.errors)
        if self.auth or self.signature is not None:
            derived.add(401)
        if self.auth:
            derived.add(403)  # also: the token's unit has ceased (its successors named)
        if self.query is not None or self.command or self.headers or self.reads:
            derived.add(422)
        if self.body is not None:
            derived.update((413, 415, 422))
        if self.command:
            derived.add(412)
        if self.path_parameters:
            derived.add(404)
        return sorted(derived)


@cache
def adapter_of(kind: Any) -> TypeAdapter[Any]:
    """One adapter per type for the process: building one costs milliseconds, and every
    app (each test's, each worker's) asks for the same ones."""
    return TypeAdapter(kind)


def _serve(endpoint: Endpoint) -> Callable[[Request], Awaitable[Response]]:
    adapter = adapter_of(endpoint.response) if endpoint.response is not None else None

    async def serve(request: Request) -> Response:
        services = services_of(request)
        actor = (
            authenticate(request, services.tokens, services.unit_registry)
            if endpoint.auth
            else None
        )
        query = read_query(request, endpoint.query) if endpoint.query else None
        if endpoint.signature is not None:
            raw = await read_raw(request)
            endpoint.signature(services, request, raw)
            body = parse_body(request, raw, endpoint.body) if endpoint.body else None
        else:
            body = await read_body(request, endpoint.body) if endpoint.body else None
        fresh = True
        if endpoint.reads is not None:
            after = read_after(request)
            fresh = await services.caught_up(endpoint.reads, services.read_wait_seconds, after)
        with written.recording() as positions:
            answer = await endpoint.handler(Call(request, services, actor, query, body))
        if adapter is None:
            assert isinstance(answer, Response)
            response = answer
        else:
            # An answer is a view dataclass, or the same as JSON when replayed for a retry.
            payload = adapter.dump_python(
                adapter.validate_python(answer, from_attributes=True), mode="json"
            )
            headers = {"ETag": f'"{payload["version"]}"'} if endpoint.etag else None
            response = JSONResponse(payload, status_code=endpoint.status, headers=headers)
        if positions:
            response.headers[POSITION] = str(max(positions))
        if not fresh:
            response.headers[STALE] = "true"
        return response

    return serve


def routes(endpoints: Sequence[Endpoint]) -> list[Route]:
    """One Starlette route per path, dispatching on the method (so 405 lists them all)."""
    by_path: dict[str, dict[str, Callable[[Request], Awaitable[Response]]]] = {}
    for endpoint in endpoints:
        methods = by_path.setdefault(endpoint.path, {})
        if endpoint.method in methods:
            raise ValueError(f"{endpoint.method} {endpoint.path} is declared twice")
        methods[endpoint.method] = _serve(endpoint)
    return [
        Route(path, _dispatch(methods), methods=list(methods)) for path, methods in by_path.items()
    ]


def _dispatch(
    methods: dict[str, Callable[[Request], Awaitable[Response]]],
) -> Callable[[Request], Awaitable[Response]]:
    async def dispatch(request: Request) -> Response:
        return await methods["GET" if request.method == "HEAD" else request.method](request)

    return dispatch
