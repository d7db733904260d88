"""``bench/run --profile``: the append path under py-spy, summed into the hot spots."""

from __future__ import annotations

import collections
import os
import subprocess
import sys
from pathlib import Path


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
    ours = [(f, n) for f, n in inclusive.most_common() if "infrastructure/" in f or "chain" in f]
    lines += [f"{n / total:6.1%}  {frame}" for frame, n in ours[:top]]
    return "\n".join(lines) + "\n"
