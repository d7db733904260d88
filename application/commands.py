"""Running a command: decide on fresh state, append atomically, answer retries once.

The idempotency record is appended in the same transaction as the events, so a
command with a key takes effect at most once, ever; its retry gets the first
answer back. Keys are scoped to the caller, so two callers cannot collide.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from eventsourcing.domain import Aggregate

from application.context import Context
from application.errors import ApplicationError, ConcurrencyConflict, IdempotencyKeyReused
from application.plain import plain
from application.ports import ConcurrencyError, IdempotencyKeyExists, IdempotencyRecord
from application.repository import Repository
from domain.shared import DomainError

Result = Any
"""A use case's answer: one of the application's frozen view dataclasses, or (when a
retry replays it from its idempotency record) the same as plain JSON values."""
Decision = tuple[Sequence[Aggregate], Result]
RequestPrint = Callable[[object], str]
"""What a request's idempotency record keeps to tell a retry from another request."""


def canonical(request: object) -> bytes:
    return json.dumps(plain(request), sort_keys=True, ensure_ascii=False).encode()


def keyed_prints(mac: Callable[[bytes], bytes]) -> RequestPrint:
    """Fingerprints under a secret key. A request may hold personal data, and a bare hash
    of a citizen id (twelve digits) is undone by trying every id."""

    def prints(request: object) -> str:
        return mac(canonical(request)).hex()

    return prints


def never_retry(_: ConcurrencyError) -> bool:
    return False


class CommandRunner:
    def __init__(self, repository: Repository, prints: RequestPrint, attempts: int = 30) -> None:
        self.repository = repository
        self.prints = prints
        self.attempts = attempts

    async def run(
        self,
        context: Context,
        request: object,
        decide: Callable[[], Awaitable[Decision]],
        retry_if: Callable[[ConcurrencyError], bool] = never_retry,
    ) -> Result:
        """Run ``decide`` and append what it decided.

        ``retry_if`` names conflicts worth deciding again on the new state (a
        shared counter, say); any other conflict is the caller's to resolve.
        """
        key = self._scoped_key(context)
        # Only a keyed command stores or compares it (py-spy: ~15 % of a filing's own time).
        request_print = self.prints(request) if key is not None else ""
        earlier = await self._earlier(key)
        if earlier is not None:
            return self._replay(earlier, request_print)
        for attempt in range(1, self.attempts + 1):
            try:
                aggregates, result = await decide()
            except (DomainError, ApplicationError):
                # Its twin may have committed since the key was looked up, and changed the
                # state this decision refused (a dossier already withdrawn, a stale If-Match).
                # Not on a store failure: asking the store again would only wait again.
                if (twin := await self._earlier(key)) is not None:
                    return self._replay(twin, request_print)
                raise
            record = (
                IdempotencyRecord(key, request_print, json.dumps(plain(result)).encode())
                if key is not None
                else None
            )
            try:
                await self.repository.save(aggregates, context.metadata(), record)
            except IdempotencyKeyExists as raced:
                return self._replay(raced.record, request_print)
            except ConcurrencyError as conflict:
                # The same request sent twice at once: its twin won the race, so this
                # one answers with the twin's result instead of a conflict.
                if (twin := await self._earlier(key)) is not None:
                    return self._replay(twin, request_print)
                if attempt < self.attempts and retry_if(conflict):
                    continue
                raise ConcurrencyConflict(str(conflict)) from conflict
            return result
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _earlier(self, key: str | None) -> IdempotencyRecord | None:
        return None if key is None else await self.repository.store.find_idempotency(key)

    @staticmethod
    def _scoped_key(context: Context) -> str | None:
        if context.idempotency_key is None:
            return None
        return f"{context.actor.role}:{context.actor.sub}:{context.idempotency_key}"

    @staticmethod
    def _replay(record: IdempotencyRecord, request_print: str) -> Result:
        if record.fingerprint != request_print:
            raise IdempotencyKeyReused()
        result: Result = json.loads(record.result)
        return result
