"""年度交流计划 as files: an Excel workbook and a printable PDF, from `PlanReport` data."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from orgdesk.domain.rotation_plan import PlanReport
from orgdesk.storage.errors import StorageError
from orgdesk.storage.pdf_fonts import register_cjk_font
from orgdesk.storage.xlsx_export import save_workbook, set_cell, write_table

HEADERS = (
    "序号",
    "姓名",
    "现科室",
    "现职务",
    "拟任科室",
    "拟任职务",
    "职级",
    "生效日期",
    "调整理由",
    "检查意见",
)


def _status_line(report: PlanReport) -> str:
    parts = [f"状态：{report.status.value}", f"拟稿：{report.created_by or '—'}"]
    if report.approved_by:
        approved = f"{report.approved_on:%Y-%m-%d}" if report.approved_on else ""
        parts.append(f"审批：{report.approved_by} {approved}".strip())
    parts.append(f"共 {len(report.lines)} 人")
    return "　".join(parts)


def write_plan_xlsx(report: PlanReport, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "交流计划"
    set_cell(ws.cell(row=1, column=1), report.title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    set_cell(ws.cell(row=2, column=1), _status_line(report))
    rows = [
        (
            line.row,
            line.name,
            line.from_section,
            line.from_post,
            line.to_section,
            line.to_post,
            line.to_rank,
            line.effective,
            line.reason,
            line.remarks,
        )
        for line in report.lines
    ]
    write_table(ws, HEADERS, rows, start_row=3)
    for row in ws.iter_rows(min_row=4, min_col=9, max_col=10):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    checks = wb.create_sheet("检查结果")
    write_table(checks, ("检查结果",), [(c,) for c in report.conflicts] or [("未发现问题",)])
    save_workbook(wb, path)


def write_plan_pdf(report: PlanReport, path: Path) -> None:
    """A4 landscape, the bundled CJK font embedded; written atomically like the xlsx."""
    font = register_cjk_font()
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1)
    info = ParagraphStyle("info", fontName=font, fontSize=9, leading=13, alignment=1)
    cell = ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, alignment=1)
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13, wordWrap="CJK")

    def p(text: object, style: ParagraphStyle = cell) -> Paragraph:
        return Paragraph(_escape(str(text)), style)

    data = [[p(h, head) for h in HEADERS]]
    for line in report.lines:
        data.append(
            [
                p(line.row),
                p(line.name),
                p(line.from_section),
                p(line.from_post),
                p(line.to_section),
                p(line.to_post),
                p(line.to_rank),
                p(f"{line.effective:%Y-%m-%d}"),
                p(line.reason),
                p(line.remarks),
            ]
        )
    widths = [12, 18, 28, 18, 28, 18, 20, 22, 48, 60]
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE7F3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story = [
        Paragraph(_escape(report.title), title),
        Paragraph(_escape(_status_line(report)), info),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 5 * mm),
    ]
    if report.conflicts:
        story.append(Paragraph("检查结果：", body))
        story += [Paragraph(_escape(c), body) for c in report.conflicts]
        story.append(Spacer(1, 5 * mm))
    story.append(
        Paragraph(
            "拟稿人：____________　　部务会审议：____________　　"
            f"部长签批：____________　　打印日期：{report.printed_on:%Y-%m-%d}",
            body,
        )
    )
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
            pagesize=landscape(A4),
            leftMargin=12 * mm,
            rightMargin=12 * mm,
            topMargin=12 * mm,
            bottomMargin=12 * mm,
            title=report.title,
            author="OrgDesk",
        )
        doc.build(story)
        os.replace(tmp, path)
    except PermissionError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StorageError(f"无法写入 {path}：文件可能正在其他程序中打开，请关闭后重试") from exc
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StorageError(f"无法写入 {path}：{exc.strerror or exc}") from exc


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
