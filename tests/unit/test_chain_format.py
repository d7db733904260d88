"""The chain's hash format is stored forever: a hash computed today must equal the one
computed when the event was stored. This pins it."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from application.chain import GENESIS, event_hash


def test_the_hash_of_a_known_event_never_changes() -> None:
    digest = event_hash(
        GENESIS,
        position=1,
        stream_id=UUID(int=1),
        stream_type="Dossier",
        version=1,
        event_id=UUID(int=2),
        type="domain.dossiers.dossier:Dossier.Submitted",
        payload=b'{"code":"080-270111-0001"}',
        metadata={"actor": {"sub": "clerk@080", "unit": "080"}, "correlation_id": "Đặng"},
        recorded_at=datetime(2027, 1, 11, 2, 0, 0, 123456, tzinfo=UTC),
    )
    assert digest.hex() == "9353e41a8c490099c2b925a7d32c6c065c0198473a4719c6610f450d621a35bb"
