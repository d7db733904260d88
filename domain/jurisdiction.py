"""A stream a jurisdiction has one of (its unit registry, its catalog registry): the
stream's id follows from the jurisdiction's name, so every process finds it without a
lookup, and it is opened by whoever records its first facts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar, Self
from uuid import UUID, uuid5

from domain.shared import Actor


class OnePerJurisdiction:
    """Mixed into an aggregate whose ``__init__`` takes ``id``, ``jurisdiction``,
    ``actor`` and ``timestamp``."""

    NAMESPACE: ClassVar[UUID]

    @classmethod
    def id_for(cls, jurisdiction: str) -> UUID:
        return uuid5(cls.NAMESPACE, jurisdiction)

    @classmethod
    def open(cls, jurisdiction: str, actor: Actor, at: datetime) -> Self:
        make: Callable[..., Self] = cls
        return make(
            id=cls.id_for(jurisdiction), jurisdiction=jurisdiction, actor=actor, timestamp=at
        )
