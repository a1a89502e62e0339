"""Read-only table models for the 年度考核 tab.

A department has hundreds of cadres, not tens of thousands: each model holds
the rows one service call returned (plain dataclasses) and never queries from
`data()`.  Columns are (header, getter) pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

AnyIndex = QModelIndex | QPersistentModelIndex
Column = tuple[str, Callable[[Any], Any]]
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

GRADE_COLOURS = {
    "优秀": QBrush(QColor("#fdecea")),
    "基本称职": QBrush(QColor("#fff4cc")),
    "不称职": QBrush(QColor("#e8e8e8")),
}


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool):
        return "是" if value else ""
    return str(value)


class RowsModel(QAbstractTableModel):
    def __init__(
        self,
        columns: Sequence[Column],
        *,
        brush: Callable[[Any], QBrush | None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []
        self._brush = brush

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def row(self, index: int) -> Any:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    @property
    def rows(self) -> list[Any]:
        return self._rows

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0] if 0 <= section < len(self._columns) else None
        return str(section + 1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(self._columns[index.column()][1](row))
        if role == SORT_ROLE:
            return self._columns[index.column()][1](row)
        if role == Qt.ItemDataRole.BackgroundRole and self._brush is not None:
            return self._brush(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            value = self._columns[index.column()][1](row)
            if isinstance(value, int | float) and not isinstance(value, bool):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
