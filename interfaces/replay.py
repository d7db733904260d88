"""``motcua replay ID [--as-of T]``: any stream's history, or its state at an instant,
through the same use cases as ``GET <resource>/history`` (scope, access log), as an
auditor of the tree's root. A health record is only rebuilt at an instant, and the
rebuild is logged in its access log like every read of it."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from application.context import Context
from application.errors import InvalidInput, NotFound
from domain.permits.permit import Permit
from domain.shared import Actor, Role
from interfaces.bootstrap.app import App

PURPOSE = "motcua replay"


async def replay(app: App, stream_id: UUID, as_of: datetime | None) -> Any:
    """Raises NotFound for an unknown stream, InvalidInput for one it cannot replay."""
    recorded = await app.store.read_stream(stream_id)
    if not recorded:
        raise NotFound("stream")
    kind = recorded[0].stream_type
    root = next(unit.code for unit in app.units if unit.parent is None)
    auditor = Actor(sub="motcua-cli", role=Role.AUDITOR, unit=root)
    if kind == "Dossier":
        if as_of is None:
            return await app.dossiers.history(auditor, stream_id)
        return await app.dossiers.as_of(auditor, stream_id, as_of)
    if kind == "Enrollment":
        if as_of is None:
            return await app.enrollments.history(auditor, stream_id)
        return await app.enrollments.as_of(auditor, stream_id, as_of)
    if kind == "Permit":
        permit = await app.permits.repository.get(Permit, stream_id)
        assert permit is not None, "the stream holds a permit's events"
        if as_of is None:
            return await app.permits.history(auditor, permit.number)
        return await app.permits.as_of(auditor, permit.number, as_of)
    if kind == "HealthRecord":
        if as_of is None:
            raise InvalidInput("--as-of", "a health record is rebuilt at an instant, logged")
        return await app.health_records.as_of(Context(auditor), stream_id, as_of, PURPOSE)
    raise InvalidInput("id", f"a {kind} stream is not replayed by this command")
