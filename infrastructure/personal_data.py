"""Opens what protects personal data for a configuration: the master key, the person keys
beside the event store (same database, so as durable as the events), and the erasure
ledger beside the master key (apart from the database and its backups)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from application.health_records.ports import ErasureLedger, PersonKeys
from infrastructure.crypto import (
    BadMasterKey,
    KeyWrap,
    master_key_file,
    parse_master_key,
    random_master_key,
)
from infrastructure.erasure_ledger import FileErasureLedger
from infrastructure.memory.erasure_ledger import InMemoryErasureLedger
from infrastructure.memory.person_keys import InMemoryPersonKeys
from infrastructure.postgres.person_keys import PostgresPersonKeys
from infrastructure.settings import Settings
from infrastructure.sqlite.person_keys import SqlitePersonKeys
from infrastructure.stores import UnsupportedDatabaseUrl

MASTER_KEY_FILE = "motcua-master.key"
ERASURE_LEDGER_FILE = "motcua-erasures.log"
_SQLITE = "sqlite:///"


@dataclass(frozen=True)
class PersonalDataAdapters:
    keys: PersonKeys
    erasures: ErasureLedger


def key_directory(settings: Settings) -> Path:
    if settings.key_directory is not None:
        return settings.key_directory
    if settings.database_url.startswith(_SQLITE):
        return Path(settings.database_url.removeprefix(_SQLITE)).parent
    return Path("motcua-keys")


def master_key(settings: Settings) -> bytes:
    url = settings.database_url
    if settings.master_key is not None:
        return parse_master_key(settings.master_key.get_secret_value())
    if url.startswith("memory://"):
        return random_master_key()
    if url.startswith(_SQLITE) or settings.key_directory is not None:
        return master_key_file(key_directory(settings) / MASTER_KEY_FILE)
    raise BadMasterKey(
        "a PostgreSQL store needs MOTCUA_MASTER_KEY, the key that wraps personal-data keys "
        '(base64 of 32 random bytes: python3 -c "import base64, os; '
        'print(base64.b64encode(os.urandom(32)).decode())"); keep it outside the database'
    )


async def open_person_keys(
    url: str,
    wrap: KeyWrap,
    *,
    wait_seconds: float = 5.0,
    server_settings: Mapping[str, str] | None = None,
    pooled: bool = False,
) -> PersonKeys:
    """The person keys in the database ``url`` names (migrated with the event store)."""
    if url.startswith(_SQLITE):
        return await SqlitePersonKeys.open(
            url.removeprefix(_SQLITE), wrap, busy_timeout=wait_seconds
        )
    if url.startswith(("postgresql://", "postgres://")):
        return await PostgresPersonKeys.open(
            url, wrap, wait_seconds=wait_seconds, server_settings=server_settings, pooled=pooled
        )
    if url.startswith("memory://"):
        return InMemoryPersonKeys(wrap)
    raise UnsupportedDatabaseUrl(url)


async def open_personal_data(settings: Settings) -> PersonalDataAdapters:
    wrap = KeyWrap(master_key(settings))
    url = settings.database_url
    keys = await open_person_keys(
        url, wrap, wait_seconds=settings.store_timeout_seconds, pooled=settings.transaction_pooler
    )
    if url.startswith("memory://"):
        return PersonalDataAdapters(keys, InMemoryErasureLedger())
    ledger = FileErasureLedger(key_directory(settings) / ERASURE_LEDGER_FILE)
    return PersonalDataAdapters(keys, ledger)


def memory_personal_data() -> PersonalDataAdapters:
    """For an App over a store it was handed (tests): keys live as long as the process."""
    return PersonalDataAdapters(
        InMemoryPersonKeys(KeyWrap(random_master_key())), InMemoryErasureLedger()
    )
