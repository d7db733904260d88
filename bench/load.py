"""Closed-loop load: N workers each run one operation after another, as fast as it
completes. Every loop is bounded in time and in count. Throughput is counted over the
measured window only (after a warm-up); latencies, when kept, are of that window too."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

MAX_OPERATIONS = 5_000_000


@dataclass
class Measured:
    operations: int
    seconds: float
    latencies: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.operations / self.seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class _Window:
    """Counts operations (and keeps latencies) only between open() and close()."""

    def __init__(self, keep_latencies: bool) -> None:
        self.keep = keep_latencies
        self.counting = False
        self.stopped = False
        self.total = 0
        self.operations = 0
        self.latencies: list[float] = []

    def done(self, latency: float) -> None:
        self.total += 1
        if self.counting:
            self.operations += 1
            if self.keep:
                self.latencies.append(latency)
        if self.total >= MAX_OPERATIONS:
            self.stopped = True


async def async_closed_loop(
    operation: Callable[[], Awaitable[object]],
    *,
    workers: int,
    seconds: float,
    warmup: float,
    keep_latencies: bool = False,
) -> Measured:
    window = _Window(keep_latencies)

    async def worker() -> None:
        while not window.stopped:
            started = time.perf_counter()
            await operation()
            window.done(time.perf_counter() - started)

    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    try:
        await asyncio.sleep(warmup)
        window.counting, began = True, time.perf_counter()
        await asyncio.sleep(seconds)
        window.counting, ended = False, time.perf_counter()
    finally:
        window.stopped = True
        await asyncio.gather(*tasks)
    return Measured(window.operations, ended - began, window.latencies)


def threaded_closed_loop(
    operation: Callable[[], object], *, workers: int, seconds: float, warmup: float
) -> Measured:
    window, lock = _Window(False), threading.Lock()

    def worker() -> None:
        while not window.stopped:
            started = time.perf_counter()
            operation()
            with lock:
                window.done(time.perf_counter() - started)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(warmup)
        with lock:
            window.counting, began = True, time.perf_counter()
        time.sleep(seconds)
        with lock:
            window.counting, ended = False, time.perf_counter()
    finally:
        window.stopped = True
        for thread in threads:
            thread.join(timeout=60)
    return Measured(window.operations, ended - began)


def sequential(operation: Callable[[], object], *, seconds: float, warmup: float) -> Measured:
    """One operation after another in this thread (for synchronous peers)."""
    deadline, count = time.perf_counter() + warmup, 0
    while time.perf_counter() < deadline and count < MAX_OPERATIONS:
        operation()
        count += 1
    began, count = time.perf_counter(), 0
    while time.perf_counter() - began < seconds and count < MAX_OPERATIONS:
        operation()
        count += 1
    return Measured(count, time.perf_counter() - began)
