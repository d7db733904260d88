"""Command tables: each entry names its URL action, its summary and the use case it
runs; the body is the use case's own command type (its ``command`` parameter), so the
arguments are declared once, in ``application/<context>/commands.py``.

One :func:`command_endpoint` turns an entry of any context into its route:
``POST <resource>/<action>``, with If-Match and Idempotency-Key, answering the
resource's new version.
"""

from __future__ import annotations

import typing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from application.context import Context
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.state import Services

S = TypeVar("S")
K = TypeVar("K")
C = TypeVar("C")


@dataclass(frozen=True)
class Command(Generic[S]):
    action: str
    summary: str
    run: Callable[[S, Context, Any, Any], Awaitable[Any]]
    """The use case, unbound: (its service, the command's context, the id, the command)."""

    @property
    def body(self) -> type:
        body: type = typing.get_type_hints(self.run)["command"]
        return body


def command(
    action: str, summary: str, run: Callable[[S, Context, K, C], Awaitable[Any]]
) -> Command[S]:
    return Command(action, summary, run)


def command_endpoint(
    entry: Command[S],
    *,
    resource: str,
    key: str,
    service: Callable[[Services], S],
    response: Any,
    tag: str,
    status: int = 200,
    prefix: str | None = None,
) -> Endpoint:
    """``resource``: the path the action follows; ``key``: its id parameter; ``prefix``:
    of the operation's name (default: the tag)."""

    async def run(call: Call) -> Any:
        context = call.context(call.officer)
        return await entry.run(service(call.services), context, call.path[key], call.body)

    return Endpoint(
        "POST",
        f"{resource}/{entry.action}",
        f"{(prefix or tag).replace('-', '_')}_{entry.action.replace('-', '_')}",
        entry.summary,
        run,
        response,
        status=status,
        body=entry.body,
        etag=True,
        command=True,
        errors=(403, 409, 503),
        tag=tag,
    )
