"""选择人员: search the active roster (name, pinyin initials, 身份证号) and pick one."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgdesk.services.roster import RosterFilter, RosterQuery
from orgdesk.storage.database import Database
from orgdesk.ui.roster_model import RosterModel


class CadrePickerDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("选择人员")
        self.resize(760, 480)
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入姓名、拼音首字母或身份证号")
        self.search.setClearButtonEnabled(True)
        self.model = RosterModel(RosterQuery(db), self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("选定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._enter)
        self.view.doubleClicked.connect(lambda _i: self.accept_current())
        self.chosen: tuple[int, str] | None = None

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(RosterFilter(text=self.search.text()))
        if self.model.rowCount():
            self.view.selectRow(0)

    def _enter(self) -> None:
        self.apply_filter()
        if self.model.rowCount() == 1:
            self.accept_current()

    def accept_current(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        index = rows[0] if rows else self.view.currentIndex()
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        if row is None:
            return
        self.chosen = (row.id, f"{row.name}（{row.section} {row.post_title}）")
        self.accept()

    @classmethod
    def choose(cls, db: Database, parent: QWidget | None = None) -> tuple[int, str] | None:
        dialog = cls(db, parent)
        return dialog.chosen if dialog.exec() else None
