"""联系点与汇报会: contact points with visit logs; the monthly work-report meetings."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from orgdesk.services.contact_points import (
    ContactPointRow,
    delete_visit,
    list_contact_points,
    list_visits,
)
from orgdesk.services.reference import load_settings, reference_data
from orgdesk.services.rotation_data import cadre_choices
from orgdesk.services.work_meetings import (
    MonthState,
    delete_meeting,
    list_meetings,
    meeting_grid,
    meeting_sections,
)
from orgdesk.storage.database import Database
from orgdesk.ui.rotation.common import (
    GREEN,
    GREY,
    RED,
    YELLOW,
    Column,
    RowsModel,
    make_view,
    select_where,
    selected_row,
)
from orgdesk.ui.rotation.contact_dialogs import ContactPointDialog, MeetingDialog, VisitDialog

POINT_COLUMNS: list[Column[Any]] = [
    Column("联系点", lambda r: r.name, width=165),
    Column("类型", lambda r: r.kind, width=88),
    Column("所属", lambda r: r.owner, width=82),
    Column("走访次数", lambda r: r.visits, sort=lambda r: r.visits, width=62),
    Column("最近走访", lambda r: r.last_visit, sort=lambda r: r.last_visit, width=88),
    Column(
        "应走访日期",
        lambda r: r.next_due,
        sort=lambda r: r.next_due,
        width=90,
        background=lambda r: RED if r.overdue else None,
    ),
]
VISIT_COLUMNS: list[Column[Any]] = [
    Column("日期", lambda v: v.visit_date, sort=lambda v: v.visit_date, width=90),
    Column("走访人员", lambda v: v.visitors, width=130),
    Column("活动", lambda v: v.activity, width=70),
    Column("天数", lambda v: v.days, sort=lambda v: v.days, width=45),
    Column("主要事项", lambda v: v.content, width=150),
    Column("发现问题", lambda v: v.findings, width=300),
]
MEETING_COLUMNS: list[Column[Any]] = [
    Column("日期", lambda m: m.held_on, sort=lambda m: m.held_on, width=90),
    Column("主持人", lambda m: m.chair, width=70),
    Column("汇报科室", lambda m: m.sections, width=200),
    Column("出席/请假/缺席", lambda m: f"{m.present}/{m.leave}/{m.absent}", width=100),
    Column("重大事项", lambda m: m.major_matters, width=160),
    Column("纪要", lambda m: m.minutes.replace("\n", " "), width=300),
]
STATE_COLOURS = {
    MonthState.REPORTED: GREEN,
    MonthState.MISSED: RED,
    MonthState.OPEN: YELLOW,
    MonthState.UNTRACKED: GREY,
}


def _month_column(month: int) -> Column:
    return Column(
        f"{month}月",
        lambda r: "✓" if r[1][month] is MonthState.REPORTED else r[1][month].value,
        width=46,
        background=lambda r: STATE_COLOURS.get(r[1][month]),
    )


class ContactsPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        # -- contact points -----------------------------------------------------
        self.points: RowsModel[Any] = RowsModel(
            POINT_COLUMNS,
            self,
            row_tooltip=lambda r: f"{r.owner}：{r.name}　联系人：{r.contact_person or '—'}",
        )
        self.points_view = make_view(self.points)
        self.visits: RowsModel[Any] = RowsModel(
            VISIT_COLUMNS, self, row_tooltip=lambda v: v.findings or None
        )
        self.visits_view = make_view(self.visits)
        self.add_point = QPushButton("新增联系点")
        self.edit_point = QPushButton("修改")
        self.add_visit = QPushButton("登记走访(&V)…")
        self.edit_visit = QPushButton("修改走访")
        self.delete_visit_button = QPushButton("删除走访")
        self.points_hint = QLabel()
        self.points_hint.setStyleSheet("color: #666")
        point_bar = QHBoxLayout()
        for b in (self.add_point, self.edit_point, self.add_visit):
            point_bar.addWidget(b)
        point_bar.addStretch(1)
        visit_bar = QHBoxLayout()
        visit_bar.addWidget(QLabel("走访记录"))
        visit_bar.addStretch(1)
        visit_bar.addWidget(self.edit_visit)
        visit_bar.addWidget(self.delete_visit_button)
        left = QGroupBox("基层工作联系点")
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(point_bar)
        left_layout.addWidget(self.points_view, 3)
        left_layout.addWidget(self.points_hint)
        left_layout.addLayout(visit_bar)
        left_layout.addWidget(self.visits_view, 2)

        # -- meetings -----------------------------------------------------------
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setSuffix(" 年")
        self.grid: RowsModel[Any] = RowsModel([], self)
        self.grid_view = make_view(self.grid, stretch_last=False)
        self.meetings: RowsModel[Any] = RowsModel(
            MEETING_COLUMNS, self, row_tooltip=lambda m: m.minutes
        )
        self.meetings_view = make_view(self.meetings)
        self.add_meeting = QPushButton("登记汇报会(&M)…")
        self.edit_meeting = QPushButton("修改")
        self.delete_meeting_button = QPushButton("删除")
        meeting_bar = QHBoxLayout()
        meeting_bar.addWidget(self.year)
        meeting_bar.addStretch(1)
        for b in (self.add_meeting, self.edit_meeting, self.delete_meeting_button):
            meeting_bar.addWidget(b)
        right = QGroupBox("职能科室工作汇报会（每月一次）")
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(meeting_bar)
        right_layout.addWidget(self.grid_view, 2)
        legend = QLabel("✓ 已汇报　未汇报：该月已过而未汇报　本月：尚未结束　—：开始登记之前")
        legend.setStyleSheet("color: #666")
        right_layout.addWidget(legend)
        right_layout.addWidget(self.meetings_view, 3)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self.points_view.selectionModel().currentRowChanged.connect(lambda *_: self.show_visits())
        self.add_point.clicked.connect(lambda: self.edit_point_dialog(None))
        self.edit_point.clicked.connect(self._edit_selected_point)
        self.points_view.doubleClicked.connect(lambda _i: self.log_visit())
        self.add_visit.clicked.connect(self.log_visit)
        self.edit_visit.clicked.connect(self._edit_visit)
        self.visits_view.doubleClicked.connect(lambda _i: self._edit_visit())
        self.delete_visit_button.clicked.connect(self._delete_visit)
        self.year.valueChanged.connect(lambda _v: self.refresh_meetings())
        self.add_meeting.clicked.connect(lambda: self.meeting_dialog(None))
        self.edit_meeting.clicked.connect(self._edit_meeting)
        self.meetings_view.doubleClicked.connect(lambda _i: self._edit_meeting())
        self.delete_meeting_button.clicked.connect(self._delete_meeting)
        self.refresh()

    def refresh(self) -> None:
        self.refresh_points()
        self.refresh_meetings()

    # -- contact points --------------------------------------------------------
    def refresh_points(self, select: int | None = None) -> None:
        current: ContactPointRow | None = selected_row(self.points_view)
        keep = select if select is not None else (current.id if current else None)
        rows = list_contact_points(self.db, date.today())
        self.points.set_rows(rows)
        if not (keep and select_where(self.points_view, lambda r: r.id == keep)) and rows:
            self.points_view.selectRow(0)
        gap = load_settings(self.db).int("contact_point.max_gap_days")
        overdue = sum(r.overdue for r in rows)
        self.points_hint.setText(
            f"共 {len(rows)} 个联系点，{overdue} 个超过 {gap} 天未走访（红色）。双击登记走访。"
        )
        self.show_visits()

    def select_point(self, point_id: int) -> None:
        select_where(self.points_view, lambda r: r.id == point_id)
        self.show_visits()

    def show_visits(self) -> None:
        point = selected_row(self.points_view)
        self.visits.set_rows(list_visits(self.db, point.id) if point else [])

    def edit_point_dialog(self, point_id: int | None) -> None:
        dialog = ContactPointDialog(self.db, reference_data(self.db), point_id, self)
        if dialog.exec():
            self.refresh_points(select=dialog.saved_id)
            self.changed.emit()

    def _edit_selected_point(self) -> None:
        point = selected_row(self.points_view)
        if point is not None:
            self.edit_point_dialog(point.id)

    def log_visit(self) -> None:
        point = selected_row(self.points_view)
        if point is None:
            QMessageBox.information(self, "登记走访", "请先选择联系点。")
            return
        if VisitDialog(self.db, point.id, point.name, None, self).exec():
            self.refresh_points(select=point.id)
            self.changed.emit()

    def _edit_visit(self) -> None:
        point, visit = selected_row(self.points_view), selected_row(self.visits_view)
        if point is None or visit is None:
            return
        if VisitDialog(self.db, point.id, point.name, visit.id, self).exec():
            self.refresh_points(select=point.id)
            self.changed.emit()

    def _delete_visit(self) -> None:
        visit = selected_row(self.visits_view)
        if visit is None:
            return
        answer = QMessageBox.question(
            self, "删除走访", f"确定删除 {visit.visit_date} 的走访记录吗？"
        )
        if answer == QMessageBox.StandardButton.Yes:
            delete_visit(self.db, visit.id)
            self.refresh_points()
            self.changed.emit()

    # -- meetings --------------------------------------------------------------
    def refresh_meetings(self) -> None:
        year = self.year.value()
        grid = meeting_grid(self.db, year, date.today())
        columns: list[Column[Any]] = [Column("科室", lambda r: r[0], width=90)]
        columns += [_month_column(m) for m in range(1, 13)]
        self.grid.set_columns(columns)
        rows = [
            (name, {m: grid.states[(sid, m)] for m in range(1, 13)}, sid)
            for sid, name in grid.sections
        ]
        self.grid.set_rows(rows)
        for i, c in enumerate(columns):
            self.grid_view.setColumnWidth(i, c.width)
        self.meetings.set_rows(list_meetings(self.db, year))

    def select_section(self, section_id: int) -> None:
        select_where(self.grid_view, lambda r: r[2] == section_id)

    def meeting_dialog(self, meeting_id: int | None) -> None:
        sections = meeting_sections(self.db)
        people = cadre_choices(self.db)
        leaders = {p.id for p in people if p.post_title in ("科长", "副科长", "主任", "副主任")}
        dialog = MeetingDialog(self.db, sections, people, meeting_id, self, leaders=leaders)
        if dialog.exec():
            self.refresh_meetings()
            self.changed.emit()

    def _edit_meeting(self) -> None:
        meeting = selected_row(self.meetings_view)
        if meeting is not None:
            self.meeting_dialog(meeting.id)

    def _delete_meeting(self) -> None:
        meeting = selected_row(self.meetings_view)
        if meeting is None:
            return
        answer = QMessageBox.question(
            self, "删除汇报会", f"确定删除 {meeting.held_on} 的汇报会记录吗？"
        )
        if answer == QMessageBox.StandardButton.Yes:
            delete_meeting(self.db, meeting.id)
            self.refresh_meetings()
            self.changed.emit()
