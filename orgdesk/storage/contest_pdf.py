"""The 公示 notice as an A4 PDF with the embedded CJK font (rare characters included).

Written to a temporary file beside the target and renamed, so a failed export
never leaves half a PDF where the clerk expects the notice.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from orgdesk.storage.errors import StorageError
from orgdesk.storage.pdf_fonts import register_cjk_font


@dataclass(frozen=True)
class NoticeLayout:
    title: str
    paragraphs: Sequence[str]
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    after: Sequence[str]
    issuer: str
    issued_on: str


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_notice_pdf(layout: NoticeLayout, path: Path) -> None:
    font = register_cjk_font()
    title = ParagraphStyle(
        "title", fontName=font, fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=8 * mm
    )
    body = ParagraphStyle(
        "body", fontName=font, fontSize=12, leading=21, firstLineIndent=24, wordWrap="CJK"
    )
    cell = ParagraphStyle(
        "cell", fontName=font, fontSize=10, leading=13, alignment=TA_CENTER, wordWrap="CJK"
    )
    right = ParagraphStyle("right", fontName=font, fontSize=12, leading=21, alignment=TA_RIGHT)

    story: list = [Paragraph(_escape(layout.title), title)]
    story += [Paragraph(_escape(p), body) for p in layout.paragraphs]
    story.append(Spacer(1, 4 * mm))
    data = [[Paragraph(_escape(h), cell) for h in layout.headers]]
    data += [[Paragraph(_escape(v), cell) for v in row] for row in layout.rows]
    widths: list[float] = [28, 18, 12, 20, 20, 20, 31, 21]
    if len(widths) != len(layout.headers):
        widths = [170 / max(len(layout.headers), 1)] * len(layout.headers)
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 4 * mm))
    story += [Paragraph(_escape(p), body) for p in layout.after]
    story.append(Spacer(1, 10 * mm))
    story.append(Paragraph(_escape(layout.issuer), right))
    if layout.issued_on:
        story.append(Paragraph(_escape(layout.issued_on), right))

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".orgdesk-", suffix=".pdf", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise StorageError(f"无法写入 {path.parent}：{exc.strerror or exc}") from exc
    try:
        doc = SimpleDocTemplate(
            tmp,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=25 * mm,
            bottomMargin=20 * mm,
            title=layout.title,
            author=layout.issuer,
        )
        doc.build(story)
        os.replace(tmp, path)
    except PermissionError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StorageError(f"无法写入 {path}：文件可能正在其他程序中打开，请关闭后重试") from exc
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StorageError(f"无法写入 {path}：{exc.strerror or exc}") from exc
