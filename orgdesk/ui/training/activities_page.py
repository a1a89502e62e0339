"""学习活动 page (R-TRN-4): activities, participants and placings, each placing worth credits."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from orgdesk.domain.credits import CreditRules
from orgdesk.domain.training import Placing
from orgdesk.services.reference import ReferenceData, load_settings
from orgdesk.services.training_activities import (
    ActivityRow,
    EntryLine,
    add_participants,
    delete_activity,
    entries,
    list_activities,
    remove_participants,
    set_placing,
)
from orgdesk.storage.database import Database
from orgdesk.ui.training.common import button, confirm, make_table, run_action, selected_items
from orgdesk.ui.training.forms import ActivityDialog
from orgdesk.ui.training.pickers import CadrePickDialog
from orgdesk.ui.training.table import GREEN, Column, RowsModel

ACTIVITY_COLUMNS: list[Column[ActivityRow]] = [
    Column("活动类型", lambda r: r.kind, 120),
    Column("活动名称", lambda r: r.title, 260),
    Column("日期", lambda r: r.held_on, 90),
    Column("主办", lambda r: r.organizer, 120),
    Column("参加", lambda r: r.participants, 45, numeric=True),
    Column("获奖", lambda r: r.awarded, 45, numeric=True),
]


class ActivitiesPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, reference: ReferenceData, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.reference = db, reference
        self.year = 0
        self.rules = CreditRules()
        self.activities: RowsModel[ActivityRow] = RowsModel(ACTIVITY_COLUMNS, self)
        self.activity_view = make_table(self.activities, multi=False)
        self.entries: RowsModel[EntryLine] = RowsModel(
            [
                Column("姓名", lambda r: r.cadre.name, 90),
                Column("科室", lambda r: r.cadre.section, 120),
                Column("职级", lambda r: r.cadre.rank, 110),
                Column("名次", lambda r: r.placing, 70),
                Column("学分", lambda r: self.rules.placing.get(Placing(r.placing), 0.0), 50),
                Column("作品/题目", lambda r: r.work_title, 240),
            ],
            self,
            row_background=lambda r: GREEN if r.placing != Placing.PARTICIPANT.value else None,
        )
        self.entry_view = make_table(self.entries)
        self.placing = QComboBox()
        for p in Placing:
            self.placing.addItem(p.value, p.value)
        self.heading = QLabel()
        self.worth = QLabel()
        self.worth.setStyleSheet("color: #555")

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(
            QLabel("<b>以活动促学习</b>：演讲比赛、读书笔记展示、专业理论知识测试、优秀论文评比")
        )
        bar.addStretch(1)
        for b in (button("新建活动", self.new_activity), button("删除", self.remove_activity)):
            bar.addWidget(b)
        tl.addLayout(bar)
        tl.addWidget(self.activity_view)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addStretch(1)
        self.add_button = button("添加参加人…", self.add_people)
        bar.addWidget(self.add_button)
        bar.addWidget(QLabel("名次"))
        bar.addWidget(self.placing)
        bar.addWidget(button("设为所选名次", self.apply_placing))
        bar.addWidget(button("移除", self.remove_people))
        bl.addLayout(bar)
        bl.addWidget(self.worth)
        bl.addWidget(self.entry_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([240, 460])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.activity_view.selectionModel().currentRowChanged.connect(lambda *_: self._load())

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self, keep: int | None = None) -> None:
        self.rules = CreditRules.from_settings(load_settings(self.db))
        self.worth.setText(
            "学分规则（在 设置 › 培训与学分 中修改）："
            + "，".join(f"{p.value} {v:g} 学分" for p, v in self.rules.placing.items())
        )
        current = self.current()
        keep = keep if keep is not None else current.id if current else None
        self.activities.set_rows(list_activities(self.db, self.year))
        rows = self.activities.rows
        index = next((i for i, r in enumerate(rows) if r.id == keep), 0 if rows else -1)
        if index >= 0:
            self.activity_view.selectRow(index)
        self._load()

    def current(self) -> ActivityRow | None:
        index = self.activity_view.currentIndex()
        return self.activities.row(index.row()) if index.isValid() else None

    def _load(self) -> None:
        a = self.current()
        self.add_button.setEnabled(a is not None)
        self.entries.set_rows(entries(self.db, a.id) if a else [])
        self.heading.setText(f"<b>「{a.title}」参加人员与名次</b>" if a else "<b>参加人员</b>")

    def _done(self) -> None:
        self.refresh()
        self.changed.emit()

    def new_activity(self) -> None:
        held = date.today() if date.today().year == self.year else date(self.year, 6, 30)
        dialog = ActivityDialog(self.db, held, self)
        if dialog.exec():
            self.refresh(keep=dialog.saved_id)
            self.changed.emit()

    def remove_activity(self) -> None:
        a = self.current()
        if a and confirm(self, f"删除活动「{a.title}」及其参加记录？"):
            delete_activity(self.db, a.id)
            self._done()

    def add_people(self) -> None:
        a = self.current()
        if a is None:
            return
        dialog = CadrePickDialog(self.db, self.reference, f"添加参加人：{a.title}", self)
        if dialog.exec() and dialog.pick is not None:
            pick = dialog.pick
            if run_action(self, lambda: add_participants(self.db, a.id, pick)):
                self._done()

    def apply_placing(self) -> None:
        a = self.current()
        chosen = selected_items(self.entry_view)
        if a is None or not chosen:
            return
        placing = str(self.placing.currentData())

        def apply() -> None:
            for line in chosen:
                set_placing(self.db, a.id, line.cadre.id, placing)

        if run_action(self, apply):
            self._done()

    def remove_people(self) -> None:
        a = self.current()
        chosen = selected_items(self.entry_view)
        if a and chosen and confirm(self, f"移除 {len(chosen)} 名参加人？"):
            remove_participants(self.db, a.id, [x.cadre.id for x in chosen])
            self._done()
