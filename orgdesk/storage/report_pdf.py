"""The annual report as a PDF: the department summary with charts, then one form per cadre.

A4, in the spirit of GB/T 9704: a bold title, 黑体 chapter headings, a
仿宋/宋体-style body where such a font exists, page numbers as «— n —» at the
foot, every font embedded (reportlab subsets TrueType fonts into the file).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from orgdesk.domain.report import AnnualReport, KeyFigure, PersonForm, ReportSection
from orgdesk.domain.report import Table as DataTable
from orgdesk.storage.files import atomic_path
from orgdesk.storage.pdf_typeset import Typesetter
from orgdesk.storage.report_charts import chart_drawing
from orgdesk.storage.report_pdf_form import (
    FormLayout,
    draw_continuation,
    draw_form,
    layout_summary,
    summary_box,
)
from orgdesk.storage.xlsx_export import display_width
from orgdesk.testhooks import hold

PAGE_W, PAGE_H = A4
SUMMARY_MARGINS = (28 * mm, 26 * mm, 30 * mm, 28 * mm)  # left, right, top, bottom
FORM_MARGINS = (20 * mm, 20 * mm, 16 * mm, 18 * mm)
FORM_FRAME_H = PAGE_H - FORM_MARGINS[2] - FORM_MARGINS[3]
CHAPTERS = "一二三四五六七八九十"
PDF_ROWS_LIMIT = 200

PdfProgress = Callable[[int, int], bool]


class _Stop(Exception):
    pass


class TitleFlowable(Flowable):
    def __init__(self, ts: Typesetter, text: str, size: float) -> None:
        super().__init__()
        self.ts, self.text, self.size = ts, text, size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.aw = aw
        return aw, self.size * 1.6

    def draw(self) -> None:
        self.ts.draw_bold(
            self.canv, self.aw / 2, self.size * 0.4, self.text, self.ts.heading, self.size
        )


class FormFlowable(Flowable):
    """One person's form, filling a page."""

    def __init__(
        self,
        ts: Typesetter,
        form: PersonForm,
        year: int,
        layout: FormLayout,
        tick: Callable[[], None],
    ) -> None:
        super().__init__()
        self.ts, self.form, self.year, self.layout, self.tick = ts, form, year, layout, tick

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.aw = aw
        return aw, FORM_FRAME_H - 1  # the whole frame: the next form starts a new page

    def draw(self) -> None:
        self.tick()
        draw_form(
            self.canv, self.ts, self.form, self.year, 0, FORM_FRAME_H - 1, self.aw, self.layout
        )


class ContinuationFlowable(FormFlowable):
    def draw(self) -> None:
        draw_continuation(
            self.canv, self.ts, self.form, self.year, self.layout, 0, FORM_FRAME_H - 1, self.aw
        )


def write_report_pdf(
    report: AnnualReport,
    path: Path,
    *,
    forms_only: bool = False,
    progress: PdfProgress | None = None,
) -> str | None:
    """Write the PDF atomically; returns characters no font had ("" normally), None if cancelled."""
    ts = Typesetter.create()
    story: list[Any] = []
    if not forms_only:
        story += summary_story(report, ts)
        if report.forms:
            story += [NextPageTemplate("form"), PageBreak()]
    else:
        story.append(NextPageTemplate("form"))
    total = len(report.forms)
    done = [0]

    def tick() -> None:
        done[0] += 1
        if progress is not None and done[0] % 20 == 0 and not progress(done[0], total):
            raise _Stop

    text_w, text_h = summary_box(PAGE_W - FORM_MARGINS[0] - FORM_MARGINS[1])
    for form in report.forms:  # a form fills its frame: the next starts a new page
        layout = layout_summary(ts, form.self_summary or "（未填写）", text_w, text_h)
        story.append(FormFlowable(ts, form, report.year, layout, tick))
        if layout.rest:
            story.append(ContinuationFlowable(ts, form, report.year, layout, lambda: None))
    if not story or (forms_only and not report.forms):
        story.append(Paragraph("（无可打印的考核登记表）", _styles(ts)["body"]))

    try:
        with atomic_path(path) as tmp:
            doc = _document(str(tmp), report, ts, start_with_form=forms_only)
            doc.build(story)
            hold("pdf-written")
    except _Stop:
        return None
    if progress is not None:
        progress(total, total)
    return "".join(sorted(ts.missing))


def _document(
    target: str, report: AnnualReport, ts: Typesetter, *, start_with_form: bool
) -> BaseDocTemplate:
    def frame(margins: tuple[float, float, float, float], ident: str) -> Frame:
        left, right, top, bottom = margins
        return Frame(
            left, bottom, PAGE_W - left - right, PAGE_H - top - bottom, 0, 0, 0, 0, id=ident
        )

    def page_number(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        ts.draw_centred(canvas, PAGE_W / 2, 10 * mm, f"— {doc.page} —", ts.body, 11)
        canvas.restoreState()

    summary = PageTemplate("summary", [frame(SUMMARY_MARGINS, "s")], onPage=page_number)
    form = PageTemplate("form", [frame(FORM_MARGINS, "f")], onPage=page_number)
    templates = [form, summary] if start_with_form else [summary, form]
    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        pageTemplates=templates,
        title=f"{report.department}{report.year}年度工作报告",
        author=report.department,
        subject="年度考核与年度工作汇总",
        creator="OrgDesk 组工管理",
        initialFontName=ts.body,  # else every page names Helvetica, a font not embedded
        initialFontSize=12,
    )
    return doc


def _styles(ts: Typesetter) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body", fontName=ts.body, fontSize=12, leading=21, wordWrap="CJK", firstLineIndent=24
    )
    return {
        "body": body,
        "plain": ParagraphStyle("plain", parent=body, firstLineIndent=0),
        "cell": ParagraphStyle(
            "cell", fontName=ts.body, fontSize=9.5, leading=12.5, wordWrap="CJK"
        ),
        "head": ParagraphStyle(
            "head",
            fontName=ts.heading,
            fontSize=15,
            leading=24,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "sub": ParagraphStyle(
            "sub", fontName=ts.heading, fontSize=12, leading=18, spaceBefore=6, spaceAfter=3
        ),
        "centre": ParagraphStyle(
            "centre", parent=body, firstLineIndent=0, alignment=1, fontSize=12
        ),
        "right": ParagraphStyle("right", parent=body, firstLineIndent=0, alignment=2),
    }


def summary_story(report: AnnualReport, ts: Typesetter) -> list[Any]:
    st = _styles(ts)
    width = PAGE_W - SUMMARY_MARGINS[0] - SUMMARY_MARGINS[1]
    story: list[Any] = [
        Spacer(1, 6),
        TitleFlowable(ts, f"{report.department}{report.year}年度工作报告", 22),
        Paragraph(ts.markup("（年度考核与部机关工作情况汇总）", ts.body), st["centre"]),
        Paragraph(
            ts.markup(
                f"统计时段：{report.year}年1月1日至12月31日　　生成日期：{report.generated_on:%Y年%m月%d日}",
                ts.body,
            ),
            st["centre"],
        ),
        Spacer(1, 10),
    ]
    summary = report.section("summary")
    chapters = [s for s in report.sections if s.key != "summary"]
    story.append(Paragraph(f"{CHAPTERS[0]}、基本情况", st["head"]))
    count = summary.figure("年末在册人数")
    sections = summary.figure("科室数")
    story.append(
        Paragraph(
            ts.markup(
                f"截至{report.year}年12月31日，本部在册组工干部{count.value if count else 0}人，"
                f"分布在{sections.value if sections else 0}个科室（单位）。",
                ts.body,
            ),
            st["body"],
        )
    )
    for chart in summary.charts:
        story.append(chart_drawing(chart, ts, width, 170))
    for n, section in enumerate(chapters, start=1):
        story.append(Paragraph(f"{CHAPTERS[n % len(CHAPTERS)]}、{section.title}", st["head"]))
        story += section_story(section, ts, st, width)
    story += [
        Spacer(1, 36),
        Paragraph(ts.markup("部长（签字）：　　　　　　　　　　", ts.body), st["right"]),
        Spacer(1, 10),
        Paragraph(ts.markup("年　　月　　日", ts.body), st["right"]),
    ]
    return story


def section_story(
    section: ReportSection, ts: Typesetter, st: dict[str, ParagraphStyle], width: float
) -> list[Any]:
    if not section.available:
        return [Paragraph(ts.markup(section.note, ts.body), st["body"])]
    out: list[Any] = []
    sentence = _sentence(section)
    if sentence:
        out.append(Paragraph(ts.markup(sentence, ts.body), st["body"]))
    if section.figures:
        out.append(_figures_table(section.figures, ts, st, width))
    if section.note:
        out.append(Paragraph(ts.markup(section.note, ts.body), st["body"]))
    out += [chart_drawing(c, ts, width, 165) for c in section.charts]
    for table in section.tables:
        out += _data_table(table, ts, st, width)
    if section.rows_in_pdf and section.rows:
        shown = DataTable(f"{section.title}名单", section.headers, section.rows[:PDF_ROWS_LIMIT])
        out += _data_table(shown, ts, st, width)
    return out


def _sentence(section: ReportSection) -> str:
    f = {k.label: k.value for k in section.figures}
    if section.key == "evaluation":
        text = (
            f"本年度参加年度考核{f.get('参加考核人数', 0)}人，确定优秀{f.get('优秀', 0)}人"
            f"（占{f.get('优秀比例', 0)}%，名额上限{f.get('优秀名额上限', 0)}人）、"
            f"称职{f.get('称职', 0)}人、基本称职{f.get('基本称职', 0)}人、不称职{f.get('不称职', 0)}人"
        )
        if f.get("未定等次"):
            text += f"，尚有{f['未定等次']}人未确定等次"
        return text + (
            f"。连续多年优秀、推荐提拔{f.get('推荐提拔', 0)}人，列入调离审查{f.get('调离审查', 0)}人，"
            f"获得表彰奖励{f.get('获得表彰奖励', 0)}人次。"
        )
    if section.key == "movement":
        return (
            f"年初在册{f.get('年初在册人数', 0)}人，本年进入{f.get('本年进入人数', 0)}人，"
            f"调出{f.get('本年调出人数', 0)}人，年末在册{f.get('年末在册人数', 0)}人。"
        )
    return ""


def _figures_table(
    figures: tuple[KeyFigure, ...], ts: Typesetter, st: dict[str, ParagraphStyle], width: float
) -> Table:
    cells = [
        (
            Paragraph(ts.markup(f.label, ts.body), st["cell"]),
            Paragraph(ts.markup(f.shown(), ts.body), st["cell"]),
        )
        for f in figures
    ]
    rows = []
    for i in range(0, len(cells), 3):
        chunk = cells[i : i + 3]
        row: list[Any] = []
        for pair in chunk:
            row += list(pair)
        row += [""] * (6 - len(row))
        rows.append(row)
    t = Table(rows, colWidths=[width * 0.2, width * 0.1333] * 3)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), ts.body),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F3F4")),
                ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#F2F3F4")),
                ("BACKGROUND", (4, 0), (4, -1), colors.HexColor("#F2F3F4")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return t


def fit_columns(text_widths: list[int], width: float, unit: float = 5.0) -> list[float]:
    """Column widths in points: each as wide as its text (CJK = 2 units), short columns
    never squeezed; when the page is too narrow only the wide columns give way."""
    floor = 34.0
    needs = [min(max(w * unit + 14, floor), width * 0.35) for w in text_widths]
    excess = sum(needs) - width
    if excess < 0:
        return [n * width / sum(needs) for n in needs]
    flexible = sum(n - floor for n in needs if n > floor)
    if flexible <= excess:
        return [width / len(needs)] * len(needs)
    return [n - excess * (n - floor) / flexible if n > floor else n for n in needs]


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return str(value.strftime("%Y-%m-%d"))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _data_table(
    table: DataTable, ts: Typesetter, st: dict[str, ParagraphStyle], width: float
) -> list[Any]:
    title = Paragraph(ts.markup(table.title, ts.heading), st["sub"])
    if not table.rows:
        return [KeepTogether([title, Paragraph(ts.markup("（无）", ts.body), st["plain"])])]

    def cell(value: Any) -> Any:
        return Paragraph(ts.markup(cell_text(value), ts.body), st["cell"])

    head = [Paragraph(ts.markup(h, ts.heading), st["cell"]) for h in table.headers]
    data = [head] + [[cell(v) for v in row] for row in table.rows]

    def shown_width(value: Any) -> int:  # CJK counts double, like on paper
        return display_width(cell_text(value))

    weights = [
        max(shown_width(r[i]) for r in [table.headers, *table.rows[:50]])
        for i in range(len(table.headers))
    ]
    t = Table(data, colWidths=fit_columns(weights, width), repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), ts.body),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E5E8E8")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return [title, t] if len(table.rows) > 12 else [KeepTogether([title, t])]
