"""Opens the chain checkpoints' key and ledger for a configuration, beside the master key
(``infrastructure/personal_data.py``): both outside the database and its backups."""

from __future__ import annotations

import os
from dataclasses import dataclass

from application.audit.ports import CheckpointLedger
from infrastructure.checkpoint_key import Ed25519CheckpointKey
from infrastructure.checkpoint_ledger import FileCheckpointLedger
from infrastructure.crypto import master_key_file
from infrastructure.memory.checkpoint_ledger import InMemoryCheckpointLedger
from infrastructure.personal_data import key_directory
from infrastructure.settings import Settings

CHECKPOINT_KEY_FILE = "motcua-checkpoint.key"
CHECKPOINT_LEDGER_FILE = "motcua-checkpoints.jsonl"


@dataclass(frozen=True)
class CheckpointAdapters:
    key: Ed25519CheckpointKey
    ledger: CheckpointLedger


def open_checkpoint_adapters(settings: Settings) -> CheckpointAdapters:
    """The key from ``MOTCUA_CHECKPOINT_KEY``, else a key file made once (0600, 32 random
    bytes as the master key's); the ledger a file in the key directory."""
    if settings.database_url.startswith("memory://"):
        return memory_checkpoint_adapters()
    directory = key_directory(settings)
    if settings.checkpoint_key is not None:
        key = Ed25519CheckpointKey.parse(settings.checkpoint_key.get_secret_value())
    else:
        key = Ed25519CheckpointKey(master_key_file(directory / CHECKPOINT_KEY_FILE))
    return CheckpointAdapters(key, FileCheckpointLedger(directory / CHECKPOINT_LEDGER_FILE))


def memory_checkpoint_adapters() -> CheckpointAdapters:
    """A key and a ledger for the life of the process (tests, ``memory://``)."""
    return CheckpointAdapters(Ed25519CheckpointKey(os.urandom(32)), InMemoryCheckpointLedger())
