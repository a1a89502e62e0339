"""Free text typed or imported by people: limits and characters we refuse.

Control characters, bidirectional overrides and lone surrogates break Excel
files, XML (.lrmx), SQLite's UTF-8 and what the clerk sees, so they are
refused with the position named, never stored; every text has a length limit.
Text that *looks* like a formula (`=HYPERLINK(...)`) is fine: it stays text
everywhere (storage.xlsx_export writes it as a string).
"""

from __future__ import annotations

import re
import unicodedata

from orgdesk.domain.errors import FieldProblem

SHORT_TEXT = 200  # one-line fields
LONG_TEXT = 5000  # notes, summaries, comments

_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_NONCHARACTERS = {"\ufffe", "\uffff"}


# Every character `bad_character` could refuse: control (Cc), surrogate (Cs), bidi, nonchar.
_SUSPECT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff" + "".join(sorted(_BIDI)) + "]")


def bad_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """(1-based position, description) of the first character we refuse, or None."""
    if _SUSPECT.search(text) is None:  # the common case, decided in C (imports check 10,000s)
        return None
    allowed = "\n\r\t" if multiline else ""
    for position, ch in enumerate(text, start=1):
        if ch in allowed:
            continue
        category = unicodedata.category(ch)
        if category == "Cc":
            return position, f"控制字符 U+{ord(ch):04X}"
        if category == "Cs":
            return position, "无效的字符编码"
        if ch in _BIDI:
            return position, f"文字方向控制符 U+{ord(ch):04X}"
        if ch in _NONCHARACTERS:
            return position, f"非法字符 U+{ord(ch):04X}"
    return None


def check_text(
    label: str,
    text: str,
    *,
    limit: int = SHORT_TEXT,
    multiline: bool = False,
    row: int | None = None,
) -> list[FieldProblem]:
    """Problems with one free-text value (too long, or a character we refuse)."""
    problems: list[FieldProblem] = []
    if len(text) > limit:
        problems.append(FieldProblem(label, f"过长（最多 {limit} 个字，现有 {len(text)} 个）", row))
    found = bad_character(text, multiline=multiline)
    if found is not None:
        position, what = found
        problems.append(
            FieldProblem(label, f"第 {position} 个字符是{what}，不能保存，请删除后重试", row)
        )
    return problems


def clean_line(text: str) -> str:
    """Strip and drop refused characters (for search boxes, never for stored data)."""
    return "".join(ch for ch in text if bad_character(ch) is None).strip()
