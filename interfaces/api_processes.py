"""``motcua serve --workers N``: N API processes, each listening on a socket of its own
bound to the same port with ``SO_REUSEPORT``, so that the kernel spreads new connections
over them.

uvicorn's own workers share one listening socket, and a burst of connections goes to
whichever process wakes first, which accepts them all (its loop drains the backlog): a
test's sixteen kept-open client connections all landed on one of two workers (CPU 17 s
against 0.07 s). With a socket each, the kernel picks the process per connection.

The parent only watches: a worker that dies is started again; SIGTERM or SIGINT stops
them all (each finishes its requests, as uvicorn does on SIGTERM).
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import sys
import threading
from multiprocessing.process import BaseProcess
from types import FrameType

WATCH_SECONDS = 0.5


def _listening(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _api_process(host: str, port: int) -> None:
    import uvicorn

    config = uvicorn.Config(
        "interfaces.bootstrap.asgi:api_worker",
        factory=True,
        host=host,
        port=port,
        access_log=False,  # the app logs one JSON line per request itself
        log_config=None,
    )
    uvicorn.Server(config).run(sockets=[_listening(host, port)])


def serve_api_processes(host: str, port: int, workers: int) -> None:
    """Run ``workers`` API processes on ``host:port`` until SIGTERM or SIGINT."""
    _listening(host, port).close()  # the port is free: say so here, not in N children
    spawn = multiprocessing.get_context("spawn")

    def start() -> BaseProcess:
        process = spawn.Process(target=_api_process, args=(host, port), daemon=False)
        process.start()
        return process

    stopping = threading.Event()

    def stop(_signal: int, _frame: FrameType | None) -> None:
        stopping.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    processes = [start() for _ in range(workers)]
    try:
        while not stopping.wait(WATCH_SECONDS):
            for n, process in enumerate(processes):
                if not process.is_alive():
                    print(
                        f"motcua: API process {process.pid} ended; starting another",
                        file=sys.stderr,
                        flush=True,
                    )
                    processes[n] = start()
    finally:
        for process in processes:
            process.terminate()  # SIGTERM: uvicorn's graceful shutdown
        for process in processes:
            process.join(timeout=30)
