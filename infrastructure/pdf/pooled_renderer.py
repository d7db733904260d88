"""``PooledFormRenderer``: the ``FormRenderer`` port, rendering in worker processes.

Rendering is pure-Python work (~10 ms a receipt) that holds the GIL of whichever process
runs it: in the API process it competes with every request. Here each worker process
builds its own ``FpdfFormRenderer`` once (the pool's initializer: fonts cut once per
process) and ``render`` waits on the worker's answer, releasing the GIL meanwhile. The
caller is a thread already (``signing.render``), so blocking here leaves the event loop
free. The bytes are the in-process renderer's, and so is the ``fingerprint``.

Workers start from a ``forkserver`` (never ``fork``: the API process has threads and an
event loop). A worker that dies breaks its pool: the pool is replaced and the form tried
once more, then ``RendererUnavailable`` (a 503: nothing was recorded).
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from application.forms.data import FormData
from application.forms.errors import RendererUnavailable
from infrastructure.pdf.fonts import Typeface
from infrastructure.pdf.fpdf_form_renderer import FpdfFormRenderer, fingerprint

_WORKER: list[FpdfFormRenderer] = []
"""The worker process's own renderer, set by its initializer."""


def _start_worker(typeface: Typeface) -> None:
    renderer = FpdfFormRenderer(typeface)
    renderer.faces.load()
    _WORKER.append(renderer)


def _render(form: FormData) -> bytes:
    return _WORKER[0].render(form)


def _ready() -> None:
    """A call that returns once a worker has run its initializer."""


class PooledFormRenderer:
    def __init__(self, workers: int = 1, typeface: Typeface | None = None) -> None:
        if workers < 1:
            raise ValueError("a pool of form workers needs at least one")
        self.workers = workers
        self.typeface = typeface or Typeface.dejavu_serif()
        self._context = multiprocessing.get_context("forkserver")
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._fingerprint: str | None = None

    def start(self) -> None:
        """Start the workers now rather than on the first forms (1–5 s: an interpreter,
        fpdf2 imported, the fonts cut); returns at once. The pool starts a worker per call
        submitted while none is idle, hence one call per worker."""
        pool = self._current()
        for _ in range(self.workers):
            pool.submit(_ready)

    def render(self, form: FormData) -> bytes:
        for _ in range(2):
            pool = self._current()
            try:
                return pool.submit(_render, form).result()
            except BrokenProcessPool:
                self._discard(pool)
        raise RendererUnavailable("the form renderer's worker stopped; retry shortly")

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = fingerprint(self.typeface)
        return self._fingerprint

    def worker_pids(self) -> list[int]:
        """The worker processes' ids (started if they were not)."""
        pool = self._current()
        pool.submit(_ready).result()
        return [process.pid for process in list(pool._processes.values()) if process.pid]

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _current(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.workers,
                    mp_context=self._context,
                    initializer=_start_worker,
                    initargs=(self.typeface,),
                )
            return self._pool

    def _discard(self, broken: ProcessPoolExecutor) -> None:
        """Forget a broken pool (once, whichever of its callers comes first)."""
        with self._lock:
            if self._pool is broken:
                self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)
