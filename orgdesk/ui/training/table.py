"""A read-only table model over a list of plain rows, for the training pages.

The training lists are per year and per sitting (tens to a few hundred rows),
so the model holds the rows the service returned and sorts them in memory;
`data()` never touches the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3

RED = QBrush(QColor("#fde2e1"))
YELLOW = QBrush(QColor("#fff4cc"))
GREEN = QBrush(QColor("#e3f4e1"))
GREY = QBrush(QColor("#eeeeee"))


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    value: Callable[[T], Any]
    width: int = 90
    numeric: bool = False


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class RowsModel(QAbstractTableModel, Generic[T]):
    def __init__(
        self,
        columns: Sequence[Column[T]],
        parent: Any = None,
        *,
        background: Callable[[T], QBrush | None] | None = None,
        tooltip: Callable[[T], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[T] = []
        self._sorted: tuple[int, Qt.SortOrder] | None = None
        self._background = background
        self._tooltip = tooltip

    # -- the view's questions ----------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(column.value(row))
        if role == SORT_ROLE:
            return column.value(row)
        if role == ROW_ROLE:
            return index.row()
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self._background is not None:
            return self._background(row)
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltip is not None:
            return self._tooltip(row)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self._sorted is None:
            return
        column, order = self._sorted
        getter = self.columns[column].value
        self._rows.sort(
            key=lambda r: _sort_key(getter(r)), reverse=order == Qt.SortOrder.DescendingOrder
        )

    # -- the page's questions ----------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._apply_sort()  # a header the clerk clicked keeps its order across refreshes
        self.endResetModel()

    @property
    def rows(self) -> list[T]:
        return list(self._rows)

    def row(self, index: int) -> T | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (1, "")
    if isinstance(value, int | float | date):
        return (0, value)
    return (0, str(value))
