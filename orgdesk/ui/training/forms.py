"""The small forms of the training pages: subject, reading item, plan, session, exam, activity."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from orgdesk.domain.errors import FieldProblem, ValidationFailed
from orgdesk.domain.normalize import DateParseError
from orgdesk.domain.training import ActivityKind, PlanTerm, SubjectGroup
from orgdesk.services.reference import ReferenceData
from orgdesk.services.training_activities import ActivityInput, save_activity
from orgdesk.services.training_exams import ExamInput, save_exam
from orgdesk.services.training_plans import (
    MODE_FIELDS,
    PlanInput,
    PlanRow,
    SessionInput,
    SessionRow,
    save_plan,
    save_session,
)
from orgdesk.services.training_syllabus import (
    ReadingInput,
    ReadingRow,
    SubjectInput,
    SubjectRow,
    save_reading,
    save_subject,
)
from orgdesk.storage.database import Database
from orgdesk.ui.training.common import FormDialog
from orgdesk.ui.widgets import DateField, choice_combo, set_combo_data

GROUPS = [g.value for g in SubjectGroup]


def read_date(field: DateField, label: str, problems: list[FieldProblem]) -> date | None:
    try:
        return field.value()
    except DateParseError as exc:
        problems.append(FieldProblem(label, str(exc), None, field.text()))
        return None


def number_box(value: float, lo: float, hi: float, decimals: int = 1) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setDecimals(decimals)
    box.setValue(value)
    return box


class SubjectDialog(FormDialog):
    def __init__(
        self, db: Database, syllabus_id: int, row: SubjectRow | None, parent: QWidget | None
    ) -> None:
        super().__init__("培训科目", parent)
        self.db, self.syllabus_id, self.row = db, syllabus_id, row
        self.group = choice_combo(GROUPS, allow_empty=False)
        self.name = QLineEdit()
        self.requirement = QLineEdit()
        self.requirement.setPlaceholderText("如：掌握基本原理，结合工作写出体会")
        self.form.addRow("类别", self.group)
        self.form.addRow("科目", self.name)
        self.form.addRow("学习要求", self.requirement)
        if row:
            set_combo_data(self.group, row.group)
            self.name.setText(row.name)
            self.requirement.setText(row.requirement)

    def submit(self) -> int:
        data = SubjectInput(self.group.currentData(), self.name.text(), self.requirement.text())
        return save_subject(self.db, self.syllabus_id, data, self.row.id if self.row else None)


class ReadingDialog(FormDialog):
    """必读书目: who must read it is chosen by ticking sections and ranks; none ticked = 全体."""

    def __init__(
        self,
        db: Database,
        reference: ReferenceData,
        syllabus_id: int,
        row: ReadingRow | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__("必读书目", parent)
        self.db, self.syllabus_id, self.row = db, syllabus_id, row
        self.group = choice_combo(GROUPS, allow_empty=False)
        self.title_edit = QLineEdit()
        self.author = QLineEdit()
        self.note_due = DateField()
        self.note_due.setPlaceholderText("留空表示不要求提交学习心得")
        self.audience = QListWidget()
        self.audience.setMaximumHeight(180)
        for kind, items in (("section", reference.sections), ("rank", reference.ranks)):
            for x in items:
                label = f"科室：{x.name}" if kind == "section" else f"职级：{x.name}"
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, (kind, x.id))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                chosen = row is not None and (
                    x.id
                    in (row.audience.section_ids if kind == "section" else row.audience.rank_ids)
                )
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                self.audience.addItem(item)
        self.form.addRow("类别", self.group)
        self.form.addRow("书名", self.title_edit)
        self.form.addRow("作者/编者", self.author)
        self.form.addRow("心得截止日期", self.note_due)
        self.form.addRow("阅读范围（不勾选为全体）", self.audience)
        if row:
            set_combo_data(self.group, row.group)
            self.title_edit.setText(row.title)
            self.author.setText(row.author)
            self.note_due.set_value(row.note_due)

    def submit(self) -> int:
        problems: list[FieldProblem] = []
        due = read_date(self.note_due, "心得截止日期", problems)
        if problems:
            raise ValidationFailed(problems)
        sections: list[int] = []
        ranks: list[int] = []
        for i in range(self.audience.count()):
            item = self.audience.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                kind, ident = item.data(Qt.ItemDataRole.UserRole)
                (sections if kind == "section" else ranks).append(int(ident))
        data = ReadingInput(
            self.group.currentData(),
            self.title_edit.text(),
            self.author.text(),
            due,
            sections,
            ranks,
        )
        return save_reading(self.db, self.syllabus_id, data, self.row.id if self.row else None)


class PlanDialog(FormDialog):
    def __init__(
        self, db: Database, year: int, row: PlanRow | None, parent: QWidget | None
    ) -> None:
        super().__init__("培训计划", parent)
        self.db, self.row = db, row
        self.term = choice_combo([t.value for t in PlanTerm], allow_empty=False)
        self.title_edit = QLineEdit()
        self.start = QSpinBox()
        self.end = QSpinBox()
        for box in (self.start, self.end):
            box.setRange(1990, 2100)
            box.setValue(year)
        self.goals = QPlainTextEdit()
        self.goals.setPlaceholderText("计划目标：学什么、学到什么程度、何时完成")
        self.form.addRow("类型", self.term)
        self.form.addRow("计划名称", self.title_edit)
        self.form.addRow("开始年度", self.start)
        self.form.addRow("结束年度", self.end)
        self.form.addRow("目标", self.goals)
        if row:
            set_combo_data(self.term, row.term)
            self.title_edit.setText(row.title)
            self.start.setValue(row.start_year)
            self.end.setValue(row.end_year)
            self.goals.setPlainText(row.goals)

    def submit(self) -> int:
        data = PlanInput(
            self.term.currentData(),
            self.title_edit.text(),
            self.start.value(),
            self.end.value(),
            self.goals.toPlainText(),
        )
        return save_plan(self.db, data, self.row.id if self.row else None)


class SessionDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        plans: list[PlanRow],
        plan_id: int | None,
        row: SessionRow | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__("培训课程/班次", parent)
        self.db, self.row = db, row
        self.plan = QComboBox()
        for p in plans:
            self.plan.addItem(f"{p.title}（{p.years}）", p.id)
        set_combo_data(self.plan, row.plan_id if row else plan_id)
        self.title_edit = QLineEdit()
        self.group = choice_combo(GROUPS, allow_empty=False)
        self.start, self.end, self.note_due = DateField(), DateField(), DateField()
        self.note_due.setPlaceholderText("留空表示不要求提交学习心得")
        self.hours = number_box(8, 0, 1000)
        self.by_rule = QComboBox()
        self.by_rule.addItem("按学时规则计算", False)
        self.by_rule.addItem("本期规定学分", True)
        self.credits = number_box(0, 0, 1000)
        self.by_rule.currentIndexChanged.connect(
            lambda _i: self.credits.setEnabled(bool(self.by_rule.currentData()))
        )
        self.credits.setEnabled(False)
        self.modes = {
            key: choice_combo([o.value for o in opts], allow_empty=False)
            for key, _l, opts in MODE_FIELDS
        }
        self.place = QLineEdit()
        self.form.addRow("所属计划", self.plan)
        self.form.addRow("培训名称", self.title_edit)
        self.form.addRow("类别", self.group)
        self.form.addRow("开始日期", self.start)
        self.form.addRow("结束日期", self.end)
        self.form.addRow("学时", self.hours)
        self.form.addRow("学分", self.by_rule)
        self.form.addRow("", self.credits)
        for key, label, _opts in MODE_FIELDS:
            self.form.addRow(label, self.modes[key])
        self.form.addRow("地点/平台", self.place)
        self.form.addRow("心得截止日期", self.note_due)
        if row:
            self.title_edit.setText(row.title)
            set_combo_data(self.group, row.group)
            self.start.set_value(row.start_date)
            self.end.set_value(row.end_date)
            self.hours.setValue(row.hours)
            if row.credits is not None:
                self.by_rule.setCurrentIndex(1)
                self.credits.setValue(row.credits)
            for key, _l, _o in MODE_FIELDS:
                set_combo_data(self.modes[key], getattr(row, key))
            self.place.setText(row.place)
            self.note_due.set_value(row.note_due)

    def submit(self) -> int:
        problems: list[FieldProblem] = []
        start = read_date(self.start, "开始日期", problems)
        end = read_date(self.end, "结束日期", problems)
        due = read_date(self.note_due, "心得截止日期", problems)
        if self.plan.currentData() is None:
            problems.append(FieldProblem("所属计划", "请先新建一个培训计划"))
        if problems:
            raise ValidationFailed(problems)
        modes = {key: self.modes[key].currentData() for key, _l, _o in MODE_FIELDS}
        data = SessionInput(
            plan_id=int(self.plan.currentData()),
            title=self.title_edit.text(),
            group=self.group.currentData(),
            start_date=start,
            end_date=end or start,
            hours=self.hours.value(),
            credits=self.credits.value() if self.by_rule.currentData() else None,
            place=self.place.text(),
            note_due=due,
            **modes,
        )
        return save_session(self.db, data, self.row.id if self.row else None)


class ExamDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        data: ExamInput,
        exam_id: int | None,
        sessions: list[tuple[int, str]],
        parent: QWidget | None,
    ) -> None:
        super().__init__("考试", parent)
        self.db, self.exam_id = db, exam_id
        self.title_edit = QLineEdit(data.title)
        self.held_on = DateField()
        self.held_on.set_value(data.held_on)
        self.group = choice_combo(GROUPS, allow_empty=False)
        set_combo_data(self.group, data.group)
        self.full_mark = number_box(data.full_mark, 1, 1000)
        self.pass_mark = number_box(data.pass_mark, 0, 1000)
        self.session = QComboBox()
        self.session.addItem("（不关联）", None)
        for sid, name in sessions:
            self.session.addItem(name, sid)
        set_combo_data(self.session, data.session_id)
        self.form.addRow("考试名称", self.title_edit)
        self.form.addRow("考试日期", self.held_on)
        self.form.addRow("类别", self.group)
        self.form.addRow("满分", self.full_mark)
        self.form.addRow("及格线", self.pass_mark)
        self.form.addRow("关联培训", self.session)

    def submit(self) -> int:
        problems: list[FieldProblem] = []
        held = read_date(self.held_on, "考试日期", problems)
        if problems:
            raise ValidationFailed(problems)
        data = ExamInput(
            self.title_edit.text(),
            held,
            self.group.currentData(),
            self.pass_mark.value(),
            self.full_mark.value(),
            self.session.currentData(),
        )
        return save_exam(self.db, data, self.exam_id)


class ActivityDialog(FormDialog):
    def __init__(self, db: Database, held_on: date, parent: QWidget | None) -> None:
        super().__init__("学习活动", parent)
        self.db = db
        self.kind = choice_combo([k.value for k in ActivityKind], allow_empty=False)
        self.title_edit = QLineEdit()
        self.held_on = DateField()
        self.held_on.set_value(held_on)
        self.organizer = QLineEdit()
        self.form.addRow("活动类型", self.kind)
        self.form.addRow("活动名称", self.title_edit)
        self.form.addRow("举办日期", self.held_on)
        self.form.addRow("主办", self.organizer)

    def submit(self) -> int:
        problems: list[FieldProblem] = []
        held = read_date(self.held_on, "举办日期", problems)
        if problems:
            raise ValidationFailed(problems)
        data = ActivityInput(
            self.kind.currentData(), self.title_edit.text(), held, self.organizer.text()
        )
        return save_activity(self.db, data)
