"""挂职锻炼: every secondment with its status and range, and 交流建议 (缺什么补什么)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.secondment import SecondmentKind, SecondmentStatus, allowed_months
from orgdesk.services.reference import load_settings
from orgdesk.services.rotation import SuggestionRow, gap_suggestions
from orgdesk.services.rotation_data import cadre_choices
from orgdesk.services.secondments import SecondmentRow, delete_secondment, list_secondments
from orgdesk.storage.database import Database
from orgdesk.ui.rotation.common import (
    GREEN,
    GREY,
    YELLOW,
    Column,
    RowsModel,
    make_view,
    select_where,
    selected_row,
)
from orgdesk.ui.rotation.secondment_dialogs import EndSecondmentDialog, SecondmentDialog


def _colour(r: SecondmentRow) -> str | None:
    if r.status is SecondmentStatus.ENDED:
        return GREY
    if r.range_note:
        return YELLOW
    return GREEN if r.status is SecondmentStatus.ONGOING else None


COLUMNS: list[Column[Any]] = [
    Column("状态", lambda r: r.status.value, width=60),
    Column("姓名", lambda r: r.name, width=80),
    Column("所在科室", lambda r: r.section, width=110),
    Column("类别", lambda r: r.kind.value, width=110),
    Column("挂职单位", lambda r: r.host_unit, width=170),
    Column("挂职职务", lambda r: r.host_post, width=110),
    Column("计划开始", lambda r: r.planned_start, sort=lambda r: r.planned_start, width=90),
    Column("计划结束", lambda r: r.planned_end, sort=lambda r: r.planned_end, width=90),
    Column("实际开始", lambda r: r.actual_start, sort=lambda r: r.actual_start, width=90),
    Column("实际结束", lambda r: r.actual_end, sort=lambda r: r.actual_end, width=90),
    Column("期限", lambda r: r.length, width=90),
    Column("期限说明", lambda r: r.range_note, width=300),
]


class SecondmentPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.status = QComboBox()
        self.status.addItem("全部状态", None)
        for s in SecondmentStatus:
            self.status.addItem(s.value, s.value)
        self.kind = QComboBox()
        self.kind.addItem("全部类别", None)
        for k in SecondmentKind:
            self.kind.addItem(k.value, k.value)
        self.count = QLabel()
        self.add_button = QPushButton("新增挂职(&N)")
        self.edit_button = QPushButton("查看/修改")
        self.end_button = QPushButton("结束挂职…")
        self.delete_button = QPushButton("删除")
        bar = QHBoxLayout()
        bar.addWidget(self.status)
        bar.addWidget(self.kind)
        bar.addWidget(self.count, 1)
        for b in (self.add_button, self.edit_button, self.end_button, self.delete_button):
            bar.addWidget(b)
        self.model: RowsModel[Any] = RowsModel(COLUMNS, self, row_background=_colour)
        self.table = make_view(self.model)
        self.ranges = QLabel()
        self.ranges.setStyleSheet("color: #666")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.ranges)

        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(self.edit)
        self.end_button.clicked.connect(self.end)
        self.delete_button.clicked.connect(self.delete)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        new = QShortcut(QKeySequence.StandardKey.New, self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(lambda: self.add())
        self.refresh()

    def refresh(self) -> None:
        status = self.status.currentData()
        kind = self.kind.currentData()
        rows = list_secondments(
            self.db, date.today(), status=SecondmentStatus(status) if status else None
        )
        rows = [r for r in rows if kind is None or r.kind.value == kind]
        self.model.set_rows(rows)
        ongoing = sum(r.status is SecondmentStatus.ONGOING for r in rows)
        self.count.setText(f"共 {len(rows)} 条，挂职中 {ongoing} 人")
        s = load_settings(self.db)
        self.ranges.setText(
            "允许期限："
            + "；".join(f"{k.value} {allowed_months(k, s)}" for k in SecondmentKind)
            + "（超出须填写原因；可在「设置」中修改）。结束挂职时自动写入任职经历。"
        )

    def select(self, secondment_id: int) -> bool:
        if not select_where(self.table, lambda r: r.id == secondment_id):
            self.status.setCurrentIndex(0)
            self.kind.setCurrentIndex(0)
            return select_where(self.table, lambda r: r.id == secondment_id)
        return True

    def add(self, cadre_id: int | None = None, kind: SecondmentKind | None = None) -> None:
        dialog = SecondmentDialog(
            self.db, cadre_choices(self.db), None, self, cadre_id=cadre_id, kind=kind
        )
        if dialog.exec():
            self.refresh()
            if dialog.saved_id is not None:
                self.select(dialog.saved_id)
            self.changed.emit()

    def edit(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        dialog = SecondmentDialog(self.db, cadre_choices(self.db, include_left=True), row.id, self)
        if dialog.exec():
            self.refresh()
            self.select(row.id)
            self.changed.emit()

    def end(self) -> None:
        row: SecondmentRow | None = selected_row(self.table)
        if row is None:
            QMessageBox.information(self, "结束挂职", "请先选择一条挂职记录。")
            return
        if row.actual_end is not None:
            QMessageBox.information(
                self, "结束挂职", f"该挂职已于 {row.actual_end:%Y-%m-%d} 结束。"
            )
            return
        title = f"{row.name}：{row.kind.value}到{row.host_unit}（{row.host_post}）"
        dialog = EndSecondmentDialog(
            self.db, row.id, title, min(row.planned_end, date.today()), self
        )
        if dialog.exec():
            self.refresh()
            self.select(row.id)
            self.changed.emit()

    def delete(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        answer = QMessageBox.question(self, "删除挂职", f"确定删除 {row.name} 的这条挂职记录吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_secondment(self.db, row.id)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未删除", str(exc))
            return
        self.refresh()
        self.changed.emit()


SUGGESTION_COLUMNS: list[Column[Any]] = [
    Column("姓名", lambda r: r.name, width=80),
    Column("科室", lambda r: r.section, width=120),
    Column("职务", lambda r: r.post_title, width=70),
    Column("建议", lambda r: r.kind.value, width=110),
    Column("理由（缺什么补什么）", lambda r: r.reason, width=600),
]


class SuggestionsPage(QWidget):
    arrange = Signal(int, str)  # cadre id, SecondmentKind value

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.kind = QComboBox()
        self.kind.addItem("全部建议", None)
        for k in SecondmentKind:
            self.kind.addItem(f"建议{k.value}", k.value)
        self.count = QLabel()
        self.arrange_button = QPushButton("安排挂职…")
        bar = QHBoxLayout()
        bar.addWidget(self.kind)
        bar.addWidget(self.count, 1)
        bar.addWidget(self.arrange_button)
        self.model: RowsModel[Any] = RowsModel(
            SUGGESTION_COLUMNS, self, row_tooltip=lambda r: r.reason
        )
        self.table = make_view(self.model)
        hint = QLabel(
            "根据任职经历和挂职记录判断：无基层经历→下派；中层干部无上级机关经历→上挂；"
            "长期在同一科室→到有关部门学习。已安排同类挂职的不再重复建议。"
        )
        hint.setStyleSheet("color: #666")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.arrange_button.clicked.connect(self._arrange)
        self.table.doubleClicked.connect(lambda _i: self._arrange())
        self.refresh()

    def refresh(self) -> None:
        value = self.kind.currentData()
        rows = gap_suggestions(self.db, date.today(), kind=SecondmentKind(value) if value else None)
        self.model.set_rows(rows)
        people = len({r.cadre_id for r in rows})
        self.count.setText(f"共 {len(rows)} 条建议，涉及 {people} 人")

    def _arrange(self) -> None:
        row: SuggestionRow | None = selected_row(self.table)
        if row is None:
            QMessageBox.information(self, "安排挂职", "请先在列表中选择一条建议。")
            return
        self.arrange.emit(row.cadre_id, row.kind.value)
