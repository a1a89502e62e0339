"""培训计划 page: plans with goals, their sessions, enrolment and attendance."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from orgdesk.services.reference import ReferenceData
from orgdesk.services.training_plans import (
    EnrolmentRow,
    PlanRow,
    SessionRow,
    delete_plan,
    delete_session,
    enrol,
    enrolments,
    list_plans,
    list_sessions,
    set_attendance,
    withdraw,
)
from orgdesk.storage.database import Database
from orgdesk.ui.training.common import button, confirm, make_table, run_action, selected_items
from orgdesk.ui.training.forms import PlanDialog, SessionDialog
from orgdesk.ui.training.pickers import CadrePickDialog
from orgdesk.ui.training.table import GREY, RED, Column, RowsModel

ATTENDANCE = {True: "出勤", False: "缺勤", None: "未登记"}

PLAN_COLUMNS: list[Column[PlanRow]] = [
    Column("类型", lambda r: r.term, 80),
    Column("计划名称", lambda r: r.title, 230),
    Column("年度", lambda r: r.years, 80),
    Column("期数", lambda r: r.sessions, 45, numeric=True),
]
SESSION_COLUMNS: list[Column[SessionRow]] = [
    Column("培训名称", lambda r: r.title, 200),
    Column("类别", lambda r: r.group, 80),
    Column("开始", lambda r: r.start_date, 90),
    Column("结束", lambda r: r.end_date, 90),
    Column("学时", lambda r: r.hours, 45, numeric=True),
    Column("学分", lambda r: "按学时" if r.credits is None else r.credits, 60),
    Column("培训方式", lambda r: r.modes, 230),
    Column("报名", lambda r: r.enrolled, 45, numeric=True),
    Column("出勤", lambda r: r.attended, 45, numeric=True),
    Column("心得截止", lambda r: r.note_due, 90),
    Column("地点/平台", lambda r: r.place, 120),
]
ENROLMENT_COLUMNS: list[Column[EnrolmentRow]] = [
    Column("姓名", lambda r: r.cadre.name, 90),
    Column("科室", lambda r: r.cadre.section, 120),
    Column("职级", lambda r: r.cadre.rank, 110),
    Column("出勤", lambda r: ATTENDANCE[r.attended], 70),
]


def _attendance_brush(row: EnrolmentRow):  # type: ignore[no-untyped-def]
    return RED if row.attended is False else GREY if row.attended is None else None


class PlansPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, reference: ReferenceData, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.reference = db, reference
        self.year = 0
        self.plans: RowsModel[PlanRow] = RowsModel(PLAN_COLUMNS, self)
        self.plan_view = make_table(self.plans, multi=False)
        self.plan_view.setSortingEnabled(False)
        self.goals = QLabel()
        self.goals.setWordWrap(True)
        self.goals.setStyleSheet("color: #333; padding: 4px")
        self.sessions: RowsModel[SessionRow] = RowsModel(SESSION_COLUMNS, self)
        self.session_view = make_table(self.sessions, multi=False)
        self.people: RowsModel[EnrolmentRow] = RowsModel(
            ENROLMENT_COLUMNS, self, row_background=_attendance_brush
        )
        self.people_view = make_table(self.people)
        self.people_label = QLabel()

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>培训计划</b>（近期计划、长远规划）"))
        bar.addStretch(1)
        ll.addLayout(bar)
        ll.addWidget(self.plan_view, 2)
        plan_bar = QHBoxLayout()
        for b in (
            button("新建计划", lambda: self.edit_plan(new=True)),
            button("修改", self.edit_plan),
            button("删除", self.remove_plan),
        ):
            plan_bar.addWidget(b)
        ll.addLayout(plan_bar)
        ll.addWidget(QLabel("<b>计划目标</b>"))
        ll.addWidget(self.goals, 1)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>本计划本年度的培训课程/班次</b>"))
        bar.addStretch(1)
        for b in (
            button("新增培训", lambda: self.edit_session(new=True)),
            button("修改", self.edit_session),
            button("删除", self.remove_session),
        ):
            bar.addWidget(b)
        rl.addLayout(bar)
        rl.addWidget(self.session_view, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.people_label)
        bar.addStretch(1)
        self.enrol_button = button("报名…", self.enrol, "逐个选人，或按科室、职级、全体批量报名")
        for b in (
            self.enrol_button,
            button("取消报名", self.withdraw),
            button("标记出勤", lambda: self.mark(True)),
            button("标记缺勤", lambda: self.mark(False)),
            button("全部出勤", self.mark_all),
        ):
            bar.addWidget(b)
        rl.addLayout(bar)
        rl.addWidget(self.people_view, 1)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([420, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.plan_view.selectionModel().currentRowChanged.connect(lambda *_: self._plan_chosen())
        self.session_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._session_chosen()
        )
        self.plan_view.doubleClicked.connect(lambda _i: self.edit_plan())
        self.session_view.doubleClicked.connect(lambda _i: self.edit_session())

    # -- loading ---------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self) -> None:
        keep_plan = self.current_plan()
        keep_session = self.current_session()
        self.plans.set_rows(list_plans(self.db, self.year))
        self._select(self.plan_view, self.plans, keep_plan.id if keep_plan else None)
        self._plan_chosen(keep_session.id if keep_session else None)

    @staticmethod
    def _select(view, model: RowsModel, ident: int | None) -> None:  # type: ignore[no-untyped-def]
        rows = model.rows
        index = next((i for i, r in enumerate(rows) if r.id == ident), 0 if rows else -1)
        if index >= 0:
            view.selectRow(index)

    def current_plan(self) -> PlanRow | None:
        index = self.plan_view.currentIndex()
        return self.plans.row(index.row()) if index.isValid() else None

    def current_session(self) -> SessionRow | None:
        index = self.session_view.currentIndex()
        return self.sessions.row(index.row()) if index.isValid() else None

    def _plan_chosen(self, keep_session: int | None = None) -> None:
        plan = self.current_plan()
        self.goals.setText(plan.goals if plan else "")
        rows = list_sessions(self.db, plan_id=plan.id, year=self.year) if plan else []
        self.sessions.set_rows(rows)
        self._select(self.session_view, self.sessions, keep_session)
        self._session_chosen()

    def _session_chosen(self) -> None:
        session = self.current_session()
        rows = enrolments(self.db, session.id) if session else []
        self.people.set_rows(rows)
        self.enrol_button.setEnabled(session is not None)
        if session is None:
            self.people_label.setText("<b>报名与出勤</b>")
            return
        present = sum(1 for r in rows if r.attended)
        self.people_label.setText(
            f"<b>「{session.title}」报名 {len(rows)} 人，出勤 {present} 人</b>"
        )

    def _done(self) -> None:
        self.refresh()
        self.changed.emit()

    # -- plans and sessions ----------------------------------------------------------------
    def edit_plan(self, new: bool = False) -> None:
        row = None if new else self.current_plan()
        if not new and row is None:
            return
        dialog = PlanDialog(self.db, self.year, row, self)
        if dialog.exec():
            self.refresh()
            self._select(self.plan_view, self.plans, dialog.saved_id)
            self.changed.emit()

    def remove_plan(self) -> None:
        plan = self.current_plan()
        if (
            plan
            and confirm(self, f"删除计划「{plan.title}」？")
            and run_action(self, lambda: delete_plan(self.db, plan.id))
        ):
            self._done()

    def edit_session(self, new: bool = False) -> None:
        row = None if new else self.current_session()
        if not new and row is None:
            return
        all_plans = list_plans(self.db, self.year)
        if not all_plans:
            QMessageBox.information(self, "请先新建计划", "培训课程须归属于一个培训计划。")
            return
        plan = self.current_plan()
        dialog = SessionDialog(self.db, all_plans, plan.id if plan else None, row, self)
        if dialog.exec():
            self.refresh()
            self._select(self.session_view, self.sessions, dialog.saved_id)
            self._session_chosen()
            self.changed.emit()

    def remove_session(self) -> None:
        session = self.current_session()
        if session and confirm(
            self, f"删除「{session.title}」？其报名、出勤和学习心得记录将一并删除。"
        ):
            delete_session(self.db, session.id)
            self._done()

    # -- enrolment and attendance ----------------------------------------------------------
    def enrol(self) -> None:
        session = self.current_session()
        if session is None:
            return
        dialog = CadrePickDialog(self.db, self.reference, f"报名：{session.title}", self)
        if dialog.exec() and dialog.pick is not None:
            pick = dialog.pick
            if run_action(self, lambda: enrol(self.db, session.id, pick)):
                self._done()

    def withdraw(self) -> None:
        session = self.current_session()
        chosen = selected_items(self.people_view)
        if session and chosen and confirm(self, f"取消 {len(chosen)} 人的报名？"):
            withdraw(self.db, session.id, [r.cadre.id for r in chosen])
            self._done()

    def mark(self, attended: bool | None) -> None:
        session = self.current_session()
        chosen = selected_items(self.people_view)
        if session and chosen:
            marks = {r.cadre.id: attended for r in chosen}
            if run_action(self, lambda: set_attendance(self.db, session.id, marks)):
                self._done()

    def mark_all(self) -> None:
        session = self.current_session()
        if session and self.people.rows:
            marks: dict[int, bool | None] = {r.cadre.id: True for r in self.people.rows}
            if run_action(self, lambda: set_attendance(self.db, session.id, marks)):
                self._done()
