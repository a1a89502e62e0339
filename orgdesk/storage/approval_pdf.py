"""The 干部任免审批表 printed the familiar way: A4, page 1 the bordered table with the
photo box and 简历, page 2 奖惩 / 年度考核 / 任免理由 / family / signatures.

Drawn on the canvas cell by cell (not flowables) because the form is a fixed
grid: every text shrinks to fit its cell rather than moving the lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from orgdesk.domain.approval_document import ApprovalDocument
from orgdesk.domain.approval_form import age_on, parse_month, parse_resume
from orgdesk.domain.normalize import DateParseError, parse_loose_date
from orgdesk.storage.files import atomic_write_bytes
from orgdesk.storage.pdf_fonts import register_cjk_font

PAGE_W, PAGE_H = A4
LEFT = 22 * mm
WIDTH = PAGE_W - 2 * LEFT
TOP = PAGE_H - 32 * mm
BOTTOM = 22 * mm
FAMILY_ROWS = 7  # the printed table has at least this many rows
BODY_SIZE = 11.5


@dataclass(frozen=True)
class Box:
    x: float
    y: float  # bottom
    w: float
    h: float


class _Sheet:
    """A canvas with the one font and the helpers the form needs."""

    def __init__(self, canvas: Canvas) -> None:
        self.c = canvas
        self.font = register_cjk_font()
        canvas.setLineWidth(0.9)

    def rect(self, b: Box) -> None:
        self.c.rect(b.x, b.y, b.w, b.h, stroke=1, fill=0)

    def frame(self, top: float, bottom: float) -> None:
        """The heavier outer border of the printed form."""
        self.c.saveState()
        self.c.setLineWidth(1.8)
        self.c.rect(LEFT, bottom, WIDTH, top - bottom, stroke=1, fill=0)
        self.c.restoreState()

    def title(self, text: str, y: float) -> None:
        self.c.saveState()
        self.c.setFont(self.font, 22)
        self.c.setLineWidth(0.5)
        t = self.c.beginText()
        t.setTextRenderMode(2)  # fill + stroke: the font has no bold face
        t.setFont(self.font, 22)
        width = stringWidth(text, self.font, 22)
        t.setTextOrigin((PAGE_W - width) / 2, y)
        t.textOut(text)
        self.c.drawText(t)
        self.c.restoreState()

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for ch in paragraph:
                if line and stringWidth(line + ch, self.font, size) > width:
                    lines.append(line)
                    line = ch
                else:
                    line += ch
            lines.append(line)
        return lines

    def text(
        self,
        b: Box,
        text: str,
        *,
        size: float = BODY_SIZE,
        align: str = "center",
        valign: str = "middle",
        pad: float = 1.6 * mm,
        min_size: float = 5.5,
    ) -> None:
        """Write `text` inside `b`, shrinking it until it fits."""
        text = text.strip("\n")
        if not text:
            return
        while True:
            lines = self.wrap(text, b.w - 2 * pad, size)
            leading = size * 1.3
            if len(lines) * leading <= b.h - pad or size <= min_size:
                break
            size -= 0.5
        block = len(lines) * leading
        top = b.y + b.h - pad - size
        y = top if valign == "top" else b.y + (b.h + block) / 2 - size * 1.08
        self.c.setFont(self.font, size)
        for line in lines:
            if align == "center":
                self.c.drawCentredString(b.x + b.w / 2, y, line)
            else:
                self.c.drawString(b.x + pad, y, line)
            y -= leading

    def label(self, b: Box, text: str, size: float = 12) -> None:
        """A heading cell: centred, each line spaced out like the printed form."""
        self.text(b, text, size=size, pad=1.2 * mm, min_size=7)

    def vertical(self, b: Box, text: str, size: float = 13, per_line: int = 1) -> None:
        """Characters stacked top to bottom (简历, 家庭主要成员…), `per_line` across."""
        rows = [text[i : i + per_line] for i in range(0, len(text), per_line)]
        leading = min(size * 1.6, (b.h - 4 * mm) / max(len(rows), 1))
        size = min(size, leading / 1.15)
        y = b.y + (b.h + len(rows) * leading) / 2 - leading + (leading - size) / 2
        self.c.setFont(self.font, size)
        for row in rows:
            self.c.drawCentredString(b.x + b.w / 2, y + size * 0.12, row)
            y -= leading

    def stamp(self, b: Box, text: str = "", date_line: bool = True) -> None:
        """An opinion cell: text at the top, （盖章） and 年 月 日 at the bottom right."""
        self.text(Box(b.x, b.y + 16 * mm, b.w, b.h - 16 * mm), text, align="left", valign="top")
        self.c.setFont(self.font, 11)
        right = b.x + b.w - 6 * mm
        self.c.drawRightString(right - 6 * mm, b.y + 11 * mm, "（盖章）")
        if date_line:
            self.c.drawRightString(right, b.y + 4 * mm, "年      月      日")


def _dotted(text: str) -> str:
    """198503 → 1985.03; anything else as written."""
    return f"{text[:4]}.{text[4:6]}" if re.fullmatch(r"\d{6}(\d{2})?", text) else text


def _age(birth_text: str, at_text: str) -> int | None:
    try:
        birth = parse_month(birth_text)
        at = parse_loose_date(at_text) if at_text else date.today()
    except DateParseError:
        return None
    return age_on(birth, at) if birth else None


def _two(first: str, second: str) -> str:
    """学历/学位 or their schools: one line when they say the same thing."""
    if not second or second == first:
        return first
    if not first:
        return second
    return f"{first}\n{second}"


def _page_one(s: _Sheet, doc: ApprovalDocument) -> None:
    g = doc.get
    s.title("干 部 任 免 审 批 表", PAGE_H - 24 * mm)
    cols = [20, 24, 20, 22, 22, 27]
    xs = [LEFT]
    for w in cols:
        xs.append(xs[-1] + w * mm)
    photo_x = xs[-1]
    right = LEFT + WIDTH
    row_h = [13.5 * mm] * 4
    ys = [TOP]
    for h in row_h:
        ys.append(ys[-1] - h)

    def cell(col: int, row: int, span: int = 1) -> Box:
        return Box(xs[col], ys[row + 1], xs[col + span] - xs[col], ys[row] - ys[row + 1])

    age = _age(g("ChuShengNianYue"), g("JiSuanNianLingShiJian"))
    birth = _dotted(g("ChuShengNianYue")) + (f"\n（{age}岁）" if age is not None else "")
    grid = [
        [("姓  名", g("XingMing")), ("性  别", g("XingBie")), ("出生年月\n（  岁）", birth)],
        [("民  族", g("MinZu")), ("籍  贯", g("JiGuan")), ("出 生 地", g("ChuShengDi"))],
        [
            ("入  党\n时  间", _dotted(g("RuDangShiJian"))),
            ("参加工\n作时间", _dotted(g("CanJiaGongZuoShiJian"))),
            ("健  康\n状  况", g("JianKangZhuangKuang")),
        ],
    ]
    for r, triples in enumerate(grid):
        for k, (head, value) in enumerate(triples):
            s.rect(cell(2 * k, r))
            s.label(cell(2 * k, r), head)
            s.rect(cell(2 * k + 1, r))
            s.text(cell(2 * k + 1, r), value)
    # Row 4: 专业技术职务 (value over two columns) and 熟悉专业有何专长 (value over two).
    for box, text, is_label in (
        (cell(0, 3), "专业技\n术职务", True),
        (cell(1, 3, 2), g("ZhuanYeJiShuZhiWu"), False),
        (cell(3, 3), "熟悉专业\n有何专长", True),
        (cell(4, 3, 2), g("ShuXiZhuanYeYouHeZhuanChang"), False),
    ):
        s.rect(box)
        (s.label if is_label else s.text)(box, text)
    photo = Box(photo_x, ys[4], right - photo_x, TOP - ys[4])
    s.rect(photo)
    _photo(s, photo, doc.photo)

    # 学历学位: two rows of 全日制教育 / 在职教育.
    y = ys[4]
    edu_h = 15 * mm
    s.rect(Box(xs[0], y - 2 * edu_h, xs[1] - xs[0], 2 * edu_h))
    s.label(Box(xs[0], y - 2 * edu_h, xs[1] - xs[0], 2 * edu_h), "学  历\n学  位")
    for k, (head, prefix) in enumerate(
        (("全日制\n教  育", "QuanRiZhi"), ("在  职\n教  育", "ZaiZhi"))
    ):
        top = y - k * edu_h
        boxes = (
            (Box(xs[1], top - edu_h, xs[2] - xs[1], edu_h), head, True),
            (
                Box(xs[2], top - edu_h, xs[4] - xs[2], edu_h),
                _two(g(f"{prefix}JiaoYu_XueLi"), g(f"{prefix}JiaoYu_XueWei")),
                False,
            ),
            (Box(xs[4], top - edu_h, xs[5] - xs[4], edu_h), "毕业院校\n系及专业", True),
            (
                Box(xs[5], top - edu_h, right - xs[5], edu_h),
                _two(
                    g(f"{prefix}JiaoYu_XueLi_BiYeYuanXiaoXi"),
                    g(f"{prefix}JiaoYu_XueWei_BiYeYuanXiaoXi"),
                ),
                False,
            ),
        )
        for i, (box, text, is_label) in enumerate(boxes):
            s.rect(box)
            if is_label:
                s.label(box, text)
            else:
                s.text(box, text, align="left" if i == 3 else "center")
    y -= 2 * edu_h

    for head, element in (
        ("现 任 职 务", "XianRenZhiWu"),
        ("拟 任 职 务", "NiRenZhiWu"),
        ("拟 免 职 务", "NiMianZhiWu"),
    ):
        h = 12 * mm
        s.rect(Box(xs[0], y - h, xs[2] - xs[0], h))
        s.label(Box(xs[0], y - h, xs[2] - xs[0], h), head)
        s.rect(Box(xs[2], y - h, right - xs[2], h))
        s.text(Box(xs[2], y - h, right - xs[2], h), g(element), align="left")
        y -= h

    s.rect(Box(xs[0], BOTTOM, xs[1] - xs[0], y - BOTTOM))
    s.vertical(Box(xs[0], BOTTOM, xs[1] - xs[0], y - BOTTOM), "简　　　历", size=13)
    resume = Box(xs[1], BOTTOM, right - xs[1], y - BOTTOM)
    s.rect(resume)
    _resume(s, resume, g("JianLi"))
    s.frame(TOP, BOTTOM)


def _photo(s: _Sheet, box: Box, photo: bytes | None) -> None:
    if not photo:
        return
    inset = 1.5 * mm
    try:
        s.c.drawImage(
            ImageReader(BytesIO(photo)),
            box.x + inset,
            box.y + inset,
            box.w - 2 * inset,
            box.h - 2 * inset,
            preserveAspectRatio=True,
            anchor="c",
        )
    except Exception:  # a damaged picture must not stop the form from printing
        s.text(box, "（照片无法显示）", size=9)


def _resume(s: _Sheet, box: Box, text: str) -> None:
    """简历 with a hanging indent: the dates in their own column, the text beside them."""
    pad = 3 * mm
    try:
        entries = parse_resume(text)
    except ValueError:
        s.text(box, text, align="left", valign="top", size=11)
        return
    size = 11.5
    while True:
        date_w = stringWidth("0000.00--0000.00  ", s.font, size)
        text_w = box.w - 2 * pad - date_w
        rows: list[tuple[str, str]] = []
        for e in entries:
            end = f"{e.end:%Y.%m}" if e.end else ""
            head = f"{e.start:%Y.%m}--{end}"
            for i, line in enumerate(s.wrap(e.text, text_w, size)):
                rows.append((head if i == 0 else "", line))
            for remark in e.remarks:
                rows.extend(("", line) for line in s.wrap(remark, text_w, size))
        leading = size * 1.55
        if len(rows) * leading <= box.h - 2 * pad or size <= 6:
            break
        size -= 0.5
    s.c.setFont(s.font, size)
    y = box.y + box.h - pad - size
    for head, line in rows:
        if head:
            s.c.drawString(box.x + pad, y, head)
        s.c.drawString(box.x + pad + date_w, y, line)
        y -= leading


def _page_two(s: _Sheet, doc: ApprovalDocument) -> None:
    g = doc.get
    right = LEFT + WIDTH
    label_w = 20 * mm
    y = page_top = PAGE_H - 20 * mm
    for head, element, h in (
        ("奖\n惩\n情\n况", "JiangChengQingKuang", 34 * mm),
        ("年度\n考核\n结果", "NianDuKaoHeJieGuo", 24 * mm),
        ("任\n免\n理\n由", "RenMianLiYou", 24 * mm),
    ):
        s.rect(Box(LEFT, y - h, label_w, h))
        s.label(Box(LEFT, y - h, label_w, h), head)
        s.rect(Box(LEFT + label_w, y - h, WIDTH - label_w, h))
        s.text(
            Box(LEFT + label_w, y - h, WIDTH - label_w, h), g(element), align="left", valign="top"
        )
        y -= h

    heads = (("称 谓", 17), ("姓  名", 21), ("年龄", 13), ("政治\n面貌", 19))
    row_h = 10.5 * mm
    members = doc.family
    n = max(FAMILY_ROWS, len(members))
    row_h = min(row_h, 95 * mm / (n + 1))
    table_h = row_h * (n + 1)
    s.rect(Box(LEFT, y - table_h, label_w, table_h))
    s.vertical(Box(LEFT, y - table_h, label_w, table_h), "家庭主要成员及重要社会关系", 12, 2)
    xs = [LEFT + label_w]
    for _, w in heads:
        xs.append(xs[-1] + w * mm)
    xs.append(right)
    titles = [h for h, _ in heads] + ["工 作 单 位 及 职 务"]
    for k, title in enumerate(titles):
        box = Box(xs[k], y - row_h, xs[k + 1] - xs[k], row_h)
        s.rect(box)
        s.label(box, title, size=11.5)
    at = g("JiSuanNianLingShiJian")
    for r in range(n):
        m = members[r] if r < len(members) else {}
        age = _age(m.get("ChuShengRiQi", ""), at) if m else None
        values = [
            m.get("ChengWei", ""),
            m.get("XingMing", ""),
            "" if age is None else str(age),
            m.get("ZhengZhiMianMao", ""),
            m.get("GongZuoDanWeiJiZhiWu", ""),
        ]
        row_top = y - row_h * (r + 1)
        for k, value in enumerate(values):
            box = Box(xs[k], row_top - row_h, xs[k + 1] - xs[k], row_h)
            s.rect(box)
            s.text(box, value, size=10.5, align="left" if k == 4 else "center")
    y -= table_h

    h = 30 * mm
    s.rect(Box(LEFT, y - h, label_w, h))
    s.label(Box(LEFT, y - h, label_w, h), "呈\n报\n单\n位")
    s.rect(Box(LEFT + label_w, y - h, WIDTH - label_w, h))
    s.stamp(Box(LEFT + label_w, y - h, WIDTH - label_w, h), g("ChengBaoDanWei"))
    y -= h

    h = y - BOTTOM - 8 * mm
    half = (WIDTH - 2 * label_w) / 2
    for k, head in enumerate(("审\n批\n机\n关\n意\n见", "行\n政\n机\n关\n任\n免\n意\n见")):
        x = LEFT + k * (label_w + half)
        s.rect(Box(x, y - h, label_w, h))
        s.label(Box(x, y - h, label_w, h), head)
        s.rect(Box(x + label_w, y - h, half, h))
        s.stamp(Box(x + label_w, y - h, half, h))
    s.frame(page_top, y - h)
    s.c.setFont(s.font, 11)
    s.c.drawString(LEFT, y - h - 6 * mm, f"填表人：{g('TianBiaoRen')}")
    filled = _dotted(g("TianBiaoShiJian")[:6]) if g("TianBiaoShiJian") else ""
    s.c.drawRightString(right, y - h - 6 * mm, f"填表时间：{filled}")


def approval_pdf_bytes(doc: ApprovalDocument) -> bytes:
    out = BytesIO()
    c = Canvas(out, pagesize=A4)
    c.setTitle(f"干部任免审批表 {doc.get('XingMing')}")
    c.setAuthor("OrgDesk")
    sheet = _Sheet(c)
    _page_one(sheet, doc)
    c.showPage()
    sheet.c.setLineWidth(0.9)
    _page_two(sheet, doc)
    c.showPage()
    c.save()
    return out.getvalue()


def write_approval_pdf(doc: ApprovalDocument, path: Path) -> None:
    """Write atomically: a crash leaves either the old file or the complete new one."""
    atomic_write_bytes(path, approval_pdf_bytes(doc))
