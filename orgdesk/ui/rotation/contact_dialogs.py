"""Forms for 联系点, 走访 and the monthly 职能科室工作汇报会 (minutes, reports, attendance)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from orgdesk.domain.contact_points import (
    Attendance,
    ContactKind,
    ContactPointInput,
    MeetingInput,
    VisitActivity,
    VisitInput,
)
from orgdesk.domain.errors import FieldProblem, ValidationFailed
from orgdesk.services.contact_points import (
    get_contact_point,
    get_visit,
    save_contact_point,
    save_visit,
)
from orgdesk.services.reference import ReferenceData
from orgdesk.services.rotation_data import CadreChoice
from orgdesk.services.work_meetings import get_meeting, save_meeting
from orgdesk.storage.database import Database
from orgdesk.ui.rotation.common import current_actor
from orgdesk.ui.rotation.record_dialog import RecordDialog
from orgdesk.ui.widgets import DateField

NOT_RECORDED = "—"


class ContactPointDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        reference: ReferenceData,
        point_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        key = str(point_id) if point_id else "new"
        super().__init__("联系点" if point_id else "新增联系点", "contact-point", key, parent)
        self.db, self.point_id = db, point_id
        self.saved_id: int | None = None
        self.resize(460, 360)
        self.name = QLineEdit()
        self.kind = QComboBox()
        for k in ContactKind:
            self.kind.addItem(k.value, k.value)
        self.owner = QComboBox()
        self.owner.addItem("部机关", None)
        for sec in reference.sections:
            self.owner.addItem(sec.name, sec.id)
        self.address = QLineEdit()
        self.person = QLineEdit()
        self.phone = QLineEdit()
        self.note = QLineEdit()
        self.active = QCheckBox("在用（取消后不再提醒走访）")
        self.active.setChecked(True)
        self.add_field("联系点名称", self.name, required=True)
        self.add_field("类型", self.kind, required=True)
        self.add_field("所属", self.owner)
        self.add_field("地址", self.address)
        self.add_field("联系人", self.person)
        self.add_field("联系电话", self.phone)
        self.add_field("备注", self.note)
        self.add_field("状态", self.active)
        if point_id is not None:
            d = get_contact_point(db, point_id)
            self.name.setText(d.name)
            self.kind.setCurrentIndex(self.kind.findData(d.kind.value if d.kind else None))
            self.owner.setCurrentIndex(max(self.owner.findData(d.owner_section_id), 0))
            self.address.setText(d.address)
            self.person.setText(d.contact_person)
            self.phone.setText(d.phone)
            self.note.setText(d.note)
            self.active.setChecked(d.active)
        self.restore_draft()

    def submit(self) -> None:
        kind = self.kind.currentData()
        self.saved_id = save_contact_point(
            self.db,
            ContactPointInput(
                name=self.name.text(),
                kind=ContactKind(kind) if kind else None,
                owner_section_id=self.owner.currentData(),
                address=self.address.text(),
                contact_person=self.person.text(),
                phone=self.phone.text(),
                note=self.note.text(),
                active=self.active.isChecked(),
            ),
            point_id=self.point_id,
        )


class VisitDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        point_id: int,
        point_name: str,
        visit_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        key = f"{point_id}-{visit_id or 'new'}"
        super().__init__(f"走访记录：{point_name}", "contact-visit", key, parent)
        self.db, self.point_id, self.visit_id = db, point_id, visit_id
        self.resize(520, 440)
        self.when = DateField()
        self.when.set_value(date.today())
        self.visitors = QLineEdit()
        self.visitors.setPlaceholderText("多人用顿号分隔，如：张三、李四")
        self.activity = QComboBox()
        for a in VisitActivity:
            self.activity.addItem(a.value, a.value)
        self.days = QSpinBox()
        self.days.setRange(1, 366)
        self.days.setSuffix(" 天")
        self.content = QLineEdit()
        self.findings = QPlainTextEdit()
        self.findings.setPlaceholderText("了解到的情况、发现的问题和意见建议")
        self.add_field("走访日期", self.when, required=True)
        self.add_field("走访人员", self.visitors, required=True)
        self.add_field("活动内容", self.activity, required=True)
        self.add_field("天数", self.days)
        self.add_field("主要事项", self.content)
        self.add_field("发现问题", self.findings)
        if visit_id is not None:
            v = get_visit(db, visit_id)
            self.when.set_value(v.visit_date)
            self.visitors.setText(v.visitors)
            self.activity.setCurrentIndex(
                self.activity.findData(v.activity.value if v.activity else None)
            )
            self.days.setValue(v.days)
            self.content.setText(v.content)
            self.findings.setPlainText(v.findings)
        self.restore_draft()

    def submit(self) -> None:
        problems: list[FieldProblem] = []
        when = self.date_of("走访日期", problems)
        if problems:
            raise ValidationFailed(problems)
        save_visit(
            self.db,
            VisitInput(
                self.point_id,
                when,
                self.visitors.text(),
                VisitActivity(self.activity.currentData()),
                self.days.value(),
                self.content.text(),
                self.findings.toPlainText(),
            ),
            actor=current_actor(),
            visit_id=self.visit_id,
        )


class MeetingDialog(RecordDialog):
    """One monthly meeting: minutes, which sections reported (and what), who attended."""

    def __init__(
        self,
        db: Database,
        sections: list[tuple[int, str]],
        people: list[CadreChoice],
        meeting_id: int | None = None,
        parent: QWidget | None = None,
        *,
        leaders: set[int] | None = None,
    ) -> None:
        key = str(meeting_id) if meeting_id else "new"
        super().__init__("职能科室工作汇报会", "work-meeting", key, parent)
        self.db, self.meeting_id = db, meeting_id
        self._version: int | None = None
        self.resize(760, 760)
        self.held_on = DateField()
        self.held_on.set_value(date.today())
        self.chair = QLineEdit()
        self.minutes = QPlainTextEdit()
        self.minutes.setPlaceholderText("会议研讨的工作、业务交流、工作动态、重点和面临的问题")
        self.major = QPlainTextEdit()
        self.major.setPlaceholderText("需要随时通报的重大情况（如有）")
        self.major.setMaximumHeight(60)
        self.add_field("会议日期", self.held_on, required=True)
        self.add_field("主持人", self.chair, required=True)
        self.add_field("会议纪要", self.minutes, required=True)
        self.add_field("重大事项", self.major)

        self.reports = QTableWidget(len(sections), 2)
        self.reports.setHorizontalHeaderLabels(("汇报科室", "汇报内容"))
        self.reports.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.reports.verticalHeader().setVisible(False)
        for row, (sid, name) in enumerate(sections):
            item = QTableWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, sid)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.reports.setItem(row, 0, item)
            self.reports.setItem(row, 1, QTableWidgetItem(""))
        self.reports.setColumnWidth(0, 150)
        self.reports.itemChanged.connect(self.mark_dirty)
        self.add_field("汇报科室", self.reports)

        stored: MeetingInput | None = None
        if meeting_id is not None:
            stored, self._version = get_meeting(db, meeting_id)
        keep = set(stored.attendance) if stored else set()
        shown = [p for p in people if leaders is None or p.id in leaders or p.id in keep]
        self.people = shown
        self.attendance = QTableWidget(len(shown), 2)
        self.attendance.setHorizontalHeaderLabels(("参会人员", "出席情况"))
        self.attendance.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.attendance.verticalHeader().setVisible(False)
        for row, person in enumerate(shown):
            self.attendance.setItem(row, 0, QTableWidgetItem(person.label))
            box = QComboBox()
            box.addItem(NOT_RECORDED, None)
            for a in Attendance:
                box.addItem(a.value, a.value)
            box.setCurrentIndex(1)
            box.currentIndexChanged.connect(self.mark_dirty)
            self.attendance.setCellWidget(row, 1, box)
        self.add_field("参会人员", self.attendance)

        if stored is not None:
            self.load(stored)
        self.restore_draft()

    def load(self, data: MeetingInput) -> None:
        self.held_on.set_value(data.held_on)
        self.chair.setText(data.chair)
        self.minutes.setPlainText(data.minutes)
        self.major.setPlainText(data.major_matters)
        self.reports.blockSignals(True)
        for row in range(self.reports.rowCount()):
            item = self._cell(row, 0)
            sid = item.data(Qt.ItemDataRole.UserRole)
            reported = sid in data.reports
            item.setCheckState(Qt.CheckState.Checked if reported else Qt.CheckState.Unchecked)
            self._cell(row, 1).setText(data.reports.get(sid, ""))
        self.reports.blockSignals(False)
        for row, person in enumerate(self.people):
            box = self.attendance.cellWidget(row, 1)
            assert isinstance(box, QComboBox)
            status = data.attendance.get(person.id)
            box.setCurrentIndex(box.findData(status.value) if status else 0)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.reports.item(row, column)
        assert item is not None
        return item

    def read(self) -> tuple[MeetingInput, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        reports = {}
        for row in range(self.reports.rowCount()):
            item = self._cell(row, 0)
            if item.checkState() == Qt.CheckState.Checked:
                reports[int(item.data(Qt.ItemDataRole.UserRole))] = self._cell(row, 1).text()
        attendance = {}
        for row, person in enumerate(self.people):
            box = self.attendance.cellWidget(row, 1)
            if isinstance(box, QComboBox) and box.currentData():
                attendance[person.id] = Attendance(box.currentData())
        data = MeetingInput(
            held_on=self.date_of("会议日期", problems),
            chair=self.chair.text(),
            minutes=self.minutes.toPlainText(),
            major_matters=self.major.toPlainText(),
            reports=reports,
            attendance=attendance,
        )
        return data, problems

    def draft_content(self) -> dict[str, Any]:
        data, _ = self.read()
        out = super().draft_content()
        out["reports"] = {str(k): v for k, v in data.reports.items()}
        out["attendance"] = {str(k): v.value for k, v in data.attendance.items()}
        out["held_on_text"] = self.held_on.text()
        return out

    def apply_draft(self, content: dict[str, Any]) -> None:
        super().apply_draft(content)
        reports = {int(k): str(v) for k, v in (content.get("reports") or {}).items()}
        attendance = {int(k): Attendance(v) for k, v in (content.get("attendance") or {}).items()}
        self.load(
            MeetingInput(
                held_on=None,
                chair=self.chair.text(),
                minutes=self.minutes.toPlainText(),
                major_matters=self.major.toPlainText(),
                reports=reports,
                attendance=attendance,
            )
        )
        self.held_on.setText(str(content.get("held_on_text", "")))

    def submit(self) -> None:
        data, problems = self.read()
        if problems:
            raise ValidationFailed(problems)
        save_meeting(
            self.db,
            data,
            actor=current_actor(),
            meeting_id=self.meeting_id,
            expected_version=self._version,
        )
