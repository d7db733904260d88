"""Browser fixtures: the real server in a thread, Debian's Chromium driven by Playwright.

The server listens on a socket bound before it starts, so the browser may connect at
once: its requests wait in the backlog until the server accepts them, no polling.
Chromium comes from Debian (``/usr/bin/chromium``); when it is missing the fixture
installs it with apt as root, and fails loudly otherwise: these tests never skip.
Playwright's sync API runs an event loop in the main thread while it is open: it lives
for one module, so the async tests of other modules find no loop running.
The server's clock runs six years behind the system's (late 2020 today): the tests file at
the units of before the 2025 reform (``tests.examples``), which are in force then only.
Screenshots go to ``$MOTCUA_SCREENSHOTS`` (``docs/screenshots`` refreshes the README's),
else to a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from infrastructure.settings import Settings
from interfaces.bootstrap import create_app
from tests.e2e.api import SECRET

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def ensure_chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail(f"the browser tests need {CHROMIUM}: apt-get install -y chromium (as root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    if not CHROMIUM.exists():
        pytest.fail(f"apt installed chromium but {CHROMIUM} is still missing")
    return CHROMIUM


class SixYearsEarlier:
    """A running clock, 6 × 365 days behind the system's."""

    def now(self) -> datetime:
        return datetime.now(UTC) - timedelta(days=6 * 365)


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole application on a fresh SQLite file, served on a free loopback port."""
    database = tmp_path_factory.mktemp("web") / "motcua.sqlite3"
    settings = Settings(database_url=f"sqlite:///{database}", jwt_secret=SECRET)
    config = uvicorn.Config(
        create_app(settings, clock=SixYearsEarlier()),
        log_config=None,
        access_log=False,
        ws="none",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    host, port = listener.getsockname()
    yield f"http://{host}:{port}"
    server.should_exit = True
    thread.join(timeout=30)
    listener.close()


@pytest.fixture(scope="session")
def api(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{base_url}/api/v1", timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(
        executable_path=str(ensure_chromium()), args=CHROMIUM_FLAGS
    )
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A phone-sized page in a fresh context (no cookies) at the server."""
    context = browser.new_context(base_url=base_url, viewport={"width": 412, "height": 915})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("MOTCUA_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
