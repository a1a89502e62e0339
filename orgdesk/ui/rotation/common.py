"""Pieces every 交流轮岗 page uses: a table view, a cadre picker, the actor."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QTableView,
    QWidget,
)

from orgdesk.services.rotation_data import CadreChoice
from orgdesk.ui.list_model import Column, RowsModel
from orgdesk.ui.widgets import signed_in_name

__all__ = ["Column", "RowsModel"]  # the rotation pages' table model is the shared one

RED = "#fde2e1"
YELLOW = "#fff4cc"
GREEN = "#e3f4e1"
GREY = "#eeeeee"


def current_actor() -> str:
    """Who is at the keyboard: the signed-in OrgDesk user (the login name if nobody is)."""
    name = signed_in_name()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name on some kiosk setups
        return "经办人"


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
    for i, r in enumerate(model.rows):
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
