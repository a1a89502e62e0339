"""The CJK font for every PDF: the same bundled file the window uses, embedded.

reportlab reads TrueType (and .ttc collections), not CFF/OTF, hence WenQuanYi
Zen Hei, which covers CJK Ext-A (䶮).  `font_for_text` tells which registered
font has every character, so callers can fall back instead of printing boxes.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from orgdesk.paths import cjk_font_path

CJK_FONT = "OrgDeskCJK"


@cache
def register_cjk_font() -> str:
    """Register the bundled font once; returns its reportlab name."""
    pdfmetrics.registerFont(TTFont(CJK_FONT, str(cjk_font_path()), subfontIndex=0))
    return CJK_FONT


def has_glyphs(font_name: str, text: str) -> bool:
    font = pdfmetrics.getFont(font_name)
    char_map = getattr(getattr(font, "face", None), "charToGlyph", None)
    if char_map is None:
        return True
    return all(ord(ch) in char_map or ch in "\n\r\t " for ch in text)
