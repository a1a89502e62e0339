"""CJK text for reportlab with per-character font fallback.

A name such as 𠀀 (CJK Ext-B) is not in WenQuanYi: instead of letting the
character vanish, each string is cut into runs, every run drawn with the first
font that has all its characters.  Fonts, in order of preference:

* body (正文, 仿宋-style where available): Windows FangSong / SimSun, else
  AR PL UMing (宋体-style, Debian fonts-arphic-uming), else the bundled font;
* heading (标题): Windows SimHei, else the bundled WenQuanYi Zen Hei (黑体);
* fallbacks for rare characters: the bundled font, Windows SimSun-ExtB /
  MingLiU-ExtB, HanaMinA/HanaMinB (Debian fonts-hanazono: all of Ext-A/B),
  AR PL UMing.  Fallback files are loaded only when a character needs them.

A character no font has is drawn as 〓 (the typesetter's mark for a missing
character) and reported in `missing`, never silently dropped.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from orgdesk.storage.pdf_fonts import register_cjk_font

MISSING_MARK = "〓"
NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)]%·…—")
_TOKEN = re.compile(r"[A-Za-z0-9@._%+\-/]+|.", re.S)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, but with UTF-16 surrogate pairs above U+FFFF.

    reportlab writes <20000> for 𠀀, which is not valid hex for a CMap, so text
    extraction, search and copy lose every CJK Ext-B character.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # looked up at call time by TTFont subsetting


@dataclass(frozen=True)
class FontFile:
    name: str
    path: Path
    index: int = 0


def _windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def _candidates(role: str) -> list[FontFile]:
    """Font files to try for `role`, best first (only those that exist are used)."""
    if sys.platform == "win32":
        win = _windows_fonts()
        table = {
            "body": [
                FontFile("OrgDeskFangSong", win / "simfang.ttf"),
                FontFile("OrgDeskSimSun", win / "simsun.ttc"),
            ],
            "heading": [FontFile("OrgDeskSimHei", win / "simhei.ttf")],
            "fallback": [
                FontFile("OrgDeskSimSun", win / "simsun.ttc"),
                FontFile("OrgDeskSimSunExtB", win / "simsunb.ttf"),
                FontFile("OrgDeskMingLiUExtB", win / "mingliub.ttc"),
            ],
        }
        return table[role]
    share = Path("/usr/share/fonts/truetype")
    table = {
        "body": [FontFile("OrgDeskUMing", share / "arphic" / "uming.ttc")],
        "heading": [],
        "fallback": [
            FontFile("OrgDeskHanaMinA", share / "hanazono" / "HanaMinA.ttf"),
            FontFile("OrgDeskHanaMinB", share / "hanazono" / "HanaMinB.ttf"),
            FontFile("OrgDeskUMing", share / "arphic" / "uming.ttc"),
        ],
    }
    return table[role]


@cache
def _register(font: FontFile) -> str | None:
    """Register a font file once; None when it cannot be read (then it is skipped)."""
    try:
        pdfmetrics.registerFont(TTFont(font.name, str(font.path), subfontIndex=font.index))
    except Exception:  # an unreadable or CFF-only file: try the next candidate
        return None
    return font.name


def _first_available(role: str) -> str | None:
    for font in _candidates(role):
        if font.path.exists() and _register(font):
            return font.name
    return None


def _char_map(font_name: str) -> dict[int, int]:
    font: Any = pdfmetrics.getFont(font_name)
    return font.face.charToGlyph


def _widths(font_name: str) -> tuple[dict[int, int], float]:
    font: Any = pdfmetrics.getFont(font_name)
    return font.face.charWidths, float(font.face.defaultWidth)


@dataclass
class Typesetter:
    """Fonts for one document, with fallback runs, widths and line wrapping."""

    main: str
    body: str
    heading: str
    fallback_files: list[FontFile]
    missing: set[str] = field(default_factory=set)
    _maps: dict[str, dict[int, int]] = field(default_factory=dict)
    _cw: dict[str, dict[str, float]] = field(default_factory=dict)
    _fallbacks: list[str] = field(default_factory=list)
    _loaded: int = 0
    _runs: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    _batch: Any = None  # the open text object of `one_text_object`, if any
    _ops: dict[tuple[str, float, str], str] = field(default_factory=dict)
    _ops_doc: Any = None  # the PDF document `_ops` was encoded for

    @classmethod
    def create(cls) -> Typesetter:
        main = register_cjk_font()
        body = _first_available("body") or main
        heading = _first_available("heading") or main
        files = [f for f in _candidates("fallback") if f.path.exists()]
        return cls(main=main, body=body, heading=heading, fallback_files=files)

    # -- which font draws which character ------------------------------------------------
    def _map(self, font: str) -> dict[int, int]:
        found = self._maps.get(font)
        if found is None:
            found = self._maps[font] = _char_map(font)
        return found

    def _fallback_fonts(self) -> Iterator[str]:
        yield self.main
        yield from self._fallbacks
        while self._loaded < len(self.fallback_files):
            name = _register(self.fallback_files[self._loaded])
            self._loaded += 1
            if name and name not in self._fallbacks and name != self.main:
                self._fallbacks.append(name)
                yield name

    def font_for(self, ch: str, font: str) -> str | None:
        code = ord(ch)
        if code in self._map(font) or ch in " \t":
            return font
        for other in self._fallback_fonts():
            if code in self._map(other):
                return other
        return None

    def runs(self, text: str, font: str) -> list[tuple[str, str]]:
        """[(font, text)] covering `text`; characters no font has become 〓."""
        key = (text, font)
        cached = self._runs.get(key)
        if cached is not None:
            return cached
        char_map = self._map(font)
        if all(ord(ch) in char_map for ch in text):
            result = [(font, text)]
        else:
            result = []
            for ch in text:
                chosen = self.font_for(ch, font)
                if chosen is None:
                    self.missing.add(ch)
                    chosen, ch = font, MISSING_MARK
                if result and result[-1][0] == chosen:
                    result[-1] = (chosen, result[-1][1] + ch)
                else:
                    result.append((chosen, ch))
        if len(self._runs) < 50_000:
            self._runs[key] = result
        return result

    # -- measuring and drawing -----------------------------------------------------------
    def _char_widths(self, font: str) -> dict[str, float]:
        """Advance widths (1/1000 em) by character, for the characters `font` itself draws."""
        found = self._cw.get(font)
        if found is None:
            table, default = _widths(font)
            found = self._cw[font] = {chr(c): float(table.get(c, default)) for c in self._map(font)}
        return found

    def _run_width(self, run: str, font: str) -> float:
        cw = self._char_widths(font)
        total = 0.0
        for ch in run:
            w = cw.get(ch)
            total += w if w is not None else cw.get(MISSING_MARK, 1000.0)
        return total

    def width(self, text: str, font: str, size: float) -> float:
        cw = self._char_widths(font)
        try:  # fast path: every character in the font itself
            return sum([cw[ch] for ch in text]) * size / 1000.0
        except KeyError:
            pass
        total = sum(self._run_width(run, run_font) for run_font, run in self.runs(text, font))
        return total * size / 1000.0

    @contextmanager
    def one_text_object(self, canvas: Any) -> Iterator[None]:
        """Within the block, `draw` on `canvas` adds to one BT…ET text object.

        A page of many short strings (a form's values) then costs one text
        object instead of one per string, and each run's PDF encoding is reused
        when the same run comes again in the same document.
        """
        t = canvas.beginText(0, 0)
        self._batch = t
        try:
            yield
        finally:
            self._batch = None
            canvas.drawText(t)

    def _encoded(self, t: Any, run: str, font: str, size: float) -> str:
        """`t._formatText(run)` (font subsets assigned, text escaped), cached per document.

        The encoding depends only on font, size and text once the characters have
        their subset slots, which the first call assigns in this document.
        """
        doc = t._canvas._doc
        if doc is not self._ops_doc:
            self._ops, self._ops_doc = {}, doc
        key = (font, size, run)
        code = self._ops.get(key)
        if code is None:
            code = t._formatText(run)
            if len(self._ops) < 50_000:
                self._ops[key] = code
        return code

    def draw(self, canvas: Any, x: float, y: float, text: str, font: str, size: float) -> None:
        """Draw `text` with its baseline at y."""
        runs = self.runs(text, font)
        t = self._batch
        if t is not None and t._canvas is canvas:
            t.setTextOrigin(x, y)
            for run_font, run in runs:
                t.setFont(run_font, size)  # resets the subset, so the cached code sets it
                t._code.append(self._encoded(t, run, run_font, size))
            return
        if len(runs) == 1:
            canvas.setFont(runs[0][0], size)
            canvas.drawString(x, y, runs[0][1])
            return
        # One text object for all runs, so that extractors read one word, not one per font.
        t = canvas.beginText(x, y)
        for run_font, run in runs:
            t.setFont(run_font, size)
            t.textOut(run)
        canvas.drawText(t)

    def draw_centred(
        self, canvas: Any, cx: float, y: float, text: str, font: str, size: float
    ) -> None:
        self.draw(canvas, cx - self.width(text, font, size) / 2, y, text, font, size)

    def draw_bold(
        self, canvas: Any, cx: float, y: float, text: str, font: str, size: float
    ) -> None:
        """A bold title even with a single-weight font: fill and stroke the glyphs."""
        canvas.saveState()
        canvas.setLineWidth(size * 0.035)
        x = cx - self.width(text, font, size) / 2
        for run_font, run in self.runs(text, font):
            t = canvas.beginText(x, y)
            t.setTextRenderMode(2)
            t.setFont(run_font, size)
            t.textOut(run)
            canvas.drawText(t)
            x += self._run_width(run, run_font) * size / 1000.0
        canvas.restoreState()

    def markup(self, text: str, font: str) -> str:
        """Paragraph markup: escaped text, fallback runs wrapped in <font name=…>."""
        parts = []
        for run_font, run in self.runs(text, font):
            chunk = escape(run).replace("\n", "<br/>")
            parts.append(chunk if run_font == font else f'<font name="{run_font}">{chunk}</font>')
        return "".join(parts)

    def wrap(self, text: str, font: str, size: float, width: float) -> list[str]:
        """Lines that fit `width`; CJK breaks anywhere except before closing punctuation."""
        limit = width * 1000.0 / size
        cw = self._char_widths(font)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for token in _TOKEN.findall(paragraph):
                w = cw.get(token) if len(token) == 1 else None
                if w is None:
                    w = self.width(token, font, 1000.0)
                if line and used + w > limit and token[0] not in NO_LINE_START:
                    lines.append(line)
                    line, used = "", 0.0
                    if token == " ":
                        continue
                line += token
                used += w
            lines.append(line)
        return lines
