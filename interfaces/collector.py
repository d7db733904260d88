"""The garbage collector's pace in a long-running process.

CPython's cyclic collector runs a young collection every 700 new container objects and,
now and then, a full one that walks every object alive. A Motcua process keeps many
long-lived ones (the catalog, the units, the projections' memos of recent dossiers), so
those full walks cost much and find almost nothing: under 32 concurrent filings the
server spent a fifth of its time in them, and they made the slowest requests (p99
187 ms with the defaults, 68 ms with this pace, bench/run --quick). What is alive once
the process has started is frozen out of the collector's sight (``gc.freeze``), and
collections come less often. Cyclic garbage is still collected, only later.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

SERVER_THRESHOLDS = (10_000, 50, 1_000)


class CollectorPace:
    """The server's pace, shared by the blocks that overlap in one process (several apps,
    as in the tests): the first to start sets it, the last to end restores the collector
    as it was."""

    def __init__(self) -> None:
        self._users = 0
        self._saved = gc.get_threshold()

    @contextmanager
    def __call__(self) -> Iterator[None]:
        """Freeze what is alive now and collect less often, until the block ends."""
        if self._users == 0:
            self._saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(*SERVER_THRESHOLDS)
        self._users += 1
        try:
            yield
        finally:
            self._users -= 1
            if self._users == 0:
                gc.set_threshold(*self._saved)
                gc.unfreeze()


server_pace = CollectorPace()
