"""The forms of Circular 03/2025 as A4 PDFs, drawn with fpdf2 in Debian's DejaVu Serif."""
