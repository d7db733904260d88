"""The one path of every command on an existing stream, whatever the context:

load what the caller may see (else it does not exist for them) → authorise (else
forbidden) → ``If-Match`` → apply at the clock's now → view → run (append atomically,
idempotently). Each context hands its own four steps; the order and the rules are here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from inspect import isawaitable
from typing import Any, Generic, TypeVar

from eventsourcing.domain import Aggregate

from application.commands import CommandRunner, Decision, never_retry
from application.context import Context
from application.errors import PreconditionFailed
from application.ports import Clock, ConcurrencyError
from domain.shared import Actor

A = TypeVar("A", bound=Aggregate)
Changed = Sequence[Aggregate] | None
"""What an apply step changed besides its target (None: the target alone)."""
Apply = Callable[[A, datetime], Changed | Awaitable[Changed]]


def require_version(context: Context, version: int) -> None:
    """The caller's ``If-Match``, when sent, must name the current version."""
    if context.if_match is not None and context.if_match != version:
        raise PreconditionFailed(context.if_match, version)


@dataclass(frozen=True)
class Steps(Generic[A]):
    """A context's own part of the pipeline."""

    load: Callable[[Actor, Any], Awaitable[A]]
    """The target as ``actor`` may see it, by its key; raises NotFound otherwise."""
    authorise: Callable[[Actor, str, A], None]
    """Raises when ``actor`` may not run the named command on the target now."""
    view: Callable[[A], Any]
    """What the command answers."""


class Pipeline:
    def __init__(self, runner: CommandRunner, clock: Clock) -> None:
        self.runner = runner
        self.clock = clock

    async def act(
        self,
        steps: Steps[A],
        context: Context,
        key: Any,
        command: str,
        request: object,
        apply: Apply[A],
        retry_if: Callable[[ConcurrencyError], bool] = never_retry,
    ) -> Any:
        """Run ``command`` on the target named by ``key``; ``request`` is what tells a
        retry (same Idempotency-Key, same request) from another request."""

        async def decide() -> Decision:
            target = await steps.load(context.actor, key)
            steps.authorise(context.actor, command, target)
            require_version(context, target.version)
            changed = apply(target, self.clock.now())
            if isawaitable(changed):
                changed = await changed
            return (changed or [target]), steps.view(target)

        return await self.runner.run(context, (command, key, request), decide, retry_if)
