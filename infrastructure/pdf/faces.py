"""The typeface's faces cut and parsed once per process, each sheet getting its own copy.

fpdf2 parses a TrueType file on every ``add_font`` (half of a render with the three
DejaVu files). Here each face is cut, once, to the letters a Vietnamese form can hold
(``REPERTOIRE``), parsed once, and its cut kept compressed for embedding
(``embedding.py``). A sheet takes a copy
whose only fresh parts are what one document changes: the map of the letters it uses,
its number among the sheet's fonts, its missing letters. The parsed tables are only read.

The cut is part of the bytes: ``REPERTOIRE`` goes into the renderer's fingerprint.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from fontTools import subset, ttLib  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.fonts import SubsetMap

from infrastructure.pdf.embedding import CutFace
from infrastructure.pdf.fonts import FAMILY, Typeface

# What a form's text can hold: Basic Latin, Latin-1 and Latin Extended-A (foreign names
# too), Ơ ơ Ư ư, the combining accents Vietnamese uses, the Vietnamese letters of Latin
# Extended Additional (Ạ…ỹ), dashes, quotes, ellipsis, ₫ €, №. A face cut to it is some
# 30 kB compressed; the whole Latin range would double that in every PDF.
REPERTOIRE = (
    (0x0020, 0x017F),
    (0x01A0, 0x01A1),
    (0x01AF, 0x01B0),
    (0x0300, 0x0323),
    (0x1EA0, 0x1EF9),
    (0x2010, 0x203A),
    (0x20AB, 0x20AC),
    (0x2116, 0x2116),
)


def _cut(path: str) -> bytes:
    """The face reduced to ``REPERTOIRE``, glyph names kept (fpdf2 maps letters by name)."""
    options = subset.Options(notdef_outline=True, recommended_glyphs=True, glyph_names=True)
    options.layout_features = []
    options.drop_tables += ["FFTM"]  # FontForge's time stamp: not for a PDF
    font = ttLib.TTFont(path, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for low, high in REPERTOIRE for c in range(low, high + 1)])
    subsetter.subset(font)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


# Every renderer of the process shares the cut faces (an app per test would cut again).
_CUT: dict[tuple[Path, str], CutFace] = {}


@dataclass(frozen=True)
class ParsedFaces:
    """The faces of one typeface, cut and parsed on first use in the process."""

    typeface: Typeface

    def install(self, sheet: FPDF) -> None:
        """Each face into ``sheet`` as fpdf2's ``add_font`` would, without parsing again."""
        for style, path in self.typeface.files.items():
            font = copy.copy(_face(path, style))
            font.i = len(sheet.fonts) + 1
            font.missing_glyphs = []
            font.biggest_size_pt = 0
            font.subset = SubsetMap(font)
            sheet.fonts[font.fontkey] = font

    def load(self) -> None:
        """Cut and parse every face now rather than on the first sheet."""
        for style, path in self.typeface.files.items():
            _face(path, style)


def _face(path: Path, style: str) -> CutFace:
    face = _CUT.get((path, style))
    if face is None:
        data = _cut(str(path))
        fontkey = f"{FAMILY.lower()}{style}"
        face = CutFace(FPDF(), BytesIO(data), fontkey, style)  # type: ignore[arg-type]
        face.keep(data)
        face = _CUT.setdefault((path, style), face)
    return face
