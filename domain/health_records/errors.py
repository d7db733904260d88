"""The named refusals of the health record."""

from __future__ import annotations

from domain.shared import DomainError


class RecordErased(DomainError):
    def __init__(self) -> None:
        super().__init__("the record's personal data was erased; it takes no new entries")


class InvalidDiagnosis(DomainError):
    def __init__(self, code: str) -> None:
        super().__init__(f"{code!r} is not an ICD-10 code such as J06.9")
        self.code = code


class SelfReferral(DomainError):
    def __init__(self, unit: str) -> None:
        super().__init__(f"{unit} holds the record already; refer it to another unit")
