"""The permit issuer's place in the log: a relay (see :mod:`projections.outbound.relay`)
whose effect is a permit's ``Issued`` event, appended for each ``Dossier.Approved``.

Its position is a row of ``projection_positions`` like any projection's, so a process
that starts resumes where the issuer stopped instead of reading the whole log again, and
one process at a time issues (the lease). The effect is appended in its own transaction,
after the approval and before the position: a crash between them issues again, which the
issuer makes harmless (the permit's stream id derives from its number: a second append
is refused and ignored).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.dossiers.dossier import Dossier
from projections.outbound.relay import Outbox, RelayRunner
from projections.ports import Binding, Envelope, ProjectionStore, WakeUps
from projections.runner import RunnerOptions
from projections.source import EventSource

NAME = "permit_issuer"

Issue = Callable[[UUID], Awaitable[None]]
"""Issue the permit of this approved dossier, unless issued already."""


class PermitIssuing:
    """Each approval becomes its dossier's id in the outbox."""

    name = NAME
    version = 1
    topics: frozenset[str] | None = frozenset({get_topic(Dossier.Approved)})

    async def handle(self, envelope: Envelope, view: Outbox[UUID]) -> None:
        view.add(envelope.recorded.stream_id)


def permit_issuing(
    issue: Issue,
    positions: ProjectionStore[Any],
    source: EventSource,
    wakeups: WakeUps,
    options: RunnerOptions | None = None,
) -> RelayRunner[UUID]:
    """The issuer's runner; ``positions`` is a position-only store named :data:`NAME`."""

    async def deliver(dossiers: Sequence[UUID]) -> None:
        for dossier_id in dossiers:
            await issue(dossier_id)

    binding: Binding[Outbox[UUID]] = Binding(PermitIssuing, positions)
    return RelayRunner(binding, source, wakeups, deliver, options)
