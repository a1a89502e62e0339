"""Writing tables to Excel the way clerks expect them.

Chinese headers in bold, a frozen header row, an autofilter, widths that fit
(CJK counts double), numbers as numbers, dates as dates, ID numbers as text,
and any text that looks like a formula (`=HYPERLINK(...)`) stored as text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from orgdesk.storage.files import atomic_path
from orgdesk.testhooks import hold

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
MAX_WIDTH = 60


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def set_cell(cell: Cell, value: Any, *, as_text: bool = False) -> None:
    """Store `value` with the right type; text is never interpreted as a formula."""
    if value is None:
        cell.value = None
    elif isinstance(value, datetime):
        cell.value = value
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, bool):
        cell.value = "是" if value else "否"
    elif isinstance(value, int | float) and not as_text:
        cell.value = value
    else:
        text = _clean(str(value))
        cell.value = text
        cell.data_type = "s"  # even "=HYPERLINK(...)" stays text
        if as_text:
            cell.number_format = "@"


def _clean(text: str) -> str:
    """Drop characters an .xlsx cannot hold (control characters, lone surrogates,
    U+FFFE/U+FFFF): any of them makes the whole file unreadable."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n"
        or (unicodedata.category(ch) not in ("Cc", "Cs") and ch not in "\ufffe\uffff")
    )


def write_table(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    text_columns: Iterable[str] = (),
    start_row: int = 1,
) -> int:
    """Write a header row and the data rows; returns the number of data rows."""
    text_idx = {headers.index(h) for h in text_columns if h in headers}
    widths = [display_width(h) + 2 for h in headers]
    for column, header in enumerate(headers, start=1):
        cell = ws.cell(row=start_row, column=column, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
    count = 0
    for count, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=start_row + count, column=column)
            set_cell(cell, value, as_text=(column - 1) in text_idx)
            shown = (
                f"{value:%Y-%m-%d}"
                if isinstance(value, date)
                else ""
                if value is None
                else str(value)
            )
            widths[column - 1] = max(widths[column - 1], min(display_width(shown) + 2, MAX_WIDTH))
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    if headers:
        last = get_column_letter(len(headers))
        ws.auto_filter.ref = f"A{start_row}:{last}{start_row + max(count, 1)}"
    return count


def save_workbook(wb: Workbook, path: Path) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written file."""
    with atomic_path(path) as tmp:
        wb.save(tmp)
        hold("xlsx-written")
