"""Auditors' routes: the global event log in commit order, and the hash chain's check."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from application.errors import Forbidden, NotFound
from domain.shared import Role
from interfaces.http import responses, schemas
from interfaces.http.endpoints import Call, Endpoint


async def events(call: Call) -> dict[str, Any]:
    query: schemas.AuditQuery = call.query
    return await call.services.read_models.audit_log.page(
        call.officer, after=query.after, limit=query.limit
    )


async def verify(call: Call) -> dict[str, Any]:
    """Reads the whole log: for auditors only, like the log itself."""
    if call.officer.role != Role.AUDITOR:
        raise Forbidden("verifying the log is for auditors")
    return asdict(await call.services.verify_chain())


async def checkpoint(call: Call) -> dict[str, Any]:
    """Signs the head now (auditors, admins): also published on the feed and the broker."""
    if call.officer.role not in (Role.AUDITOR, Role.ADMIN):
        raise Forbidden("checkpoints are signed for auditors and admins")
    signed = await call.services.checkpoint()
    if signed is None:
        raise NotFound("an event to sign: the log is empty")
    return signed.as_json()


ENDPOINTS = (
    Endpoint(
        "GET",
        "/api/v1/audit/events",
        "audit_events",
        "The global event log in commit order, the streams that touched the auditor's subtree",
        events,
        responses.AuditPage,
        query=schemas.AuditQuery,
        errors=(403, 503),
        tag="audit",
        reads="audit_log",
    ),
    Endpoint(
        "GET",
        "/api/v1/audit/verify",
        "audit_verify",
        "Whether any stored event was altered, removed or reordered since it was written, "
        "or the log is shorter than, or diverges from, a signed checkpoint",
        verify,
        responses.ChainReport,
        errors=(403, 503),
        tag="audit",
    ),
    Endpoint(
        "POST",
        "/api/v1/audit/checkpoints",
        "audit_checkpoint",
        "Sign the hash chain's head now (it is also signed at a fixed pace)",
        checkpoint,
        responses.Checkpoint,
        status=201,
        errors=(403, 404, 503),
        tag="audit",
    ),
)
