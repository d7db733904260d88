"""An A4 sheet with the pieces every form is made of: the letterhead, the title, labelled
facts, paragraphs and the signature blocks, set as Decree 30/2020's administrative style
asks (serif face, 13 pt text, margins 20/15/30/15 mm).

Nothing on it reads a clock or draws lots: its creation date is the form's own
``issued_at``, its producer a fixed name, so the same form gives the same bytes.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from application.forms.data import Form, Letterhead
from infrastructure.pdf.fonts import FAMILY, Typeface

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CIRCULAR = "Thông tư số 03/2025/TT-VPCP"
TEXT_PT = 12
LINE_MM = 6.2


class Sheet(FPDF):
    def __init__(self, form: Form, typeface: Typeface, landscape: bool = False) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4")
        for style, path in typeface.files.items():
            self.add_font(FAMILY, style, str(path))
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
            self.multi_cell(left_w, 5.2, text, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
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
        self.multi_cell(0, 7, title, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", TEXT_PT)
        for line in subtitles:
            self.multi_cell(0, LINE_MM, line, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)

    # -- the body ----------------------------------------------------------------------------

    def fact(self, label: str, value: str, strong: bool = False) -> None:
        """``label: value`` on one line, the value wrapping under itself."""
        self.set_font(FAMILY, "", TEXT_PT)
        self.set_x(self.l_margin)
        self.write(LINE_MM, f"{label}: ")
        self.set_font(FAMILY, "B" if strong else "", TEXT_PT)
        self.write(LINE_MM, value or "…")
        self.set_font(FAMILY, "", TEXT_PT)
        self.ln(LINE_MM)

    def paragraph(self, text: str, style: str = "", indent: float = 0) -> None:
        self.set_font(FAMILY, style, TEXT_PT)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent, LINE_MM, text, align=Align.J, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

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
            self.multi_cell(width, LINE_MM, heading, align=Align.C, new_x=XPos.LEFT)
            self.set_font(FAMILY, "I", 11)
            self.multi_cell(width, 5, hint, align=Align.C, new_x=XPos.LEFT)
            self.set_xy(left, self.get_y() + 20)
            self.set_font(FAMILY, "B", TEXT_PT)
            self.multi_cell(width, LINE_MM, name, align=Align.C, new_x=XPos.LEFT)

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
        return bytes(self.output())


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("a form's issued_at must carry its time zone")
    return at
