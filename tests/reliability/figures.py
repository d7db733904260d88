"""What a reliability test measured, for docs/reliability.md.

Each figure is printed (``pytest -s`` shows it) and, when ``MOTCUA_RELIABILITY_FIGURES``
names a file, appended to it as one JSON line.
"""

from __future__ import annotations

import json
import os
from typing import Any


def record(test: str, **figures: Any) -> None:
    line = json.dumps({"test": test, **figures}, ensure_ascii=False, default=str)
    print(f"FIGURES {line}")
    if path := os.environ.get("MOTCUA_RELIABILITY_FIGURES"):
        with open(path, "a", encoding="utf-8") as out:
            out.write(line + "\n")
