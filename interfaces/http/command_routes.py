"""Command tables of the other contexts as routes: ``POST <resource>/<action>``, each
taking If-Match and Idempotency-Key and answering with the resource's new version."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from application.commands import Result
from interfaces.http.commands import Command
from interfaces.http.endpoints import Call, Endpoint


def command_endpoint(
    entry: Command[Any],
    *,
    resource: str,
    key: str,
    service: Callable[[Call], Any],
    response: Any,
    tag: str,
    status: int = 200,
) -> Endpoint:
    """``resource``: the path the action follows; ``key``: its id parameter."""

    async def run(call: Call) -> Result:
        context = call.context(call.officer)
        return await entry.run(service(call), context, call.path[key], call.body)

    return Endpoint(
        "POST",
        f"{resource}/{entry.action}",
        f"{tag.replace('-', '_')}_{entry.action.replace('-', '_')}",
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
