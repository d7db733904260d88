"""axe-core, the accessibility engine, for the browser tests: the ``axe-core`` npm
package's ``axe.min.js`` (no browser download), fetched once with ``npm pack`` into a
cache folder. The tests fail loudly when it cannot be had: they never skip."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

VERSION = "4.10.2"
CACHE = Path.home() / ".cache" / "motcua" / f"axe-core-{VERSION}"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    script = CACHE / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("the accessibility checks need axe-core: install npm")
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "pack", f"axe-core@{VERSION}", "--silent"],
            cwd=CACHE,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        with tarfile.open(CACHE / f"axe-core-{VERSION}.tgz") as packed:
            member = packed.extractfile("package/axe.min.js")
            assert member is not None
            script.write_bytes(member.read())
    return script.read_text()


def violations(page: Page, source: str) -> list[dict[str, Any]]:
    """axe's WCAG 2.1 A and AA violations on the page as it is (contrast included).
    The page's CSP forbids scripts: the context must bypass it for this check only."""
    page.add_script_tag(content=source)
    found: list[dict[str, Any]] = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'tag', values: rules}})"
        ".then(result => result.violations.map(v => ({id: v.id, impact: v.impact, "
        "nodes: v.nodes.map(n => n.target.join(' '))})))",
        RULES,
    )
    return found
