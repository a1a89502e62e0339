"""The shared list model: what a cell shows, how a clicked header sorts, colours and tips."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from orgdesk.ui.list_model import SORT_ROLE, Column, RowsModel

Display = Qt.ItemDataRole.DisplayRole


@dataclass
class Row:
    name: str
    score: float | None
    on: date | None
    done: bool


ROWS = [
    Row("乙", 9.5, date(2026, 3, 1), True),
    Row("甲", None, None, False),
    Row("丙", 10.25, date(2025, 12, 31), False),
]
COLUMNS: list[Column[Row]] = [
    Column("姓名", lambda r: r.name, tooltip=lambda r: f"{r.name}的记录"),
    Column("得分", lambda r: r.score),
    Column("日期", lambda r: r.on),
    Column("完成", lambda r: r.done, background=lambda r: "#e3f4e1" if r.done else None),
]


def texts(model: RowsModel[Row], column: int) -> list[str]:
    return [model.data(model.index(r, column), Display) for r in range(model.rowCount())]


def test_cells_sorting_and_colours(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model: RowsModel[Row] = RowsModel(COLUMNS, row_tooltip=lambda r: "整行")
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    assert texts(model, 1) == ["9.5", "", "10.25"]  # the service's order, no trailing zeros
    assert texts(model, 2) == ["2026-03-01", "", "2025-12-31"]
    assert texts(model, 3) == ["是", "否", "否"]
    assert model.data(model.index(0, 1), SORT_ROLE) == 9.5
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) is not None

    model.sort(1, Qt.SortOrder.AscendingOrder)  # numbers by value (9.5 < 10.25), empty last
    assert [r.name for r in model.rows] == ["乙", "丙", "甲"]
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert [r.name for r in model.rows] == ["丙", "乙", "甲"]
    model.set_rows(list(reversed(ROWS)))  # a refresh keeps the clerk's order
    assert [r.name for r in model.rows] == ["丙", "乙", "甲"]

    done = model.data(model.index(1, 3), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(done, QBrush) and done.color().name() == "#e3f4e1"
    assert model.data(model.index(0, 3), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "丙的记录"
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) == "整行"
