"""``GET <resource>/history[?as_of=]`` for any stream: every event, or the state as it
was at an instant, rebuilt from the events (one mechanism for every context)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Protocol

from application.history import AsOf, History
from domain.shared import Actor
from interfaces.http import schemas
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.state import Services


class Replayable(Protocol):
    def history(self, actor: Actor, key: Any, /) -> Awaitable[History]: ...

    def as_of(self, actor: Actor, key: Any, instant: datetime, /) -> Awaitable[Any]: ...


def history_endpoint(
    resource: str,
    key: str,
    *,
    what: str,
    service: Callable[[Services], Replayable],
    state: Any,
    name: str,
    tag: str,
) -> Endpoint:
    """``state``: the type of the stream's view, as the use case's ``as_of`` answers it."""

    async def handler(call: Call) -> Any:
        query: schemas.HistoryQuery = call.query
        streams = service(call.services)
        if query.as_of is None:
            return await streams.history(call.officer, call.path[key])
        return await streams.as_of(call.officer, call.path[key], query.as_of)

    return Endpoint(
        "GET",
        f"{resource}/history",
        name,
        f"Every event of the {what}, or (with as_of) the {what} as it was then",
        handler,
        History | AsOf[state],
        query=schemas.HistoryQuery,
        errors=(503,),
        tag=tag,
    )
