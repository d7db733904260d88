"""How a sheet's faces go into its PDF: each cut face whole, compressed once per process.

fpdf2's own output subsets every font again for each document with fontTools and
compresses the result: most of a render's time. The faces here are already cut to the
forms' letters (``faces.py``), so ``EmbeddedFaces`` writes the same objects fpdf2 writes
for a TrueType font (a Type0 font over a CIDFontType2, its widths, its ToUnicode map, its
CIDToGIDMap) but embeds the kept face, whose compressed bytes are the same for every
document. A PDF is some 60 kB larger than with per-document subsets; the text and the
look are the same.
"""

from __future__ import annotations

import copy
import zlib
from typing import Any

import structlog
from fpdf.fonts import TTFFont
from fpdf.output import (
    CIDSystemInfo,
    OutputProducer,
    PDFFont,
    _build_cmap_blocks,
    _tt_font_widths,
)
from fpdf.syntax import Name, PDFArray, PDFContentStream

_log = structlog.get_logger()

_TO_UNICODE = (
    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
    "<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    "{blocks}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
)


class CutFace(TTFFont):
    """A face parsed from its cut, carrying the cut's compressed bytes for embedding."""

    __slots__ = ("flate", "length1")

    def keep(self, data: bytes) -> None:
        self.flate = zlib.compress(data, level=6)
        self.length1 = len(data)

    def get_text_width(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> tuple[int, float]:
        """fpdf2's sum of the letters' widths without a Python loop: line breaking asks for
        it at every letter, over the whole line so far (most of a render's time)."""
        if text_shaping_params or self.is_symbol:
            return super().get_text_width(text, font_size_pt, text_shaping_params)
        self.biggest_size_pt = max(self.biggest_size_pt, font_size_pt)
        return len(text), sum(map(self.cw.__getitem__, map(ord, text))) * font_size_pt * 0.001


class _KeptStream(PDFContentStream):
    """A FontFile2 stream over bytes compressed beforehand."""

    def __init__(self, face: CutFace) -> None:
        super().__init__(contents=b"")
        self._contents = face.flate
        self.filter = Name("FlateDecode")
        self.length = len(face.flate)
        self.length1 = face.length1


class EmbeddedFaces(OutputProducer):
    """fpdf2's output, its fonts written from the kept cut faces (``output_producer_class``)."""

    def _add_fonts(self, *_resources: Any) -> dict[int, Any]:
        objects: dict[int, Any] = {}
        for font in sorted(self.fpdf.fonts.values(), key=lambda font: font.i):
            if not isinstance(font, CutFace):
                raise TypeError(f"{font.fontkey} is not one of the forms' faces")
            objects[font.i] = self._add_face(font)
        return objects

    def _add_face(self, font: CutFace) -> PDFFont:
        name = f"MPDFAA+{font.name}"
        if font.missing_glyphs:  # printed as the empty box
            missing = sorted({f"U+{code:04X}" for code in font.missing_glyphs})
            _log.warning("form_letters_missing_from_font", font=font.fontkey, letters=missing)
        used = [(glyph, code) for glyph, code in font.subset.items() if glyph is not None]
        composite = PDFFont(subtype="Type0", base_font=name, encoding="Identity-H")
        self._add_pdf_obj(composite, "fonts")
        cid_font = PDFFont(
            subtype="CIDFontType2",
            base_font=name,
            d_w=font.desc.missing_width,
            w=_tt_font_widths(font),
        )
        self._add_pdf_obj(cid_font, "fonts")
        composite.descendant_fonts = PDFArray([cid_font])
        to_unicode = PDFContentStream(
            _TO_UNICODE.format(blocks=_build_cmap_blocks(_unicodes(used), "bfchar")).encode(
                "latin-1"
            )
        )
        self._add_pdf_obj(to_unicode, "fonts")
        composite.to_unicode = to_unicode
        system_info = CIDSystemInfo()
        self._add_pdf_obj(system_info, "fonts")
        cid_font.c_i_d_system_info = system_info
        descriptor = copy.copy(font.desc)  # one object per document: the ids differ
        descriptor.font_name = Name(name)
        self._add_pdf_obj(descriptor, "fonts")
        cid_font.font_descriptor = descriptor
        gids = bytearray(256 * 256 * 2)
        for glyph, code in used:
            gids[code * 2 : code * 2 + 2] = glyph.glyph_id.to_bytes(2, "big")
        cid_to_gid = PDFContentStream(contents=bytes(gids), compress=True)
        self._add_pdf_obj(cid_to_gid, "fonts")
        cid_font.c_i_d_to_g_i_d_map = cid_to_gid
        stream = _KeptStream(font)
        self._add_pdf_obj(stream, "fonts")
        descriptor.font_file2 = stream  # type: ignore[attr-defined]
        font.subset.pick.cache_clear()
        font.subset.get_glyph.cache_clear()
        return composite


def _unicodes(used: list[tuple[Any, int]]) -> list[str]:
    """``<code> <UTF-16BE>`` lines: what each code in the page's text means."""
    lines = []
    for glyph, code in used:
        if isinstance(glyph.unicode, tuple) and glyph.unicode:
            text = "".join(chr(u) for u in glyph.unicode).encode("utf-16-be").hex().upper()
            lines.append(f"<{code:04X}> <{text}>\n")
    return lines
