"""The typeface the forms are set in: DejaVu Serif, from Debian's fonts-dejavu packages.

A serif face as the circular's Times New Roman, with every Vietnamese letter precomposed;
the set-up (scripts/venv.sh) installs the packages when missing. Its regular and bold
faces come with fonts-dejavu-core, its italic with fonts-dejavu-extra.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

DEBIAN_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FAMILY = "DejaVuSerif"
_FACES = {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf", "I": "DejaVuSerif-Italic.ttf"}


class FontMissing(RuntimeError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"the forms' font {path} is missing: apt-get install fonts-dejavu-core "
            "fonts-dejavu-extra (scripts/venv.sh does it as root)"
        )


@dataclass(frozen=True)
class Typeface:
    """The files of one family, by style ("", "B", "I"), read once."""

    files: dict[str, Path]

    @classmethod
    def dejavu_serif(cls, folder: Path = DEBIAN_DEJAVU) -> Typeface:
        files = {style: folder / name for style, name in _FACES.items()}
        for path in files.values():
            if not path.is_file():
                raise FontMissing(path)
        return cls(files)

    def sha256(self) -> str:
        """One digest over the faces' bytes: a change of font changes the PDFs' bytes."""
        digest = hashlib.sha256()
        for style in sorted(self.files):
            digest.update(hashlib.sha256(self.files[style].read_bytes()).digest())
        return digest.hexdigest()
