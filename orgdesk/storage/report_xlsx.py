"""The annual report as one Excel workbook: a sheet per section, 汇总 first.

Every sheet is written with `xlsx_export.write_table` (Chinese headers, frozen
header, widths that fit, numbers as numbers, dates as dates, ID numbers as
text).  A section without data gets a sheet that says so in words.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from orgdesk.domain.report import AnnualReport, ReportSection
from orgdesk.storage.xlsx_export import save_workbook, set_cell, write_table

NOTE_HEADER = "说明"
TITLE_FONT = Font(bold=True, size=12)


def write_report_xlsx(report: AnnualReport, path: Path) -> None:
    wb = Workbook()
    default = wb.active
    for section in report.sections:
        ws = wb.create_sheet(section.title)
        write_section(ws, section)
    if default is not None:
        wb.remove(default)
    save_workbook(wb, path)


def write_section(ws: Worksheet, section: ReportSection) -> None:
    if not section.available:
        write_table(ws, (NOTE_HEADER,), [(section.note,)])
        return
    count = write_table(ws, section.headers, section.rows, text_columns=section.text_columns)
    freeze, autofilter = ws.freeze_panes, ws.auto_filter.ref
    row = count + 3
    if section.note:
        set_cell(ws.cell(row=row, column=1), section.note)
        row += 2
    for table in section.tables:
        widths = _widths(ws)
        title = ws.cell(row=row, column=1)
        set_cell(title, table.title)
        title.font = TITLE_FONT
        written = write_table(ws, table.headers, table.rows, start_row=row + 1)
        if not written:
            set_cell(ws.cell(row=row + 2, column=1), "（无）")
            written = 1
        for letter, width in widths.items():
            dim = ws.column_dimensions[letter]
            dim.width = max(width, dim.width or 0)
        row += written + 4
    ws.freeze_panes = freeze
    ws.auto_filter.ref = autofilter


def _widths(ws: Worksheet) -> dict[str, float]:
    return {
        get_column_letter(c): ws.column_dimensions[get_column_letter(c)].width or 0
        for c in range(1, ws.max_column + 1)
    }
