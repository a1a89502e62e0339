"""年度考核登记表: one ruled A4 form per cadre, drawn straight onto the canvas.

A fixed form is a grid, so it is drawn directly (no table layout engine).
What is the same on every form (title, rules, labels, signature lines) is drawn
once per document into a PDF form XObject that every page reuses; each page
then draws only the person's values, in one text object: 1,000 forms cost
little more than drawing their text.  The personal summary shrinks to fit its
box; what still does not fit continues on a 续页.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from orgdesk.domain.report import PersonForm
from orgdesk.storage.pdf_typeset import Typesetter

LABEL_SIZE = 11.0
VALUE_SIZE = 11.0
TEXT_SIZES = (11.0, 10.5, 10.0, 9.5, 9.0)
PAD = 5.0
OUTER = 1.2
INNER = 0.5
LABEL_W = 80.0
SIGN_GAP = "　" * 6
_LABELS: dict[tuple[str, float, float], list[tuple[float, float, str]]] = {}


def ym(day: date | None) -> str:
    return f"{day.year}.{day.month:02d}" if day else ""


def score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


@dataclass
class FormLayout:
    """Where the personal summary breaks: the lines on the form, the rest on a 续页."""

    size: float
    lines: list[str]
    rest: list[str]


class FormPainter:
    """Draws either the fixed part of the form (`fixed=True`: rules, labels, signature
    lines) or the person's part (`fixed=False`: values); the same layout code runs
    for both, so the two always line up."""

    def __init__(
        self, canvas: Any, ts: Typesetter, x: float, top: float, width: float, *, fixed: bool
    ) -> None:
        self.c = canvas
        self.ts = ts
        self.x = x
        self.top = top
        self.width = width
        self.fixed = fixed

    # -- primitives ----------------------------------------------------------------------
    def rect(self, x: float, y_top: float, w: float, h: float) -> None:
        if self.fixed:
            self.c.setLineWidth(INNER)
            self.c.rect(x, y_top - h, w, h, stroke=1, fill=0)

    def text(self, x: float, y: float, text: str, font: str, size: float) -> None:
        """A value's text (drawn only on the person's part)."""
        if not self.fixed:
            self.ts.draw(self.c, x, y, text, font, size)

    def label(self, x: float, y_top: float, w: float, h: float, text: str) -> None:
        self.rect(x, y_top, w, h)
        if not self.fixed:
            return
        ts = self.ts
        key = (text, w, h)
        placed = _LABELS.get(key)
        if placed is None:  # the same labels on every form: lay them out once
            lines = ts.wrap(text, ts.body, LABEL_SIZE, w - 2 * PAD)
            lead = LABEL_SIZE + 3
            stacked_lead = LABEL_SIZE * 1.9
            if len(text) <= 6 and h > len(text) * stacked_lead + 16:  # tall cell: stack
                lines, lead = list(text), stacked_lead
            block = lead * (len(lines) - 1) + LABEL_SIZE
            first = (h - block) / 2 + LABEL_SIZE * 0.86
            placed = [
                ((w - ts.width(line, ts.body, LABEL_SIZE)) / 2, first + i * lead, line)
                for i, line in enumerate(lines)
            ]
            _LABELS[key] = placed
        for dx, dy, line in placed:
            ts.draw(self.c, x + dx, y_top - dy, line, ts.body, LABEL_SIZE)

    def value(self, x: float, y_top: float, w: float, h: float, text: str, *, centre=True) -> None:
        self.rect(x, y_top, w, h)
        if self.fixed:
            return
        ts = self.ts
        size = VALUE_SIZE
        while size > 8 and ts.width(text, ts.body, size) > w - 2 * PAD:
            size -= 0.5
        y = y_top - h / 2 - size * 0.36
        if centre:
            ts.draw_centred(self.c, x + w / 2, y, text, ts.body, size)
        else:
            ts.draw(self.c, x + PAD, y, text, ts.body, size)

    def lines(self, x: float, y_top: float, lines: list[str], size: float) -> float:
        y = y_top - size - 3
        for line in lines:
            self.text(x, y, line, self.ts.body, size)
            y -= size + 4
        return y

    def paragraph(self, x: float, y_top: float, w: float, h: float, text: str) -> None:
        """Wrapped text in a box, shrunk if needed so it fits."""
        if self.fixed:
            return
        ts = self.ts
        for size in TEXT_SIZES:
            lines = ts.wrap(text, ts.body, size, w - 2 * PAD)
            if len(lines) * (size + 4) <= h - 2 * PAD:
                break
        self.lines(x + PAD, y_top - PAD + 2, lines[: int((h - PAD) // (size + 4))], size)

    def sign(self, x: float, y: float, w: float, who: str) -> None:
        if not self.fixed:
            return
        text = f"{who}{SIGN_GAP}　　年　　月　　日"
        self.ts.draw(
            self.c,
            x + w - self.ts.width(text, self.ts.body, 10.5) - 14,
            y,
            text,
            self.ts.body,
            10.5,
        )


def layout_summary(ts: Typesetter, text: str, width: float, height: float) -> FormLayout:
    for size in TEXT_SIZES:
        lines = ts.wrap(text, ts.body, size, width)
        if len(lines) * (size + 4) <= height:
            return FormLayout(size, lines, [])
    size = TEXT_SIZES[-1]
    lines = ts.wrap(text, ts.body, size, width)
    fit = max(1, int(height // (size + 4)) - 1)
    return FormLayout(size, [*lines[:fit], "（未完，续见续页）"], lines[fit:])


def summary_box(width: float) -> tuple[float, float]:
    """Text width and height available for 个人总结 on a form `width` wide."""
    return width - LABEL_W - 2 * PAD, SUMMARY_H - 2 * PAD - 26


SUMMARY_H = 228.0


def draw_form(
    canvas: Any,
    ts: Typesetter,
    form: PersonForm,
    year: int,
    x: float,
    top: float,
    width: float,
    layout: FormLayout | None = None,
) -> FormLayout:
    """Draw one 年度考核登记表 with its top-left corner at (x, top); returns the summary layout.

    The fixed part is a form XObject made on first use in the document (per year,
    position and width); the person's values are drawn over it in one text object.
    """
    name = f"OrgDeskForm{year}_{x:g}_{top:g}_{width:g}".replace(".", "p").replace("-", "m")
    if not canvas.hasForm(name):
        canvas.beginForm(name, -PAD, -PAD, x + width + PAD, top + PAD)
        _paint(FormPainter(canvas, ts, x, top, width, fixed=True), form, year, layout)
        canvas.endForm()
    canvas.doForm(name)
    with ts.one_text_object(canvas):
        return _paint(FormPainter(canvas, ts, x, top, width, fixed=False), form, year, layout)


def _paint(p: FormPainter, form: PersonForm, year: int, layout: FormLayout | None) -> FormLayout:
    canvas, ts, x, top, width = p.c, p.ts, p.x, p.top, p.width
    if p.fixed:
        ts.draw_bold(
            canvas, x + width / 2, top - 22, f"{year}年度组工干部考核登记表", ts.heading, 20
        )
        ts.draw(canvas, x, top - 46, "单位：县委组织部", ts.body, 10.5)
        right = f"考核年度：{year}年"
        ts.draw(canvas, x + width - ts.width(right, ts.body, 10.5), top - 46, right, ts.body, 10.5)

    y = top - 54
    grid_top = y
    v_w = width - LABEL_W
    cols = [LABEL_W, 88.0, 50.0, 82.0, 76.0]
    cols.append(width - sum(cols))
    h = 28.0

    def six(texts: tuple[str, str, str, str, str, str]) -> None:
        nonlocal y
        cx = x
        for i, (w, t) in enumerate(zip(cols, texts, strict=True)):
            (p.label if i % 2 == 0 else p.value)(cx, y, w, h, t)
            cx += w
        y -= h

    six(("姓　　名", form.name, "性别", form.sex, "出生年月", ym(form.birth)))
    six(
        (
            "政治面貌",
            form.political_status,
            "学历",
            form.education,
            "任现职时间",
            ym(form.in_post_since),
        )
    )
    p.label(x, y, LABEL_W, 32, "单位及\n职务职级")
    p.value(x + LABEL_W, y, v_w, 32, form.unit_and_post, centre=False)
    y -= 32
    p.label(x, y, LABEL_W, 40, "从事或\n分管工作")
    p.paragraph(x + LABEL_W, y, v_w, 40, form.duties)
    y -= 40

    p.label(x, y, LABEL_W, SUMMARY_H, "个人总结")
    p.rect(x + LABEL_W, y, v_w, SUMMARY_H)
    text_w, text_h = summary_box(width)
    layout = layout or layout_summary(ts, form.self_summary or "（未填写）", text_w, text_h)
    p.lines(x + LABEL_W + PAD, y - PAD + 2, layout.lines, layout.size)
    p.sign(x + LABEL_W, y - SUMMARY_H + 9, v_w, "本人签字：")
    y -= SUMMARY_H

    p.label(x, y, LABEL_W, 36, "参加培训情况")
    p.paragraph(x + LABEL_W, y, v_w, 36, form.training)
    y -= 36

    # 考核情况: a label spanning three rows of scores, votes and past grades.
    block = 3 * 26.0
    p.label(x, y, LABEL_W, block, "考核情况")
    sub = [62.0, 60.0, 76.0, 62.0, 64.0]
    sub.append(v_w - sum(sub))
    cx = x + LABEL_W
    texts = (
        "目标得分",
        score(form.target_score),
        "民主评议得分",
        score(form.vote_score),
        "综合得分",
        score(form.combined),
    )
    for i, (w, t) in enumerate(zip(sub, texts, strict=True)):
        (p.label if i % 2 == 0 else p.value)(cx, y, w, 26, t)
        cx += w
    y -= 26
    e, c, b, i_ = form.votes
    votes = f"优秀 {e} 票，称职 {c} 票，基本称职 {b} 票，不称职 {i_} 票；参评 {form.voters} 人"
    if form.voters == 0:
        votes = "未进行民主评议"
    p.label(x + LABEL_W, y, sub[0], 26, "评议票数")
    p.value(x + LABEL_W + sub[0], y, v_w - sub[0], 26, votes, centre=False)
    y -= 26
    past = "　".join(f"{yr}年 {g}" for yr, g in form.history if yr < year)[-80:]
    p.label(x + LABEL_W, y, sub[0], 26, "历年等次")
    p.value(x + LABEL_W + sub[0], y, v_w - sub[0], 26, past or "无", centre=False)
    y -= 26

    lead_h = 84.0
    p.label(x, y, LABEL_W, lead_h, "主管领导评语")
    p.rect(x + LABEL_W, y, v_w, lead_h)
    comment = form.leader_comment or "（未填写）"
    proposal = f"建议等次：{form.proposed or '—'}"
    p.lines(
        x + LABEL_W + PAD, y - PAD + 2, ts.wrap(comment, ts.body, 10.5, v_w - 2 * PAD)[:3], 10.5
    )
    p.text(x + LABEL_W + PAD, y - lead_h + 9, proposal, ts.body, 10.5)
    p.sign(x + LABEL_W, y - lead_h + 9, v_w, "签字：")
    y -= lead_h

    head_h = 100.0
    p.label(x, y, LABEL_W, head_h, "考核等次\n及部长意见")
    p.rect(x + LABEL_W, y, v_w, head_h)
    final = f"确定等次：{form.final or '未定'}"
    p.text(x + LABEL_W + PAD + 4, y - 24, final, ts.heading, 14)
    notes = []
    if form.final and form.proposed and form.final != form.proposed:
        notes.append(f"与建议等次「{form.proposed}」不同，理由：{form.final_reason}")
    if form.honours:
        notes.append(f"表彰奖励：{'、'.join(form.honours)}")
    text = "；".join(notes)
    p.lines(x + LABEL_W + PAD, y - 34, ts.wrap(text, ts.body, 10.5, v_w - 2 * PAD)[:3], 10.5)
    p.sign(x + LABEL_W, y - head_h + 9, v_w, "部长（签字）：")
    y -= head_h

    rest_h = REMARKS_H
    p.label(x, y, LABEL_W, rest_h, "备　　注")
    p.value(x + LABEL_W, y, v_w, rest_h, form.remarks, centre=False)
    y -= rest_h
    if p.fixed:
        canvas.setLineWidth(OUTER)
        canvas.rect(x, y, width, grid_top - y, stroke=1, fill=0)
    return layout


REMARKS_H = 30.0


def draw_continuation(
    canvas: Any,
    ts: Typesetter,
    form: PersonForm,
    year: int,
    layout: FormLayout,
    x: float,
    top: float,
    width: float,
) -> None:
    """续页: the rest of a long personal summary."""
    ts.draw_bold(
        canvas, x + width / 2, top - 22, f"{year}年度组工干部考核登记表（续页）", ts.heading, 16
    )
    ts.draw(canvas, x, top - 46, f"姓名：{form.name}　　个人总结（续）", ts.body, 10.5)
    canvas.setLineWidth(OUTER)
    height = min(len(layout.rest) * (layout.size + 4) + 2 * PAD + 8, top - 100)
    canvas.rect(x, top - 54 - height, width, height, stroke=1, fill=0)
    y = top - 54 - PAD - layout.size
    for line in layout.rest:
        ts.draw(canvas, x + PAD, y, line, ts.body, layout.size)
        y -= layout.size + 4
