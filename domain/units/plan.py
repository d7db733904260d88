"""A reorganisation plan: changes to the unit tree with one effective date and legal basis.

A plain value, as the API or a data file spells it; ``plan_check`` judges it whole against
the history and the registry records it. Field names follow the API (``from`` is ``sources``
here only because ``from`` is a Python keyword; problems still name it ``from``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from functools import cached_property

from domain.units.tree import Level


@dataclass(frozen=True)
class NewUnit:
    code: str
    name: str
    level: Level
    parent: str | None


@dataclass(frozen=True)
class Establish:
    """A unit comes into force with no predecessor (a new unit, or one first listed)."""

    unit: NewUnit
    kind = "establish"


@dataclass(frozen=True)
class Merge:
    """Units of one level cease and a new unit formed from them comes into force (it may
    keep the code of one of them)."""

    into: NewUnit
    sources: tuple[str, ...]
    kind = "merge"


@dataclass(frozen=True)
class Abolish:
    """A unit ceases; ``successor``, a unit in force after the plan, takes over its work."""

    unit: str
    successor: str
    kind = "abolish"


@dataclass(frozen=True)
class Rename:
    unit: str
    name: str
    kind = "rename"


@dataclass(frozen=True)
class Move:
    """A unit stays what it is under another parent (a commune whose district ceases)."""

    unit: str
    parent: str
    kind = "move"


Change = Establish | Merge | Abolish | Rename | Move


@dataclass(frozen=True)
class ReorganisationPlan:
    effective: date
    """The first day the changes are in force."""
    legal_basis: str
    changes: tuple[Change, ...]

    @cached_property
    def fingerprint(self) -> str:
        """A digest of the whole plan: the same plan always has the same one (computed once
        per plan: a plan is a value)."""
        content = {
            "effective": self.effective.isoformat(),
            "legal_basis": self.legal_basis,
            "changes": [{"kind": change.kind, **asdict(change)} for change in self.changes],
        }
        encoded = json.dumps(content, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
