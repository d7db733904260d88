"""A one-line progress bar for rebuilds, redrawn in place on a terminal (stderr)."""

from __future__ import annotations

import sys
from typing import TextIO

from projections.rebuild import Progress

WIDTH = 30


def render(progress: Progress) -> str:
    share = progress.done / progress.total if progress.total else 1.0
    filled = round(share * WIDTH)
    eta = progress.eta_seconds
    eta_text = "done" if progress.finished else (f"ETA {eta:.0f}s" if eta is not None else "ETA ?")
    return (
        f"{progress.name:<14} [{'#' * filled}{'.' * (WIDTH - filled)}] {share:6.1%} "
        f"{progress.done}/{progress.total} events  {progress.rate:,.0f} ev/s  {eta_text}"
    )


class ProgressBar:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def show(self, progress: Progress) -> None:
        stream = self.stream or sys.stderr
        end = "\n" if progress.finished else ""
        stream.write("\r" + render(progress) + end)
        stream.flush()
