"""Writing SVG elements with every attribute and text escaped.

Colours go in presentation attributes: the pages' Content-Security-Policy forbids
inline styles, and the diagrams must read the same when saved on their own.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup, escape

INK = "#1b1b1b"
FONT = "DejaVu Sans, Arial, sans-serif"


def tag(name: str, attributes: Mapping[str, object], content: str = "") -> str:
    """``<name a="v">content</name>``; ``font_size`` is written ``font-size``. ``content``
    is already markup: build it from :func:`tag` and :func:`text`."""
    written = "".join(
        f' {key.replace("_", "-")}="{escape(value)}"' for key, value in attributes.items()
    )
    return f"<{name}{written}>{content}</{name}>"


def text(x: float, y: float, words: str, **attributes: object) -> str:
    return tag("text", {"x": x, "y": y, "fill": INK, **attributes}, str(escape(words)))


def title(words: str) -> str:
    """A tooltip, and the accessible name of the element it is in."""
    return tag("title", {}, str(escape(words)))


def document(width: float, height: float, labelled_by: str, content: str, css_class: str) -> Markup:
    """An ``<svg>`` for inline use, announced as one image named by ``labelled_by``."""
    svg = tag(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": css_class,
            "role": "img",
            "aria_labelledby": labelled_by,
            "width": width,
            "height": height,
            "viewBox": f"0 0 {width} {height}",
            "font_family": FONT,
            "font_size": 12,
        },
        content,
    )
    return Markup(svg)  # every text and attribute in it went through escape()
