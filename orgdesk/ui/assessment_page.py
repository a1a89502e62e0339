"""过渡考核: record each cadre's transition assessment (合格/不合格) with its date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.eligibility import AssessmentResult
from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.normalize import DateParseError
from orgdesk.services.eligibility import (
    cadre_choices,
    delete_assessment,
    list_assessments,
    record_assessment,
)
from orgdesk.storage.database import Database
from orgdesk.ui.contest_dialogs import make_table
from orgdesk.ui.widgets import DateField, ErrorLabel


class AssessmentPage(QWidget):
    HEADERS = ("姓名", "考核日期", "结果", "备注")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.cadre = QComboBox()
        self.cadre.setEditable(True)
        self.cadre.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.cadre.setMinimumWidth(260)
        self.assessed_on = DateField()
        self.result = QComboBox()
        for r in AssessmentResult:
            self.result.addItem(r.value, r.value)
        self.note = QLineEdit()
        self.note.setPlaceholderText("备注（可不填）")
        self.add_button = QPushButton("登记(&A)")
        self.delete_button = QPushButton("删除所选")
        self.errors = ErrorLabel()
        self.table = make_table(self.HEADERS)
        bar = QHBoxLayout()
        for label, widget in (
            ("人员", self.cadre),
            ("考核日期", self.assessed_on),
            ("结果", self.result),
        ):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(self.note, 1)
        bar.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.errors)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        hint = QLabel(
            "资格审查按基准日前最近一次过渡考核的结果判断；无记录的按「数据缺失」计为不符合。"
        )
        hint.setStyleSheet("color: #666")
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.delete_button)
        layout.addLayout(bottom)
        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete)
        self.reload_choices()
        self.reload()

    def reload_choices(self) -> None:
        choices = cadre_choices(self.db)
        self.cadre.clear()
        self.cadre.addItem("", None)
        for c in choices:
            self.cadre.addItem(c.label, c.id)
        completer = QCompleter([c.label for c in choices], self.cadre)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.cadre.setCompleter(completer)

    def reload(self) -> None:
        rows = list_assessments(self.db)
        self.table.setRowCount(len(rows))
        for r, a in enumerate(rows):
            for c, text in enumerate((a.name, f"{a.assessed_on:%Y-%m-%d}", a.result, a.note)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def selected_cadre(self) -> int | None:
        data = self.cadre.currentData()
        if data is not None:
            return int(data)
        text = self.cadre.currentText().strip()
        index = self.cadre.findText(text)
        return self.cadre.itemData(index) if text and index > 0 else None

    def add(self) -> None:
        try:
            when = self.assessed_on.value()
        except DateParseError as exc:
            self.errors.show_message(f"「考核日期」{exc}")
            return
        try:
            record_assessment(
                self.db,
                self.selected_cadre(),
                when,
                self.result.currentData(),
                self.note.text(),
                today=date.today(),
            )
        except ValidationFailed as exc:
            self.errors.show_message("未登记：" + "；".join(str(p) for p in exc.problems))
            return
        except OrgDeskError as exc:
            self.errors.show_message(f"未登记：{exc}")
            return
        self.errors.show_message("")
        self.note.clear()
        self.assessed_on.clear()
        self.reload()

    def delete(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        answer = QMessageBox.question(
            self, "删除考核记录", f"删除「{item.text()}」的这条过渡考核记录？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_assessment(self.db, int(item.data(Qt.ItemDataRole.UserRole)))
        except OrgDeskError as exc:
            self.errors.show_message(str(exc))
            return
        self.reload()
