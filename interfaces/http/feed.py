"""``GET /api/v1/events``: the event feed, CloudEvents 1.0 after any position (API.md,
"Integration"). Its OpenAPI schema lists every published type with what ``data`` holds."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.schemas import Query
from projections.outbound.event_types import type_table

_TYPES = type_table()
_TYPE_LIST = "\n".join(
    f"- `{kind['type']}`: {kind['description']} (data: {', '.join(kind['data']) or 'none'})"
    for kind in _TYPES
)


class FeedQuery(Query):
    after: Annotated[int, Field(ge=0, le=2**63 - 1)] = Field(
        0, description="The `position` (or `next_after`) last read: the page starts after it"
    )
    limit: Annotated[int, Field(ge=1, le=1000)] = 100
    type: Annotated[str, Field(max_length=2000)] | None = Field(
        None, description="Only these types, comma-separated (see CloudEvent.type)"
    )


class CloudEvent(BaseModel):
    specversion: Literal["1.0"]
    id: UUID = Field(description="The stored event's id: drop what you already have")
    source: str
    type: str = Field(
        description="A stable name, never reused for another meaning:\n" + _TYPE_LIST,
        json_schema_extra={"enum": [kind["type"] for kind in _TYPES]},
    )
    subject: str = Field(description="The stream's id (a dossier's, a permit's…)")
    time: datetime
    datacontenttype: Literal["application/json"]
    position: int = Field(description="In the global log: resume after it")
    streamversion: int = Field(description="The event's number in its stream")
    unit: str = Field(description="The unit that acted, or `none`")
    data: dict[str, Any] = Field(description="Public fields only: never personal data")


class FeedPage(BaseModel):
    items: list[CloudEvent]
    next_after: int = Field(description="Pass it as `after` for the next page")


async def events(call: Call) -> dict[str, Any]:
    query: FeedQuery = call.query
    return await call.services.feed.page(
        call.officer, after=query.after, limit=query.limit, types=query.type
    )


ENDPOINTS = (
    Endpoint(
        "GET",
        "/api/v1/events",
        "events_feed",
        "Published events as CloudEvents 1.0, in commit order, after any position "
        "(integration clients and auditors, within their unit's subtree)",
        events,
        FeedPage,
        query=FeedQuery,
        errors=(403, 503),
        tag="integration",
        reads="audit_log",
    ),
)
