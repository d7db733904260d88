"""Once per event, whatever the relay redelivers: the dossier's notice log is read before
each notice goes (a batch delivered again after a crash sends nothing twice)."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from application.encoding import new_mapper
from application.repository import Repository
from domain.notices.notice_log import NoticeLog
from projections.outbound.notices.ports import NoticeFailure
from projections.outbound.notices.sending import Notice, NoticeSender
from tests.contract.test_event_store import ContractStore


class CountingMailer:
    def __init__(self, fail: bool = False) -> None:
        self.sent: list[str] = []
        self.fail = fail

    async def send(self, to: str, subject: str, body: str) -> None:
        if self.fail:
            raise NoticeFailure("smtp 451")
        self.sent.append(to)

    async def close(self) -> None:
        return None


def notices(count: int) -> list[Notice]:
    dossier = uuid4()
    return [
        Notice(dossier, uuid4(), "received", "email", "a@example.vn", "s", "b")
        for _ in range(count)
    ]


async def test_a_batch_delivered_again_sends_nothing_twice(store: ContractStore) -> None:
    repository, mailer = Repository(store, new_mapper()), CountingMailer()
    sender = NoticeSender(repository, mailer, None, lambda: datetime.now(UTC))
    batch = notices(3)
    await sender.deliver(batch)
    await sender.deliver(batch)  # as after a crash before the position was committed
    assert len(mailer.sent) == 3
    log = await repository.get(NoticeLog, NoticeLog.id_for(batch[0].dossier_id))
    assert log is not None and all(log.done(n.about, "email") for n in batch)


async def test_a_failure_is_recorded_once_and_not_retried_for_ever(store: ContractStore) -> None:
    repository, mailer = Repository(store, new_mapper()), CountingMailer(fail=True)
    sender = NoticeSender(repository, mailer, None, lambda: datetime.now(UTC), pause_seconds=0)
    batch = notices(1)
    await sender.deliver(batch)
    await sender.deliver(batch)
    events = await repository.events(NoticeLog.id_for(batch[0].dossier_id))
    failed = [e for e in events if isinstance(e, NoticeLog.Failed)]
    assert [(e.reason, e.channel) for e in failed] == [("smtp 451", "email")]
