"""Sealing personal data: per-person keys wrapped by the master key, the master key file,
the erasure ledger, and what the events of a health record hold."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from datetime import date
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from cryptography.exceptions import InvalidTag
from pydantic import SecretStr

from application.commands import canonical, keyed_prints
from application.context import Context
from application.errors import Forbidden, NotFound
from application.health_records import commands as h
from application.health_records.personal_data import ERASED, PersonalData
from application.plain import plain
from domain.health_records.errors import RecordErased
from domain.health_records.values import Sex
from domain.shared import Role
from infrastructure.clock import FixedClock
from infrastructure.crypto import AesGcmCipher, BadMasterKey, KeyWrap, master_key_file
from infrastructure.erasure_ledger import FileErasureLedger
from infrastructure.memory.erasure_ledger import InMemoryErasureLedger
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.memory.person_keys import InMemoryPersonKeys
from infrastructure.personal_data import master_key
from infrastructure.settings import Settings
from interfaces.bootstrap import App, bootstrap
from tests.examples import (
    APP_CALENDAR,
    APP_MONDAY_9AM,
    COC_LEU,
    KIM_TAN,
    MONDAY_9AM,
    PROVINCE,
    officer,
)

CLINICIAN = officer(Role.CLINICIAN, COC_LEU)


def test_a_wrapped_key_opens_only_under_its_master_key_and_person() -> None:
    person = uuid4()
    wrapped = KeyWrap(bytes(32)).new_wrapped_key(person)
    assert len(KeyWrap(bytes(32)).unwrap(person, wrapped)) == 32
    with pytest.raises(InvalidTag):
        KeyWrap(bytes(range(32))).unwrap(person, wrapped)
    with pytest.raises(InvalidTag):
        KeyWrap(bytes(32)).unwrap(uuid4(), wrapped)


def test_the_master_key_file_is_made_once_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "motcua-master.key"
    first = master_key_file(path)
    assert master_key_file(path) == first and len(first) == 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    sqlite = Settings(database_url=f"sqlite:///{tmp_path}/motcua.db")
    assert master_key(sqlite) == master_key_file(tmp_path / "motcua-master.key")
    with pytest.raises(BadMasterKey):
        master_key(Settings(database_url="postgresql://db/motcua"))
    with pytest.raises(BadMasterKey):
        master_key(
            Settings(database_url="postgresql://db/motcua", master_key=SecretStr("c2hvcnQ="))
        )


async def test_the_ledger_survives_a_line_cut_short(tmp_path: Path) -> None:
    ledger = FileErasureLedger(tmp_path / "erasures.log")
    person = uuid4()
    await ledger.record(person)
    with (tmp_path / "erasures.log").open("a") as cut:
        cut.write(str(uuid4())[:10])
    assert await ledger.erased() == [person]


async def test_erasure_is_reapplied_when_a_restored_store_has_the_key_again() -> None:
    wrap, ledger = KeyWrap(bytes(32)), InMemoryErasureLedger()
    personal = PersonalData(InMemoryPersonKeys(wrap), AesGcmCipher(), ledger)
    person = uuid4()
    sealed = (await personal.sealer(person))("Giàng Thị Dua")
    assert (await personal.opener(person))(sealed) == "Giàng Thị Dua"
    await personal.erase(person)
    assert (await personal.opener(person))(sealed) == ERASED
    with pytest.raises(RecordErased):
        await personal.sealer(person)
    # The keys come back from an old backup; the ledger, kept apart, does not.
    restored = PersonalData(InMemoryPersonKeys(wrap), AesGcmCipher(), ledger)
    await restored.keys.key_for(person)
    assert await restored.reapply_erasures() == 1
    assert await restored.keys.is_shredded(person)
    assert await restored.reapply_erasures() == 0


@pytest.fixture
async def app() -> App:
    return await bootstrap(
        store=InMemoryEventStore(), clock=FixedClock(APP_MONDAY_9AM), calendar=APP_CALENDAR
    )


async def opened(app: App) -> UUID:
    answer = plain(
        await app.health_records.open(
            Context(CLINICIAN),
            h.OpenRecord(h.Person("Giàng Thị Dua", "010203004005", date(1990, 5, 17), Sex.FEMALE)),
        )
    )
    return UUID(str(answer["id"]))


async def test_the_events_hold_ciphertext_and_the_codes_in_the_clear(app: App) -> None:
    record_id = await opened(app)
    await app.health_records.record_encounter(
        Context(CLINICIAN), record_id, h.RecordEncounter(MONDAY_9AM, ("J06.9",), "ho nhiều về đêm")
    )
    # The unit registry's events name places (xã Giàng Chu Phìn...), not people.
    stored = b"".join(
        [e.payload async for e in app.store.read_all() if e.stream_type != "UnitRegistry"]
    )
    for personal in ("Giàng", "010203004005", "1990-05-17", "ho nhiều"):
        assert personal.encode() not in stored
        assert json.dumps(personal)[1:-1].encode() not in stored
    assert b"J06.9" in stored
    read = plain(await app.health_records.read(Context(CLINICIAN), record_id, "treatment"))
    assert read["person"]["birth_date"] == "1990-05-17"


async def test_erasure_is_for_admins_above_the_record(app: App) -> None:
    record_id = await opened(app)
    with pytest.raises(NotFound):
        await app.health_records.erase(Context(officer(Role.ADMIN, "082")), record_id, h.Erase("x"))
    with pytest.raises(Forbidden):
        await app.health_records.erase(Context(CLINICIAN), record_id, h.Erase("x"))
    with pytest.raises(NotFound):
        await app.health_records.read(Context(officer(Role.CLINICIAN, KIM_TAN)), record_id, "x")
    await app.health_records.erase(
        Context(officer(Role.ADMIN, PROVINCE)), record_id, h.Erase("yêu cầu")
    )
    read = plain(await app.health_records.read(Context(CLINICIAN), record_id, "treatment"))
    assert read["person"]["full_name"] == ERASED and read["erased"] is True


def test_what_idempotency_records_keep_of_a_request_is_keyed_by_the_master_key() -> None:
    request = {"full_name": "Nguyễn Thị Mai", "citizen_id": "010203004005"}
    under_one = keyed_prints(KeyWrap(bytes(32)).mac)
    under_another = keyed_prints(KeyWrap(bytes(range(32))).mac)
    assert under_one(request) == under_one(dict(reversed(request.items())))
    assert under_one(request) != under_another(request)
    # Not a bare hash, which anyone could recompute for every twelve-digit id.
    assert under_one(request) != hashlib.sha256(canonical(request)).hexdigest()
