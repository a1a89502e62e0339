"""Pieces every 交流轮岗 page uses: a small list table model, a cadre picker, the actor."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QTableView,
    QWidget,
)

from orgdesk.services.rotation_data import CadreChoice

AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
RED = "#fde2e1"
YELLOW = "#fff4cc"
GREEN = "#e3f4e1"
GREY = "#eeeeee"


def current_actor() -> str:
    """Who is at the keyboard (the login name) until the accounts module lands."""
    try:
        return getpass.getuser()
    except Exception:  # no login name on some kiosk setups
        return "经办人"


def fmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool):
        return "是" if value else ""
    return str(value)


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], object]
    sort: Callable[[Any], Any] | None = None
    width: int = 100
    background: Callable[[Any], str | None] | None = None
    tooltip: Callable[[Any], str | None] | None = None


class RowsModel(QAbstractTableModel):
    """A short list of dataclass rows (hundreds, not thousands), sorted in memory.

    Every value a cell shows is computed once when rows are set, so `data()`
    costs a dictionary lookup and never touches the database.
    """

    def __init__(
        self,
        columns: Sequence[Column],
        parent: Any = None,
        *,
        row_background: Callable[[Any], str | None] | None = None,
        row_tooltip: Callable[[Any], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self._text: list[list[str]] = []
        self._row_background = row_background
        self._row_tooltip = row_tooltip
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        """New rows in the service's order, or in the clerk's once a header was clicked."""
        self.beginResetModel()
        self._rows = list(rows)
        self._text = [[fmt(c.value(r)) for c in self.columns] for r in self._rows]
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self.columns = list(columns)
        self._sort = None
        self._text = [[fmt(c.value(r)) for c in self.columns] for r in self._rows]
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row(self, index: int) -> Any:
        return self._rows[index] if 0 <= index < len(self._rows) else None

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
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[index.row()][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = column.background(row) if column.background else None
            if colour is None and self._row_background is not None:
                colour = self._row_background(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = column.tooltip(row) if column.tooltip else None
            if tip is None and self._row_tooltip is not None:
                tip = self._row_tooltip(row)
            return tip
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else self._text[index.row()][index.column()]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort(column, order)
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        spec = self.columns[column]
        key = spec.sort or (lambda r: fmt(spec.value(r)))
        pairs = list(zip(self._rows, self._text, strict=True))
        pairs.sort(
            key=lambda p: _none_last(key(p[0])), reverse=order == Qt.SortOrder.DescendingOrder
        )
        self._rows = [p[0] for p in pairs]
        self._text = [p[1] for p in pairs]


def _none_last(value: Any) -> tuple[int, Any]:
    return (1, "") if value is None or value == "" else (0, value)


def make_view(model: QAbstractTableModel, *, stretch_last: bool = True) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    if isinstance(model, RowsModel):
        for i, c in enumerate(model.columns):
            view.setColumnWidth(i, c.width)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep the service's order
    view.setSortingEnabled(True)
    return view


def selected_row(view: QTableView) -> Any:
    model = view.model()
    index = view.currentIndex()
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if rows:
        index = rows[0]
    if not index.isValid():
        return None
    if isinstance(model, QSortFilterProxyModel):
        index = model.mapToSource(index)
        model = model.sourceModel()
    return model.row(index.row()) if isinstance(model, RowsModel) else None


def select_where(view: QTableView, test: Callable[[Any], bool]) -> bool:
    model = view.model()
    if not isinstance(model, RowsModel):
        return False
    for i, r in enumerate(model.rows()):
        if test(r):
            view.selectRow(i)
            view.scrollTo(model.index(i, 0))
            return True
    return False


class CadrePicker(QComboBox):
    """Type part of a name to find a cadre; `cadre_id()` is None until one is chosen."""

    def __init__(self, choices: Sequence[CadreChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.addItem("", None)
        for c in choices:
            self.addItem(c.label, c.id)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText("输入姓名查找")
        self.setMinimumWidth(220)

    def cadre_id(self) -> int | None:
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(text)
        if index < 0:  # typed a bare name: accept it when it is unique
            hits = [i for i in range(self.count()) if self.itemText(i).split("（")[0] == text]
            index = hits[0] if len(hits) == 1 else -1
        data = self.itemData(index) if index >= 0 else None
        return data if isinstance(data, int) else None

    def set_cadre_id(self, cadre_id: int | None) -> None:
        index = self.findData(cadre_id)
        self.setCurrentIndex(index if index >= 0 else 0)
