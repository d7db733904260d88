"""Settings the server refuses are one line for the operator, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration


def test_a_postgresql_store_without_a_master_key_is_refused_in_one_line(
    postgres_url: str,
) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_")}
    env["MOTCUA_DATABASE_URL"] = postgres_url
    answer = subprocess.run(
        [sys.executable, "-m", "interfaces.cli", "serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert answer.returncode == 2
    assert "Traceback" not in answer.stderr, answer.stderr
    [line] = answer.stderr.strip().splitlines()
    assert line.startswith("motcua: a PostgreSQL store needs MOTCUA_MASTER_KEY")
