"""奖励与处理 and 历年等次 pages of the 年度考核 tab."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.evaluation import HONOUR_KINDS, HONOUR_MODEL
from orgdesk.domain.normalize import DateParseError
from orgdesk.services.evaluation import appraisal_sheet, grade_history
from orgdesk.services.evaluation_honours import (
    HonourInput,
    add_honour,
    consequences,
    delete_honour,
    list_honours,
)
from orgdesk.services.evaluation_targets import cadre_choices
from orgdesk.storage.database import Database
from orgdesk.ui.evaluation_models import Column, RowsModel
from orgdesk.ui.widgets import DateField, ErrorLabel


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class HonoursPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.year = 0
        self.model: RowsModel[Any] = RowsModel(
            [
                ("姓名", lambda h: h.name),
                ("科室", lambda h: h.section),
                ("奖励名称", lambda h: h.title),
                ("类别", lambda h: h.kind),
                ("授予日期", lambda h: h.awarded_on),
                ("说明", lambda h: h.note),
            ],
            parent=self,
        )
        self.view = _table(self.model)
        self.person = QComboBox()
        self.person.setEditable(False)
        self.title = QComboBox()
        self.title.setEditable(True)
        self.title.addItems([HONOUR_MODEL, "年度考核嘉奖", "记三等功"])
        self.kind = QComboBox()
        self.kind.addItems(HONOUR_KINDS)
        self.awarded = DateField()
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow("姓名", self.person)
        form.addRow("奖励名称", self.title)
        form.addRow("类别", self.kind)
        form.addRow("授予日期", self.awarded)
        form.addRow("说明", self.note)
        self.error = ErrorLabel()
        add = QPushButton("记录奖励(&H)")
        add.clicked.connect(self.add)
        remove = QPushButton("删除所选")
        remove.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(QLabel("表彰奖励（优秀组工干部标兵等）"))
        left.addWidget(self.view, 1)
        left.addLayout(form)
        left.addWidget(self.error)
        left.addLayout(buttons)

        self.promotion: RowsModel[Any] = RowsModel(
            [
                ("姓名", lambda r: r.name),
                ("科室", lambda r: r.section),
                ("连续优秀", lambda r: r.consecutive_excellent),
            ],
            parent=self,
        )
        self.transfer: RowsModel[Any] = RowsModel(
            [
                ("姓名", lambda r: r.name),
                ("科室", lambda r: r.section),
                ("确定等次", lambda r: r.final),
            ],
            parent=self,
        )
        self.promotion_box = QGroupBox("推荐提拔")
        pv = QVBoxLayout(self.promotion_box)
        pv.addWidget(_table(self.promotion))
        transfer_box = QGroupBox("调离审查（年度考核不称职）")
        tv = QVBoxLayout(transfer_box)
        tv.addWidget(_table(self.transfer))
        right = QVBoxLayout()
        right.addWidget(self.promotion_box)
        right.addWidget(transfer_box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def load(self, year: int) -> None:
        self.year = year
        self.model.set_rows(list_honours(self.db, year))
        current = self.person.currentData()
        self.person.clear()
        for c in cadre_choices(self.db):
            self.person.addItem(f"{c.name}（{c.section}）", c.id)
        self.person.setCurrentIndex(max(0, self.person.findData(current)))
        result = consequences(appraisal_sheet(self.db, year))
        self.promotion_box.setTitle(f"推荐提拔（连续 {result.years_needed} 年及以上优秀）")
        self.promotion.set_rows(result.promotion)
        self.transfer.set_rows(result.transfer_review)

    def add(self) -> None:
        try:
            awarded = self.awarded.value()
        except DateParseError as exc:
            self.error.show_message(f"「授予日期」{exc}")
            return
        data = HonourInput(
            self.year,
            self.person.currentData(),
            self.title.currentText(),
            self.kind.currentText(),
            awarded,
            self.note.text(),
        )
        try:
            add_honour(self.db, data)
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message("已记录", warning=True)
        self.load(self.year)

    def remove(self) -> None:
        index = self.view.currentIndex()
        row = self.model.row(index.row()) if index.isValid() else None
        if row is None:
            return
        try:
            delete_honour(self.db, row.id)
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.load(self.year)


class HistoryPage(QWidget):
    """历年考核等次: one row per cadre, one column per year."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model: RowsModel[Any] = RowsModel([], parent=self)
        self.view = _table(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("历年考核等次（主要领导确定的等次）"))
        layout.addWidget(self.view)

    def load(self, _year: int) -> None:
        years, rows = grade_history(self.db)
        columns: list[Column] = [("姓名", lambda r: r[1]), ("科室", lambda r: r[2])]
        columns += [(f"{y}年", _grade_in(y)) for y in years]
        self.model.set_columns(columns)
        self.model.set_rows(rows)
        self._years = years


def _grade_in(year: int) -> Callable[[Any], Any]:
    return lambda row: row[3].get(year, "")
