"""The regex fast path of `bad_character` never lets a refused character through."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from orgdesk.domain.text import _BIDI, _NONCHARACTERS, bad_character


def _slow(text: str, multiline: bool) -> int | None:
    allowed = "\n\r\t" if multiline else ""
    for position, ch in enumerate(text, start=1):
        if ch in allowed:
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI or ch in _NONCHARACTERS:
            return position
    return None


@given(st.text(alphabet=st.characters(), max_size=40), st.booleans())
def test_fast_path_agrees_with_a_character_by_character_scan(text: str, multiline: bool) -> None:
    found = bad_character(text, multiline=multiline)
    assert (found[0] if found else None) == _slow(text, multiline)


def test_every_control_and_surrogate_character_is_refused() -> None:
    for code in range(0x110000):
        ch = chr(code)
        if unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\r\t":
            assert bad_character(f"a{ch}b") == (2, bad_character(ch)[1])  # type: ignore[index]
