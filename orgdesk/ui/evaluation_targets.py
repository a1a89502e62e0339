"""目标责任: the year's plan by section, decomposed to each person, scored at year end."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
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

from orgdesk.domain.errors import OrgDeskError
from orgdesk.services.evaluation_targets import (
    PERSON_LEVEL,
    CadreChoice,
    TargetInput,
    TargetRow,
    cadre_choices,
    delete_target,
    list_targets,
    save_target,
    weight_totals,
)
from orgdesk.services.reference import reference_data
from orgdesk.storage.database import Database
from orgdesk.ui.evaluation_models import RowsModel
from orgdesk.ui.widgets import ErrorLabel

COLUMNS = [
    ("层级", lambda r: r.level),
    ("科室", lambda r: r.section),
    ("目标内容", lambda r: ("　└ " if r.parent_id else "") + r.title),
    ("责任人", lambda r: r.cadre_name),
    ("权重", lambda r: r.weight),
    ("年终得分", lambda r: r.score),
    ("措施", lambda r: r.measures),
]


class TargetsPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.year = 0
        self.people: list[CadreChoice] = []
        self.sections = reference_data(db).sections
        self.section_filter = QComboBox()
        self.section_filter.addItem("全部科室", None)
        for sec in self.sections:
            self.section_filter.addItem(sec.name, sec.id)
        self.section_filter.currentIndexChanged.connect(lambda _i: self.load(self.year))
        self.totals = QLabel()
        self.totals.setStyleSheet("color: #666")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("科室"))
        bar.addWidget(self.section_filter)
        bar.addWidget(self.totals, 1)

        self.model: RowsModel[Any] = RowsModel(COLUMNS, parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_selected())

        self.section = QComboBox()
        for sec in self.sections:
            self.section.addItem(sec.name, sec.id)
        self.section.currentIndexChanged.connect(lambda _i: self._fill_choices())
        self.parent_item = QComboBox()
        self.person = QComboBox()
        self.title = QLineEdit()
        self.measures = QLineEdit()
        self.weight = QDoubleSpinBox()
        self.weight.setRange(0, 100)
        self.weight.setValue(30)
        self.score = QLineEdit()
        self.score.setPlaceholderText("年终评定后填写，0–100")
        form = QFormLayout()
        form.addRow("科室", self.section)
        form.addRow("上级目标", self.parent_item)
        form.addRow("责任人", self.person)
        form.addRow("目标内容", self.title)
        form.addRow("措施", self.measures)
        form.addRow("权重", self.weight)
        form.addRow("年终得分", self.score)
        self.error = ErrorLabel()
        self.add_button = QPushButton("新增目标(&N)")
        self.save_button = QPushButton("保存修改(&S)")
        self.delete_button = QPushButton("删除(&X)")
        self.add_button.clicked.connect(lambda: self.save(new=True))
        self.save_button.clicked.connect(lambda: self.save(new=False))
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.save_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 3)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.rows: list[TargetRow] = []

    def load(self, year: int) -> None:
        self.year = year
        self.people = cadre_choices(self.db)
        self.rows = list_targets(self.db, year, self.section_filter.currentData())
        self.model.set_rows(self.rows)
        totals = weight_totals(self.rows)
        uneven = [c.name for c in self.people if c.id in totals and abs(totals[c.id] - 100) > 0.01]
        self.totals.setText(
            f"共 {len(self.rows)} 项目标"
            + (f"；个人目标权重合计不为 100：{'、'.join(uneven[:6])}" if uneven else "")
        )
        self._fill_choices()

    def _fill_choices(self) -> None:
        section_id = self.section.currentData()
        self.parent_item.clear()
        self.parent_item.addItem("（无：本项为科室目标）", None)
        for r in list_targets(self.db, self.year, section_id) if self.year else []:
            if r.parent_id is None:
                self.parent_item.addItem(r.title, r.id)
        self.person.clear()
        self.person.addItem("", None)
        for c in self.people:
            if c.section_id == section_id:
                self.person.addItem(c.name, c.id)

    def selected(self) -> TargetRow | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def show_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.section.setCurrentIndex(max(0, self.section.findData(row.section_id)))
        self._fill_choices()
        self.parent_item.setCurrentIndex(max(0, self.parent_item.findData(row.parent_id)))
        self.person.setCurrentIndex(max(0, self.person.findData(row.cadre_id)))
        self.title.setText(row.title)
        self.measures.setText(row.measures)
        self.weight.setValue(row.weight)
        self.score.setText("" if row.score is None else f"{row.score:g}")

    def _input(self) -> TargetInput | None:
        text = self.score.text().strip()
        try:
            score = float(text) if text else None
        except ValueError:
            self.error.show_message(f"「年终得分」（{text}）应为数字")
            return None
        return TargetInput(
            year=self.year,
            section_id=self.section.currentData(),
            title=self.title.text(),
            weight=self.weight.value(),
            cadre_id=self.person.currentData(),
            parent_id=self.parent_item.currentData(),
            measures=self.measures.text(),
            score=score,
        )

    def save(self, *, new: bool) -> None:
        data = self._input()
        if data is None:
            return
        row = self.selected()
        if not new and row is None:
            self.error.show_message("请先在表格中选择要修改的目标")
            return
        try:
            save_target(self.db, data, None if new else row.id if row else None)
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message("已保存", warning=True)
        self.load(self.year)
        self.changed.emit()

    def delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        extra = "" if row.level == PERSON_LEVEL else "（其下分解的个人目标一并删除）"
        if (
            QMessageBox.question(self, "删除目标", f"删除「{row.title}」{extra}？")
            != QMessageBox.StandardButton.Yes
        ):
            return
        try:
            delete_target(self.db, row.id)
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.load(self.year)
        self.changed.emit()
