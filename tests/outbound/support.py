"""What the broker's tests share: dossiers filed straight through the repository (each a
``submitted`` and a ``received`` event, then a receipt-register stream that is never
published), and checks on what reached the broker."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from application.encoding import new_mapper
from application.ports import EventStore
from application.repository import Repository
from domain.dossiers.register import ReceiptRegister
from domain.shared import Role
from projections.outbound.broker import BrokerMessage
from projections.runner import RunnerOptions
from projections.source import EventSource
from tests.examples import APPLICANT, CALENDAR, COC_LEU, MONDAY_9AM, officer, submitted_dossier

FAST = RunnerOptions(
    batch_size=10,
    poll_seconds=0.01,
    standby_seconds=0.02,
    attempts=3,
    backoff_seconds=0.001,
    max_backoff_seconds=0.05,
)
CLERK = officer(Role.CLERK, COC_LEU)


def decoding_source(store: EventStore) -> EventSource:
    return EventSource(store, Repository(store, new_mapper()).decode)


async def file_dossiers(store: EventStore, count: int, first: int = 1) -> None:
    """``count`` dossiers, each filed and received in one append (2 published events), then
    one register stream of ``count`` entries (unpublished)."""
    repository = Repository(store, new_mapper())
    for number in range(first, first + count):
        dossier = submitted_dossier(number=number)
        dossier.receive(CLERK, MONDAY_9AM, CALENDAR)
        await repository.save([dossier], {"actor": {"sub": CLERK.sub, "unit": COC_LEU}})
    register = ReceiptRegister.open(f"{COC_LEU}-{first}", MONDAY_9AM.date(), MONDAY_9AM)
    for _ in range(count):
        register.enter(MONDAY_9AM)
    await repository.save([register], {})


def events_of(messages: Sequence[BrokerMessage]) -> list[dict[str, Any]]:
    return [json.loads(message.body) for message in messages]


def assert_in_commit_order_per_stream(events: Sequence[dict[str, Any]]) -> None:
    """Each stream's events come in their stream order (a redelivery may repeat a run)."""
    seen: dict[str, list[int]] = defaultdict(list)
    for event in events:
        seen[event["subject"]].append(event["streamversion"])
    for versions in seen.values():
        fresh = sorted(set(versions))
        assert fresh == list(range(1, len(fresh) + 1))
        firsts = [v for i, v in enumerate(versions) if v not in versions[:i]]
        assert firsts == fresh


def no_personal_data(messages: Sequence[BrokerMessage]) -> bool:
    text = b"".join(message.body for message in messages).decode()
    personal = (APPLICANT.full_name, APPLICANT.citizen_id, str(APPLICANT.phone), CLERK.sub)
    return not any(value in text for value in (*personal, "Bản khai", "0" * 64))
