"""An A4 sheet with the pieces every form is made of: the letterhead, the title, labelled
facts, paragraphs and the signature blocks, set as Decree 30/2020's administrative style
asks (serif face, 13 pt text, margins 20/15/30/15 mm).

Nothing on it reads a clock or draws lots: its creation date is the form's own
``issued_at``, its producer a fixed name, so the same form gives the same bytes.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Any

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from application.forms.data import Form, Letterhead
from infrastructure.pdf.embedding import EmbeddedFaces
from infrastructure.pdf.faces import ParsedFaces
from infrastructure.pdf.fonts import FAMILY

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CIRCULAR = "Thông tư số 03/2025/TT-VPCP"
TEXT_PT = 12
LINE_MM = 6.2


class Sheet(FPDF):
    def __init__(self, form: Form, faces: ParsedFaces, landscape: bool = False) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4")
        faces.install(self)
        self.set_margins(left=15 if landscape else 25, top=15, right=15)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_creation_date(_aware(form.issued_at))
        self.set_producer("Motcua")
        self.set_creator("Motcua")
        self.set_lang("vi")
        self.set_title(f"Mẫu số {form.number}: {form.title}")
        self._form = form
        self.add_page()
        self.set_font(FAMILY, size=TEXT_PT)

    def normalize_text(self, text: str) -> str:
        """Precomposed letters: text typed with combining accents prints and searches alike."""
        return super().normalize_text(unicodedata.normalize("NFC", text))

    # -- the head of every form --------------------------------------------------------------

    def letterhead(self, head: Letterhead) -> None:
        left_w = self.epw * 0.42
        right_w = self.epw - left_w
        top = self.t_margin
        self.set_font(FAMILY, "I", 8)
        self.set_xy(self.l_margin, top - 8)
        self.cell(self.epw, 4, f"Mẫu số {self._form.number} ({CIRCULAR})", align=Align.R)
        self.set_xy(self.l_margin, top)
        lines = [(head.authority, ""), (head.agency, "B"), (head.office, "B")]
        for text, style in (line for line in lines if line[0]):
            self.set_font(FAMILY, style, 11)
            self.block(left_w, 5.2, text, Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self._rule(self.l_margin + left_w / 2, self.get_y() + 1, 22)
        left_bottom = self.get_y()
        self.set_xy(self.l_margin + left_w, top)
        self.set_font(FAMILY, "B", 11)
        self.cell(right_w, 5.2, NATION, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_font(FAMILY, "B", 12)
        self.cell(right_w, 5.8, MOTTO, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self._rule(self.l_margin + left_w + right_w / 2, self.get_y() + 0.6, 46)
        self.set_y(max(self.get_y(), left_bottom) + 4)
        self.set_x(self.l_margin + left_w)
        self.set_font(FAMILY, "I", TEXT_PT)
        self.cell(right_w, LINE_MM, head.dateline, align=Align.C)
        self.set_y(self.get_y() + LINE_MM + 6)

    def heading(self, *subtitles: str) -> None:
        self.set_font(FAMILY, "B", 13)
        title = self._balanced(self._form.title)
        self.block(self.epw, 7, title, Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", TEXT_PT)
        for line in subtitles:
            self.block(self.epw, LINE_MM, line, Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)

    # -- the body ----------------------------------------------------------------------------

    def fact(self, label: str, value: str, strong: bool = False) -> None:
        """``label: value`` on one line, the value wrapping under itself."""
        head, value = f"{label}: ", value or "…"
        value_style = "B" if strong else ""
        self.set_font(FAMILY, "", TEXT_PT)
        head_w = self.get_string_width(head)
        self.set_font(FAMILY, value_style, TEXT_PT)
        value_w = self.get_string_width(value)
        if head_w + value_w > self.epw:
            self.set_font(FAMILY, "", TEXT_PT)
            self.set_x(self.l_margin)
            self.write(LINE_MM, head)
            self.set_font(FAMILY, value_style, TEXT_PT)
            self.write(LINE_MM, value)
        else:  # as ``write`` sets them, without its letter-by-letter line breaking
            self.set_font(FAMILY, "", TEXT_PT)
            self._run(self.l_margin, head_w, head)
            self.set_font(FAMILY, value_style, TEXT_PT)
            self._run(self.l_margin + head_w, value_w, value)
        self.set_font(FAMILY, "", TEXT_PT)
        self.ln(LINE_MM)

    def _run(self, x: float, width: float, text: str) -> None:
        """``text`` as ``write`` sets it at ``x``: padded by ``c_margin``."""
        self.set_x(x)
        self.cell(width + 2 * self.c_margin, LINE_MM, text)

    def block(self, width: float, height: float, text: str, align: Align, **moves: Any) -> None:
        """``multi_cell``, but a text that fits on one line is set as one ``cell``, which
        looks the same: fpdf2's line breaking walks a text letter by letter, measuring the
        line so far at each, and most of a form's lines fit."""
        fits = "\n" not in text and self.get_string_width(text) <= width - 2 * self.c_margin
        if fits:
            self.cell(width, height, text, align=Align.L if align == Align.J else align, **moves)
        else:
            self.multi_cell(width, height, text, align=align, **moves)

    def paragraph(self, text: str, style: str = "", indent: float = 0) -> None:
        self.set_font(FAMILY, style, TEXT_PT)
        self.set_x(self.l_margin + indent)
        self.block(self.epw - indent, LINE_MM, text, Align.J, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def items(self, lines: tuple[str, ...], indent: float = 8) -> None:
        """A numbered list: (1), (2), …"""
        for number, line in enumerate(lines, start=1):
            self.paragraph(f"({number}) {line}", indent=indent)

    def signatures(self, *blocks: tuple[str, str, str], aside: tuple[str, ...] = ()) -> None:
        """Side by side, each (heading, hint, name): the name under room for a signature.
        A single signer signs on the right half; ``aside`` (the "Nơi nhận" list of a
        letter) then goes on the left."""
        self.ln(6)
        if self.will_page_break(45):
            self.add_page()
        count = max(len(blocks), 2)
        width = self.epw / count
        top = self.get_y()
        if aside:
            self.set_font(FAMILY, "I", 10)
            for line in aside:
                self.cell(width, 4.6, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for index, (heading, hint, name) in enumerate(blocks, start=count - len(blocks)):
            left = self.l_margin + index * width
            self.set_xy(left, top)
            self.set_font(FAMILY, "B", TEXT_PT)
            self.block(width, LINE_MM, heading, Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.set_font(FAMILY, "I", 11)
            self.block(width, 5, hint, Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.set_xy(left, self.get_y() + 20)
            self.set_font(FAMILY, "B", TEXT_PT)
            self.block(width, LINE_MM, name, Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)

    def _balanced(self, title: str) -> str:
        """A title too long for one line, broken into two of like length (no lone word)."""
        if self.get_string_width(title) <= self.epw - 2 * self.c_margin:
            return title
        words = title.split()
        cuts = range(1, len(words))
        best = min(
            cuts,
            key=lambda cut: max(
                self.get_string_width(" ".join(words[:cut])),
                self.get_string_width(" ".join(words[cut:])),
            ),
        )
        return f"{' '.join(words[:best])}\n{' '.join(words[best:])}"

    def _rule(self, centre: float, y: float, length: float) -> None:
        self.set_line_width(0.3)
        self.line(centre - length / 2, y, centre + length / 2, y)

    def pdf(self) -> bytes:
        return bytes(self.output(output_producer_class=EmbeddedFaces))


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("a form's issued_at must carry its time zone")
    return at
