"""One read-only table model for the short lists the tabs show.

Training sittings, rotation plans, appraisal sheets …: tens to a few hundred rows
(at most a few thousand), each a plain dataclass one service call returned.  The
model holds them, sorts them in memory when the clerk clicks a header (and keeps that
order across refreshes), and `data()` never touches the database.  The long, paged
lists — roster, ledger, audit — have models of their own (`ui/paged.py`).
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
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the raw value, for QSortFilterProxyModel
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's position in the model
Colour = str | QBrush | None  # "#fde2e1", a brush, or no colour
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column(Generic[T]):
    """A column: its header, how a row gives its value, and optionally how it sorts,
    what colour and tooltip a cell gets.  Numbers are right-aligned."""

    header: str
    value: Callable[[T], Any]
    width: int = 90
    numeric: bool = False  # right-align even when the value is text ("85.5 分")
    sort: Callable[[T], Any] | None = None
    background: Callable[[T], Colour] | None = None
    tooltip: Callable[[T], str | None] | None = None


ColumnLike = Column[Any] | tuple[str, Callable[[Any], Any]]


def shown(value: Any) -> str:
    """A value as a cell shows it: dates ISO, 是/否, numbers without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def sort_key(value: Any) -> tuple[int, Any]:
    """Empty cells last; numbers, dates and a column's own sort tuples by value;
    everything else by its text."""
    if value is None or value == "":
        return (1, "")
    if isinstance(value, int | float | date | tuple):
        return (0, value)
    return (0, str(value))


def _brush(colour: Colour) -> QBrush | None:
    if colour is None or isinstance(colour, QBrush):
        return colour
    return QBrush(QColor(colour))


def _column(spec: ColumnLike) -> Column[Any]:
    return spec if isinstance(spec, Column) else Column(spec[0], spec[1])


class RowsModel(QAbstractTableModel, Generic[T]):
    def __init__(
        self,
        columns: Sequence[ColumnLike],
        parent: Any = None,
        *,
        row_background: Callable[[T], Colour] | None = None,
        row_tooltip: Callable[[T], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns: list[Column[Any]] = [_column(c) for c in columns]
        self._rows: list[T] = []
        self._sorted: tuple[int, Qt.SortOrder] | None = None
        self._row_background = row_background
        self._row_tooltip = row_tooltip

    # -- the page's questions ----------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        """New rows in the service's order, or in the clerk's once a header was clicked."""
        self.beginResetModel()
        self._rows = list(rows)
        self._apply_sort()
        self.endResetModel()

    def set_columns(self, columns: Sequence[ColumnLike]) -> None:
        self.beginResetModel()
        self.columns = [_column(c) for c in columns]
        self._sorted = None
        self.endResetModel()

    @property
    def rows(self) -> list[T]:
        return list(self._rows)

    def row(self, index: int) -> T | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

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
            return column.sort(row) if column.sort else column.value(row)
        if role == ROW_ROLE:
            return index.row()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            value = column.value(row)
            number = isinstance(value, int | float) and not isinstance(value, bool)
            return RIGHT if column.numeric or number else None
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = column.background(row) if column.background else None
            if colour is None and self._row_background is not None:
                colour = self._row_background(row)
            return _brush(colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = column.tooltip(row) if column.tooltip else None
            if tip is None and self._row_tooltip is not None:
                tip = self._row_tooltip(row)
            return tip
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
        spec = self.columns[column]
        key = spec.sort or spec.value
        self._rows.sort(
            key=lambda r: sort_key(key(r)), reverse=order == Qt.SortOrder.DescendingOrder
        )
