"""Pieces every training page uses: a table view, a form dialog, a Chinese error box."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.ui.training.table import RowsModel
from orgdesk.ui.widgets import ErrorLabel


def make_table(model: Any, widths: list[int] | None = None, *, multi: bool = True) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    if isinstance(model, RowsModel):
        widths = widths or [c.width for c in model.columns]
    for column, width in enumerate(widths or []):
        view.setColumnWidth(column, width)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)  # rows keep the service's order until a header is clicked
    return view


def selected_rows(view: QTableView) -> list[int]:
    rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
    if not rows and view.currentIndex().isValid():
        rows = [view.currentIndex().row()]
    return rows


def selected_items(view: QTableView) -> list[Any]:
    model = view.model()
    assert isinstance(model, RowsModel)
    return [r for r in (model.row(i) for i in selected_rows(view)) if r is not None]


def button(text: str, slot: Callable[[], Any], tip: str = "") -> QPushButton:
    b = QPushButton(text)
    b.clicked.connect(lambda _=False: slot())
    if tip:
        b.setToolTip(tip)
    return b


def show_error(parent: QWidget, exc: Exception, title: str = "未完成") -> None:
    QMessageBox.warning(parent, title, str(exc))


def run_action(parent: QWidget, action: Callable[[], Any]) -> bool:
    """Run a service call; a refusal is shown in Chinese and changes nothing."""
    try:
        action()
    except OrgDeskError as exc:
        show_error(parent, exc)
        return False
    return True


class FormDialog(QDialog):
    """A small form: fields in a QFormLayout, problems listed above the buttons.

    Subclasses fill `self.form` and implement `submit()`, which calls the service
    and may raise `ValidationFailed`; the dialog then stays open with what was typed.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.summary = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.saved_id: int | None = None
        self.finished.connect(self.deleteLater)  # one dialog per click; do not pile them up

    def submit(self) -> int | None:
        raise NotImplementedError

    def _accept(self) -> None:
        try:
            self.saved_id = self.submit()
        except ValidationFailed as exc:
            lines = [str(p) for p in exc.problems]
            self.summary.show_message(f"有 {len(lines)} 处需要修改，未保存：\n" + "\n".join(lines))
            return
        except (OrgDeskError, ValueError) as exc:
            self.summary.show_message(str(exc))
            return
        self.accept()


def confirm(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(parent, "确认", text)
    return answer == QMessageBox.StandardButton.Yes
