"""Opens the chain checkpoints' key and ledger for a configuration, beside the master key
(``infrastructure/personal_data.py``): both outside the database and its backups."""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from application.audit.ports import CheckpointLedger
from infrastructure.checkpoint_key import Ed25519CheckpointKey
from infrastructure.checkpoint_ledger import FileCheckpointLedger
from infrastructure.memory.checkpoint_ledger import InMemoryCheckpointLedger
from infrastructure.personal_data import key_directory, master_key
from infrastructure.settings import Settings

CHECKPOINT_LEDGER_FILE = "motcua-checkpoints.jsonl"


@dataclass(frozen=True)
class CheckpointAdapters:
    key: Ed25519CheckpointKey
    ledger: CheckpointLedger


def open_checkpoint_adapters(settings: Settings) -> CheckpointAdapters:
    """The key from ``MOTCUA_CHECKPOINT_KEY``, else derived from the master key (HKDF), which
    is kept outside the database already and shared by every server of one database; the
    ledger a file in the key directory, written at the first checkpoint."""
    if settings.database_url.startswith("memory://"):
        return memory_checkpoint_adapters()
    if settings.checkpoint_key is not None:
        key = Ed25519CheckpointKey.parse(settings.checkpoint_key.get_secret_value())
    else:
        key = Ed25519CheckpointKey(_derived(master_key(settings)))
    ledger = FileCheckpointLedger(key_directory(settings) / CHECKPOINT_LEDGER_FILE)
    return CheckpointAdapters(key, ledger)


def _derived(master: bytes) -> bytes:
    """A seed of its own (HKDF-SHA256): the checkpoint key never is the master key."""
    return HKDF(SHA256(), 32, salt=None, info=b"motcua checkpoint signing key").derive(master)


def memory_checkpoint_adapters() -> CheckpointAdapters:
    """A key and a ledger for the life of the process (tests, ``memory://``)."""
    return CheckpointAdapters(Ed25519CheckpointKey(os.urandom(32)), InMemoryCheckpointLedger())
