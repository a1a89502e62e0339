"""Reading clerks' Excel files: forgiving about layout, strict about truth.

Headers are matched by name in any order, with synonyms, ignoring spaces and
full-/half-width differences; the header row may sit under a title row.  Rows
come back with their Excel row numbers so every message can name "第 N 行".
A file that is not a readable .xlsx gets one clear Chinese sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.normalize import normalize_header

HEADER_SEARCH_ROWS = 10


class ImportFileError(OrgDeskError):
    """The file as a whole cannot be used (not an .xlsx, no such sheet, no header row)."""


@dataclass(frozen=True)
class ColumnSpec:
    field: str
    header: str
    synonyms: tuple[str, ...] = ()
    required: bool = False

    def names(self) -> set[str]:
        return {normalize_header(n) for n in (self.header, *self.synonyms)}


@dataclass
class SheetTable:
    sheet: str
    header_row: int  # as Excel numbers it
    columns: dict[str, int]  # field → 0-based column index
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    unknown_headers: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # field → header text as in the file
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (kept, repeated) headers

    def column_name(self, key: str) -> str:
        """The column as the clerk sees it, e.g. "公民身份号码"."""
        return self.headers.get(key, key)


def open_workbook(path: Path) -> CalamineWorkbook:
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"找不到文件：{path}")
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several types for bad files
        raise ImportFileError(
            f"无法读取 {path.name}：它不是有效的 Excel .xlsx 文件（可能已损坏，或是 .xls/.csv/.wps 文件，"
            "请在 Excel 中“另存为” .xlsx 后再导入）"
        ) from exc


def read_table(
    path: Path,
    columns: Sequence[ColumnSpec],
    *,
    sheet: str | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> SheetTable:
    """Read the first sheet (or `sheet`) whose header row matches `columns`."""
    book = open_workbook(path)
    names = book.sheet_names
    if sheet is not None and sheet not in names:
        raise ImportFileError(
            f"{Path(path).name} 中没有名为「{sheet}」的工作表（现有：{'、'.join(names)}）"
        )
    candidates = [sheet] if sheet is not None else names
    best: SheetTable | None = None
    best_values: list[list[Any]] = []
    for name in candidates:
        try:
            values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise ImportFileError(f"无法读取工作表「{name}」：文件可能已损坏") from exc
        table = _locate_header(name, values, columns)
        if table is None:
            continue
        if best is None or len(table.columns) > len(best.columns):
            best = table
            best_values = values
        if len(table.columns) == len(columns):
            break
    if best is None:
        wanted = "、".join(c.header for c in columns if c.required) or columns[0].header
        raise ImportFileError(
            f"{Path(path).name} 中找不到表头行（前 {HEADER_SEARCH_ROWS} 行里没有「{wanted}」等列名）"
        )
    missing = [c.header for c in columns if c.required and c.field not in best.columns]
    if missing:
        raise ImportFileError(f"工作表「{best.sheet}」缺少必需的列：{'、'.join(missing)}")
    if best.duplicates:
        # Two columns for one field: which one is true cannot be known, so neither is guessed.
        pairs = "；".join(f"「{a}」与「{b}」" for a, b in best.duplicates)
        raise ImportFileError(
            f"工作表「{best.sheet}」第 {best.header_row} 行有重复的列：{pairs}，请删除其中一列"
        )
    data = best_values[best.header_row :]
    total = len(data)
    for offset, raw in enumerate(data):
        row_number = best.header_row + offset + 1
        record = {f: raw[i] if i < len(raw) else None for f, i in best.columns.items()}
        if all(_blank(v) for v in record.values()):
            continue
        best.rows.append((row_number, record))
        if progress is not None and offset % 500 == 0 and not progress(offset, total):
            break
    return best


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _locate_header(
    sheet: str, values: list[list[Any]], columns: Sequence[ColumnSpec]
) -> SheetTable | None:
    lookup: dict[str, str] = {}
    for spec in columns:
        for n in spec.names():
            lookup[n] = spec.field
    best: SheetTable | None = None
    for index, row in enumerate(values[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        texts: dict[str, str] = {}
        unknown: list[str] = []
        twice: list[tuple[str, str]] = []
        for column, cell in enumerate(row):
            if _blank(cell):
                continue
            key = lookup.get(normalize_header(str(cell)))
            if key is not None and key not in found:
                found[key] = column
                texts[key] = str(cell).strip()
            elif key is not None:
                twice.append((texts[key], str(cell).strip()))
            else:
                unknown.append(str(cell).strip())
        if found and (best is None or len(found) > len(best.columns)):
            best = SheetTable(
                sheet, index + 1, found, unknown_headers=unknown, headers=texts, duplicates=twice
            )
    return best
