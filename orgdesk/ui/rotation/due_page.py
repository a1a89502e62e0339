"""轮岗到期: who is due or overdue to rotate as of a chosen date, from the posting history."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.normalize import DateParseError
from orgdesk.domain.rotation import RotationState
from orgdesk.paths import data_dir
from orgdesk.services.reference import load_settings, reference_data
from orgdesk.services.rotation import RotationRow, rotation_due_list
from orgdesk.storage.database import Database
from orgdesk.storage.xlsx_export import save_workbook, write_table
from orgdesk.ui.rotation.common import (
    RED,
    YELLOW,
    Column,
    RowsModel,
    make_view,
    selected_row,
)
from orgdesk.ui.widgets import DateField, ErrorLabel

SHOW = (
    ("到期及超期", frozenset({RotationState.DUE, RotationState.OVERDUE})),
    ("仅超期", frozenset({RotationState.OVERDUE})),
    ("全部人员", None),
)


def _colour(r: RotationRow) -> str | None:
    return {RotationState.OVERDUE: RED, RotationState.DUE: YELLOW}.get(r.state)


COLUMNS: list[Column[Any]] = [
    Column("状态", lambda r: r.state.label, sort=lambda r: (r.state, -r.months_in_post), width=50),
    Column("姓名", lambda r: r.name, width=80),
    Column("科室", lambda r: r.section, width=120),
    Column("职务", lambda r: r.post_title, width=70),
    Column("任现岗位起", lambda r: r.since, sort=lambda r: r.since, width=95),
    Column("任现岗位年限", lambda r: r.in_post, sort=lambda r: r.months_in_post, width=95),
    Column("到期日", lambda r: r.due_on, sort=lambda r: r.due_on, width=95),
    Column("超期日", lambda r: r.overdue_after, sort=lambda r: r.overdue_after, width=95),
    Column(
        "规则",
        lambda r: r.rule + ("；直接进入业务科室" if r.business_first else ""),
        width=200,
        background=lambda r: "#fde9d9" if r.business_first else None,
    ),
    Column("挂职中", lambda r: r.secondment, width=150),
    Column("已列入计划", lambda r: r.in_plan, width=160),
    Column("说明", lambda r: r.note, width=400),
]


class DuePage(QWidget):
    add_to_plan = Signal(int)  # cadre id
    show_timeline = Signal(int)  # cadre id

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.on = DateField()
        self.on.set_value(date.today())
        self.on.setFixedWidth(108)
        self.section = QComboBox()
        self.section.addItem("全部科室", None)
        for sec in reference_data(db).sections:
            self.section.addItem(sec.name, sec.id)
        self.show_box = QComboBox()
        for label, _states in SHOW:
            self.show_box.addItem(label)
        self.refresh_button = QPushButton("刷新")
        self.count = QLabel()
        self.plan_button = QPushButton("加入交流计划…")
        self.timeline_button = QPushButton("查看时间轴")
        self.export_button = QPushButton("导出 Excel")
        self.error = ErrorLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("截至"))
        bar.addWidget(self.on)
        bar.addWidget(self.section)
        bar.addWidget(self.show_box)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.count, 1)
        bar.addWidget(self.plan_button)
        bar.addWidget(self.timeline_button)
        bar.addWidget(self.export_button)

        self.model: RowsModel[Any] = RowsModel(
            COLUMNS, self, row_background=_colour, row_tooltip=lambda r: r.note
        )
        self.table = make_view(self.model)
        self.rule_hint = QLabel()
        self.rule_hint.setStyleSheet("color: #666")
        self.rule_hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.rule_hint)

        self.on.returnPressed.connect(self.refresh)
        self.on.editingFinished.connect(self.refresh)
        self.section.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.plan_button.clicked.connect(self._plan_selected)
        self.timeline_button.clicked.connect(self._timeline_selected)
        self.table.doubleClicked.connect(lambda _i: self._timeline_selected())
        self.export_button.clicked.connect(self.export_excel)
        self.refresh()

    def as_of(self) -> date | None:
        try:
            value = self.on.value()
        except DateParseError as exc:
            self.error.show_message(f"「截至」{exc}")
            return None
        self.error.show_message("" if value else "请填写「截至」日期")
        return value

    def refresh(self) -> None:
        on = self.as_of()
        if on is None:
            return
        states = SHOW[self.show_box.currentIndex()][1]
        rows = rotation_due_list(self.db, on, section_id=self.section.currentData(), states=states)
        self.model.set_rows(rows)
        overdue = sum(r.state is RotationState.OVERDUE for r in rows)
        due = sum(r.state is RotationState.DUE for r in rows)
        self.count.setText(f"共 {len(rows)} 人：到期 {due} 人，超期 {overdue} 人")
        s = load_settings(self.db)
        self.rule_hint.setText(
            f"一般岗位任满 {s.int('rotation.years')} 年到期，到期后 "
            f"{s.int('rotation.overdue_margin_months')} 个月仍未交流为超期；新进人员在综合科室 "
            f"{s.int('first_posting.window_years')} 年可交流到业务科室，超过 "
            f"{s.int('first_posting.overdue_years')} 年为超期（可在「设置」中修改）。双击查看时间轴。"
        )

    def _plan_selected(self) -> None:
        row = selected_row(self.table)
        if row is None:
            QMessageBox.information(self, "加入交流计划", "请先在列表中选择一人。")
            return
        self.add_to_plan.emit(row.cadre_id)

    def _timeline_selected(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.show_timeline.emit(row.cadre_id)

    def export_excel(self) -> None:
        on = self.as_of()
        if on is None:
            return
        suggested = str(data_dir() / f"轮岗到期名单（截至{on:%Y%m%d}）.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, "导出轮岗到期名单", suggested, "Excel 工作簿 (*.xlsx)"
        )
        if not path:
            return
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "轮岗到期"
        rows = [[c.value(r) for c in COLUMNS] for r in self.model.rows]
        write_table(ws, [c.header for c in COLUMNS], rows)
        try:
            save_workbook(wb, Path(path).with_suffix(".xlsx"))
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未保存", str(exc))
            return
        QMessageBox.information(self, "已保存", f"已导出 {len(rows)} 人到：\n{path}")
