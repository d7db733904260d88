"""Person keys in process memory, wrapped like the durable ones (tests, memory://)."""

from __future__ import annotations

from uuid import UUID

from infrastructure.crypto import KeyWrap


class InMemoryPersonKeys:
    def __init__(self, wrap: KeyWrap) -> None:
        self._wrap = wrap
        self._wrapped: dict[UUID, bytes | None] = {}

    async def key_for(self, person_id: UUID) -> bytes | None:
        if person_id not in self._wrapped:
            self._wrapped[person_id] = self._wrap.new_wrapped_key(person_id)
        wrapped = self._wrapped[person_id]
        return None if wrapped is None else self._wrap.unwrap(person_id, wrapped)

    async def shred(self, person_id: UUID) -> None:
        self._wrapped[person_id] = None

    async def is_shredded(self, person_id: UUID) -> bool:
        return person_id in self._wrapped and self._wrapped[person_id] is None

    def mac(self, data: bytes) -> bytes:
        return self._wrap.mac(data)

    async def close(self) -> None:
        return None
