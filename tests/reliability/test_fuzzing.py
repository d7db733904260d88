"""Fuzzing the whole API from its own ``/openapi.json`` with schemathesis, as each role
and without a token.

``schemathesis run`` (its CLI, in a child process) drives ``motcua serve`` on a SQLite
file through the coverage, fuzzing and stateful phases with every check but
``positive_data_acceptance`` (random ids and codes rightly find nothing): no server
error, no response that breaks its own schema or status list or content type, no
invalid input accepted, no operation that ignores its authentication. The example count
is bounded so that the seven runs finish in a few minutes.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interfaces.http.auth import issue_token
from tests.e2e.api import SECRET
from tests.examples import TODAYS_DESK, TODAYS_PROVINCE
from tests.reliability.figures import record
from tests.reliability.server import Server

pytestmark = pytest.mark.reliability
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
MAX_EXAMPLES = 10
CALLERS: dict[str, tuple[str, str] | None] = {
    "anonymous": None,
    # The server runs on the system's clock: units in force today (after the 2025 reform).
    "clerk": ("clerk", TODAYS_DESK),
    "specialist": ("specialist", TODAYS_PROVINCE),
    "leader": ("leader", TODAYS_PROVINCE),
    "auditor": ("auditor", TODAYS_PROVINCE),
    "admin": ("admin", TODAYS_PROVINCE),
    "clinician": ("clinician", TODAYS_DESK),
}


@pytest.fixture(scope="module")
def fuzzed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp("fuzzing")
    server = Server(f"sqlite:///{directory / 'fuzzed.sqlite3'}", directory)
    server.start()
    yield server
    server.stop()


def fuzz(server: Server, caller: tuple[str, str] | None, seed: int, report: Path) -> dict[str, Any]:
    if not SCHEMATHESIS.exists():
        raise AssertionError(f"no {SCHEMATHESIS}: install the [dev] extra (scripts/test does)")
    headers = []
    if caller is not None:
        token = issue_token(SECRET, caller[0], caller[1], f"fuzz-{caller[0]}")
        headers = ["-H", f"Authorization: Bearer {token}"]
    command = [
        str(SCHEMATHESIS),
        "--no-color",
        f"--config-file={Path(__file__).with_name('schemathesis.toml')}",
        "run",
        f"{server.url}/openapi.json",
        *headers,
        "--checks=all",
        "--exclude-checks=positive_data_acceptance",
        f"--max-examples={MAX_EXAMPLES}",
        f"--seed={seed}",
        # One worker: with two threads, CPython 3.11 before 3.11.8 may fail ast.parse in
        # hypothesis ("AST constructor recursion depth mismatch", python/cpython#106905).
        "--workers=1",
        "--request-timeout=10",
        "--report=json",
        f"--report-json-path={report}",
    ]
    ran = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert report.exists(), ran.stdout[-3000:] + ran.stderr[-3000:]
    outcome: dict[str, Any] = json.loads(report.read_text())
    outcome["output"] = ran.stdout[-6000:]
    return outcome


@pytest.mark.parametrize("who", list(CALLERS))
def test_no_server_error_and_no_broken_contract_under_fuzzing(
    who: str, fuzzed_server: Server, tmp_path: Path
) -> None:
    seed = random.randrange(2**31)
    outcome = fuzz(fuzzed_server, CALLERS[who], seed, tmp_path / "report.json")
    cases, operations = outcome["test_cases"], outcome["operations"]
    assert outcome["failures"] == [] and outcome["errors"] == [], outcome["output"]
    assert outcome["exit_code"] == 0, outcome["output"]
    assert cases["with_failures"] == 0 and cases["errored"] == 0
    assert operations["tested"] == operations["selected"] == operations["total"] > 0
    assert cases["generated"] >= 20 * operations["tested"], "too few cases to mean anything"
    assert fuzzed_server.unhandled() == []
    record(
        f"fuzzing[{who}]",
        seed=seed,
        operations=operations["tested"],
        cases=cases["generated"],
        seconds=round(outcome["running_time"], 1),
    )
