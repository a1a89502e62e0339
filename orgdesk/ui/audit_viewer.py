"""文件 → 操作日志: who changed what and when, filtered by person, record, date and user."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.access import current_actor
from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.normalize import DateParseError
from orgdesk.services.audit import (
    AuditFilter,
    AuditQuery,
    AuditRow,
    audit_actions,
    audit_users,
    export_audit,
)
from orgdesk.storage.database import Database
from orgdesk.ui.audit_model import ROW_ROLE, AuditModel
from orgdesk.ui.widgets import DateField, ErrorLabel


class AuditViewer(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("操作日志")
        self.resize(1180, 680)
        self.model = AuditModel(AuditQuery(db), self)

        self.person = QLineEdit()
        self.person.setPlaceholderText("人员姓名")
        self.record = QLineEdit()
        self.record.setPlaceholderText("类别、记录或字段，如 考核、身份证号")
        self.date_from = DateField()
        self.date_to = DateField()
        self.date_from.setPlaceholderText("起始日期")
        self.date_to.setPlaceholderText("截止日期")
        self.user = QComboBox()
        self.user.addItem("全部用户", None)
        for username, label in audit_users(db):
            self.user.addItem(f"{label}（{username}）", username)
        self.action = QComboBox()
        self.action.addItem("全部操作", None)
        for action in audit_actions(db):
            self.action.addItem(action, action)
        self.search_button = QPushButton("查询(&Q)")
        self.clear_button = QPushButton("清除条件")
        self.full_ids = QCheckBox("显示完整身份证号")
        actor = current_actor()
        self.full_ids.setEnabled(actor is not None and actor.sees_id_numbers)
        self.export_button = QPushButton("导出 Excel(&X)…")
        self.count_label = QLabel()
        self.error = ErrorLabel()

        bar = QHBoxLayout()
        for label, widget in (
            ("人员", self.person),
            ("记录", self.record),
            ("日期", self.date_from),
            ("至", self.date_to),
        ):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(self.user)
        bar.addWidget(self.action)
        bar.addWidget(self.search_button)
        bar.addWidget(self.clear_button)
        second = QHBoxLayout()
        second.addWidget(self.count_label)
        second.addStretch(1)
        second.addWidget(self.full_ids)
        second.addWidget(self.export_button)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((140, 150, 90, 80, 170, 110, 180, 200)):
            self.view.setColumnWidth(column, width)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("选中一条记录，在此查看完整内容。")
        split = QSplitter()
        split.setOrientation(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setSizes([520, 120])

        note = QLabel("操作日志只能追加，任何角色都不能修改或删除。")
        note.setStyleSheet("color: #666")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addLayout(second)
        layout.addWidget(split, 1)
        layout.addWidget(note)

        self.search_button.clicked.connect(self.apply_filter)
        self.clear_button.clicked.connect(self.clear_filter)
        for edit in (self.person, self.record, self.date_from, self.date_to):
            edit.returnPressed.connect(self.apply_filter)
        self.user.currentIndexChanged.connect(self.apply_filter)
        self.action.currentIndexChanged.connect(self.apply_filter)
        self.full_ids.toggled.connect(self._toggle_ids)
        self.export_button.clicked.connect(self.export)
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        self._update_count()

    def current_filter(self) -> AuditFilter | None:
        try:
            start: date | None = self.date_from.value()
            end: date | None = self.date_to.value()
        except DateParseError as exc:
            self.error.show_message(f"日期：{exc}")
            return None
        if start and end and end < start:
            self.error.show_message("截止日期早于起始日期")
            return None
        self.error.show_message("")
        return AuditFilter(
            person=self.person.text(),
            record=self.record.text(),
            date_from=start,
            date_to=end,
            username=self.user.currentData(),
            action=self.action.currentData(),
        )

    def apply_filter(self) -> None:
        f = self.current_filter()
        if f is None:
            return
        self.model.set_filter(f)
        self.detail.clear()
        self._update_count()

    def clear_filter(self) -> None:
        for edit in (self.person, self.record, self.date_from, self.date_to):
            edit.clear()
        self.user.setCurrentIndex(0)
        self.action.setCurrentIndex(0)
        self.apply_filter()

    def _update_count(self) -> None:
        self.count_label.setText(f"共 {self.model.rowCount()} 条（最新的在前）")

    def _toggle_ids(self, full: bool) -> None:
        try:
            self.model.set_query(AuditQuery(self.db, mask_ids=not full))
        except OrgDeskError as exc:
            self.full_ids.setChecked(False)
            QMessageBox.warning(self, "操作日志", str(exc))
        self.detail.clear()

    def _show_detail(self, current: object, _previous: object) -> None:
        row: AuditRow | None = self.model.data(current, ROW_ROLE)  # type: ignore[arg-type]
        if row is None:
            self.detail.clear()
            return
        lines = [
            f"{row.at:%Y-%m-%d %H:%M:%S}　{row.user_label}　{row.action}",
            f"{row.table_label}　{row.record_label}"
            + (f"　字段：{row.field_label}" if row.field_label else ""),
        ]
        if row.field_label:
            lines += [f"原值：{row.old_value}", f"新值：{row.new_value}"]
        if row.note:
            lines.append(f"说明：{row.note}")
        self.detail.setPlainText("\n".join(lines))

    def export(self) -> None:
        f = self.current_filter()
        if f is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "导出操作日志", f"操作日志_{date.today():%Y%m%d}.xlsx", "Excel 文件 (*.xlsx)"
        )
        if not name:
            return
        try:
            count = export_audit(self.db, f, Path(name), mask_ids=not self.full_ids.isChecked())
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未能导出", str(exc))
            return
        QMessageBox.information(self, "已导出", f"已导出 {count} 条操作日志：\n{name}")
