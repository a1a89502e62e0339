"""特邀监督员、研究员、评论员 rosters (R-TSK-7): list, add, edit, remove."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.ledger import INVITEE_ROLES
from orgdesk.domain.ledger_input import InviteeInput
from orgdesk.domain.normalize import DateParseError
from orgdesk.services.ledger_invitees import Invitee, delete_invitee, list_invitees, save_invitee
from orgdesk.storage.database import Database
from orgdesk.ui.widgets import DateField, ErrorLabel, set_combo_data

HEADERS = ("类别", "姓名", "工作单位", "职务", "联系电话", "聘任日期", "任期届满", "状态")


class InviteeForm(QDialog):
    def __init__(
        self, db: Database, invitee: Invitee | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.invitee = invitee
        self.setWindowTitle("特邀人员" if invitee is None else f"特邀人员 — {invitee.name}")
        self.role = QComboBox()
        for r in INVITEE_ROLES:
            self.role.addItem(r, r)
        self.name = QLineEdit()
        self.unit = QLineEdit()
        self.title = QLineEdit()
        self.phone = QLineEdit()
        self.appointed = DateField()
        self.term_end = DateField()
        self.active = QCheckBox("在聘")
        self.active.setChecked(True)
        self.error = ErrorLabel()
        if invitee is not None:
            set_combo_data(self.role, invitee.role)
            self.name.setText(invitee.name)
            self.unit.setText(invitee.unit)
            self.title.setText(invitee.title)
            self.phone.setText(invitee.phone)
            self.appointed.set_value(invitee.appointed_on)
            self.term_end.set_value(invitee.term_end)
            self.active.setChecked(invitee.active)
        form = QFormLayout()
        for label, widget in (
            ("类别", self.role),
            ("姓名 *", self.name),
            ("工作单位", self.unit),
            ("职务", self.title),
            ("联系电话", self.phone),
            ("聘任日期", self.appointed),
            ("任期届满", self.term_end),
            ("状态", self.active),
        ):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            appointed, term_end = self.appointed.value(), self.term_end.value()
        except DateParseError as exc:
            self.error.show_message(str(exc))
            return
        data = InviteeInput(
            role=self.role.currentData(),
            name=self.name.text(),
            unit=self.unit.text(),
            title=self.title.text(),
            phone=self.phone.text(),
            appointed_on=appointed,
            term_end=term_end,
            active=self.active.isChecked(),
            note=self.invitee.note if self.invitee else "",
        )
        try:
            save_invitee(self.db, data, self.invitee.id if self.invitee else None)
        except ValidationFailed as exc:
            self.error.show_message("\n".join(str(p) for p in exc.problems))
            return
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.accept()


class InviteesDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("特邀监督员、研究员、评论员名册")
        self.resize(860, 480)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("新增(&N)")
        self.edit_button = QPushButton("编辑(&E)")
        self.delete_button = QPushButton("删除(&D)")
        close = QPushButton("关闭")
        bar = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(bar)
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.selected()))
        self.table.doubleClicked.connect(lambda _i: self.edit(self.selected()))
        self.delete_button.clicked.connect(self.delete)
        close.clicked.connect(self.accept)
        self.people: list[Invitee] = []
        self.refresh()

    def refresh(self) -> None:
        self.people = list_invitees(self.db)
        self.table.setRowCount(len(self.people))
        for row, p in enumerate(self.people):
            cells = (
                p.role,
                p.name,
                p.unit,
                p.title,
                p.phone,
                f"{p.appointed_on:%Y-%m-%d}" if p.appointed_on else "",
                f"{p.term_end:%Y-%m-%d}" if p.term_end else "",
                "在聘" if p.active else "已解聘",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def selected(self) -> Invitee | None:
        rows = self.table.selectionModel().selectedRows()
        return self.people[rows[0].row()] if rows else None

    def edit(self, invitee: Invitee | None) -> None:
        if invitee is None and self.sender() is self.edit_button:
            return
        if InviteeForm(self.db, invitee, self).exec():
            self.refresh()

    def delete(self) -> None:
        p = self.selected()
        if p is None:
            return
        answer = QMessageBox.question(
            self,
            "删除",
            f"确定从名册中删除「{p.name}」吗？（如只是任期届满，建议改为「已解聘」）",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            delete_invitee(self.db, p.id)
            self.refresh()
