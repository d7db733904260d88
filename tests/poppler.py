"""Poppler's command-line tools read the PDFs back as a person's viewer would.

scripts/venv.sh installs poppler-utils; when it is missing anyway ``ensure_poppler``
installs it with apt as root, and fails loudly otherwise: these tests never skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def ensure_poppler() -> None:
    if shutil.which("pdftotext"):
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail("the PDF tests need poppler-utils: apt-get install -y poppler-utils (root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "poppler-utils"],
    ):
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)


class Poppler:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, pdf: bytes, name: str) -> Path:
        path = self.folder / f"{name}.pdf"
        path.write_bytes(pdf)
        return path

    def _run(self, *command: str) -> str:
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout

    def text(self, pdf: bytes, name: str = "form") -> str:
        """The text a reader searches, words joined by single spaces."""
        raw = self._run("pdftotext", "-enc", "UTF-8", str(self._file(pdf, name)), "-")
        return " ".join(raw.split())

    def info(self, pdf: bytes, name: str = "form") -> dict[str, str]:
        lines = self._run("pdfinfo", str(self._file(pdf, name))).splitlines()
        return {
            key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)
        }

    def first_page_png(self, pdf: bytes, target: Path) -> Path:
        """Page 1 at 100 dpi, as ``target`` (a .png path)."""
        source = self._file(pdf, target.stem)
        stem = target.with_suffix("")
        self._run(
            "pdftoppm",
            "-png",
            "-r",
            "100",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(stem),
        )
        return target
