"""调出 page (高出, R-INT-4): who left for where, as what; record or undo an outflow."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.normalize import DateParseError
from orgdesk.domain.outflow import DestinationKind, OutflowInput
from orgdesk.domain.people import RANK_LEVEL_LABELS
from orgdesk.services.outflow import OutflowRow, list_outflows, record_outflow, undo_outflow
from orgdesk.storage.database import Database
from orgdesk.ui.cadre_picker import CadrePickerDialog
from orgdesk.ui.list_model import Column, RowsModel
from orgdesk.ui.widgets import DateField, ErrorLabel

COLUMNS: list[Column[OutflowRow]] = [
    Column("调出日期", lambda r: r.left_on),
    Column("姓名", lambda r: r.name),
    Column("原科室", lambda r: r.from_section),
    Column("原职务", lambda r: r.from_post),
    Column("原职级", lambda r: r.from_rank),
    Column("调往单位", lambda r: r.destination_unit),
    Column("单位类别", lambda r: r.destination_kind.value),
    Column("职务", lambda r: r.post_title),
    Column("职级", lambda r: r.rank_label),
    Column("高出", lambda r: "是" if r.promoted else ""),
    Column("备注", lambda r: r.note),
]


class OutflowDialog(QDialog):
    """登记调出."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("登记调出")
        self.resize(520, 360)
        self.cadre_id: int | None = None
        self.saved_id: int | None = None
        self.who = QLabel("（未选择）")
        self.pick_button = QPushButton("选择人员…")
        self.pick_button.clicked.connect(self.pick)
        who_row = QHBoxLayout()
        who_row.addWidget(self.who, 1)
        who_row.addWidget(self.pick_button)
        who = QWidget()
        who.setLayout(who_row)
        self.left_on = DateField()
        self.left_on.set_value(date.today())
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("如：县发展和改革委员会")
        self.kind = QComboBox()
        for kind in DestinationKind:
            self.kind.addItem(kind.value, kind.value)
        self.post = QLineEdit()
        self.post.setPlaceholderText("如：副主任")
        self.level = QComboBox()
        self.level.addItem("", None)
        for level, label in RANK_LEVEL_LABELS.items():
            self.level.addItem(label, level)
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow("人员 *", who)
        form.addRow("调出日期 *", self.left_on)
        form.addRow("调往单位 *", self.unit)
        form.addRow("单位类别 *", self.kind)
        form.addRow("拟任职务 *", self.post)
        form.addRow("职级 *", self.level)
        form.addRow("备注", self.note)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("登记")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("调出后该人员离开在职名册（名册中勾选「含已调出」仍可查看），全部历史记录保留。")
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def set_cadre(self, cadre_id: int, label: str) -> None:
        self.cadre_id = cadre_id
        self.who.setText(label)

    def pick(self) -> None:
        chosen = CadrePickerDialog.choose(self.db, self)
        if chosen is not None:
            self.set_cadre(*chosen)

    def save(self) -> None:
        if self.cadre_id is None:
            self.error.show_message("请先选择人员")
            return
        try:
            left_on = self.left_on.value()
        except DateParseError as exc:
            self.error.show_message(f"「调出日期」{exc}")
            return
        data = OutflowInput(
            cadre_id=self.cadre_id,
            left_on=left_on,
            destination_unit=self.unit.text(),
            destination_kind=self.kind.currentData(),
            post_title=self.post.text(),
            rank_level=self.level.currentData(),
            note=self.note.text(),
        )
        try:
            self.saved_id = record_outflow(self.db, data)
        except ValidationFailed as exc:
            self.error.show_message("\n".join(f"「{p.field}」{p.message}" for p in exc.problems))
            return
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.accept()


class OutflowPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.year = QComboBox()
        self.add_button = QPushButton("登记调出(&L)…")
        self.undo_button = QPushButton("撤销调出")
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("调出（高出）"))
        bar.addWidget(self.year)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.add_button)
        bar.addWidget(self.undo_button)
        self.model: RowsModel[OutflowRow] = RowsModel(COLUMNS, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((95, 80, 100, 80, 100, 190, 80, 90, 70, 50)):
            self.view.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        hint = QLabel("「高出」：调出后职级高于在本部时的职级。年度统计见年度报告。")
        hint.setStyleSheet("color: #666")
        layout.addWidget(hint)
        self.year.currentIndexChanged.connect(lambda _i: self._load())
        self.add_button.clicked.connect(self.add)
        self.undo_button.clicked.connect(self.undo_selected)
        self.refresh()

    def refresh(self) -> None:
        current = self.year.currentData()
        years = sorted({r.left_on.year for r in list_outflows(self.db)}, reverse=True)
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem("全部年度", None)
        for y in years:
            self.year.addItem(f"{y} 年", y)
        index = self.year.findData(current)
        self.year.setCurrentIndex(index if index >= 0 else 0)
        self.year.blockSignals(False)
        self._load()

    def _load(self) -> None:
        rows = list_outflows(self.db, self.year.currentData())
        self.model.set_rows(rows)
        self.count_label.setText(f"共 {len(rows)} 人")

    def add(self) -> None:
        dialog = OutflowDialog(self.db, self)
        if dialog.exec():
            self.refresh()
            self.changed.emit()

    def undo_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        r = self.model.rows[rows[0].row()]
        answer = QMessageBox.question(
            self,
            "撤销调出",
            f"撤销「{r.name}」{r.left_on:%Y-%m-%d} 调往{r.destination_unit}的记录？\n"
            "该人员将恢复为在职，原任职务恢复为未结束。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            undo_outflow(self.db, r.id)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "不能撤销", str(exc))
            return
        self.refresh()
        self.changed.emit()
