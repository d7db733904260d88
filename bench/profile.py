"""``bench/run --profile``: the append path and the HTTP server under py-spy, summed into
the hot spots."""

from __future__ import annotations

import collections
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROFILE_ENV = "MOTCUA_BENCH_PROFILE"
"""Set by the runner to a file name: the HTTP scenario then py-spies its server there."""


def profile_scenario(command: list[str], raw: Path, summary: Path) -> None:
    py_spy = Path(sys.executable).with_name("py-spy")
    subprocess.run(
        [str(py_spy), "record", "-f", "raw", "-r", "250", "-o", str(raw), "--", *command],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    summary.write_text(summarize(raw.read_text()))


@contextmanager
def recording(pid: int, raw: Path, seconds: float) -> Iterator[None]:
    """py-spy on a running process (the HTTP server) for about ``seconds``: the thread
    holding the GIL only, so the samples are the process's Python work (without
    ``--gil``, threads waiting for the form workers or for work took half the samples)."""
    py_spy = Path(sys.executable).with_name("py-spy")
    command = [str(py_spy), "record", "-f", "raw", "-r", "250", "-o", str(raw), "--gil"]
    command += ["--pid", str(pid), "--duration", str(max(1, round(seconds)))]
    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        try:
            spy.wait(timeout=seconds + 60)
        except subprocess.TimeoutExpired:
            spy.kill()


def summarize(collapsed: str, top: int = 25) -> str:
    """Self and inclusive shares of the sampled frames (py-spy's collapsed stacks)."""
    own: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in collapsed.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames, samples = stack.split(";"), int(count)
        total += samples
        own[frames[-1]] += samples
        for frame in set(frames):
            inclusive[frame] += samples
    lines = [f"{total} samples", "", "self time:"]
    lines += [f"{n / total:6.1%}  {frame}" for frame, n in own.most_common(top)]
    lines += ["", "inclusive time, Motcua's code:"]
    mine = ("infrastructure/", "application/", "projections/", "interfaces/", "domain/")
    ours = [(f, n) for f, n in inclusive.most_common() if any(m in f for m in mine)]
    lines += [f"{n / total:6.1%}  {frame}" for frame, n in ours[:top]]
    return "\n".join(lines) + "\n"
