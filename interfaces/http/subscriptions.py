"""Webhook subscription routes (admins): subscribe, the deliveries log, replay."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from application.subscriptions import commands, views
from application.subscriptions.service import Subscriptions
from interfaces.http.commands import command, command_endpoint
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.schemas import Query
from interfaces.http.state import Services

SUBSCRIPTIONS = "/api/v1/subscriptions"
SUBSCRIPTION = f"{SUBSCRIPTIONS}/{{id:uuid}}"
TAG = "webhooks"

REPLAY = command(
    "replay",
    "Deliver again every matching event after a log position (its webhook-id unchanged)",
    Subscriptions.replay,
)


class DeliveriesQuery(Query):
    outcome: views.Outcome | None = Field(
        None, description="Only these attempts: `dead` lists the dead letters"
    )
    limit: Annotated[int, Field(ge=1, le=1000)] = 100


async def subscribe(call: Call) -> views.SubscriptionCreated:
    return await call.services.subscriptions.subscribe(call.context(call.officer), call.body)


async def deliveries(call: Call) -> views.Deliveries:
    query: DeliveriesQuery = call.query
    return await call.services.subscriptions.deliveries(
        call.officer, call.path["id"], query.outcome, query.limit
    )


def _subscriptions(services: Services) -> Subscriptions:
    return services.subscriptions


ENDPOINTS = (
    Endpoint(
        "POST",
        SUBSCRIPTIONS,
        "subscribe_webhook",
        "Subscribe a URL to published events, signed per Standard Webhooks with `secret`; "
        "loopback and private destinations are refused unless MOTCUA_WEBHOOK_ALLOW names them",
        subscribe,
        views.SubscriptionCreated,
        status=201,
        body=commands.Subscribe,
        command=True,
        errors=(403, 409, 503),
        tag=TAG,
    ),
    Endpoint(
        "GET",
        f"{SUBSCRIPTION}/deliveries",
        "webhook_deliveries",
        "The latest delivery attempts, newest first, and the position delivered up to",
        deliveries,
        views.Deliveries,
        query=DeliveriesQuery,
        errors=(403, 503),
        tag=TAG,
    ),
    command_endpoint(
        REPLAY,
        resource=SUBSCRIPTION,
        key="id",
        service=_subscriptions,
        response=views.ReplayAccepted,
        tag=TAG,
        status=202,
    ),
)
