"""挂职 form (new/edit) and the 结束挂职 form, with the kind's allowed range shown live."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from orgdesk.domain.errors import FieldProblem, ValidationFailed
from orgdesk.domain.normalize import DateParseError
from orgdesk.domain.secondment import (
    SecondmentInput,
    SecondmentKind,
    allowed_months,
    check_secondment,
    length_text,
    range_problem,
)
from orgdesk.domain.settings import Settings
from orgdesk.services.reference import load_settings
from orgdesk.services.rotation_data import CadreChoice
from orgdesk.services.secondments import end_secondment, get_secondment, save_secondment
from orgdesk.storage.database import Database
from orgdesk.ui.rotation.common import CadrePicker, current_actor
from orgdesk.ui.rotation.record_dialog import RecordDialog
from orgdesk.ui.widgets import DateField


class SecondmentDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        choices: list[CadreChoice],
        secondment_id: int | None = None,
        parent: QWidget | None = None,
        *,
        cadre_id: int | None = None,
        kind: SecondmentKind | None = None,
    ) -> None:
        key = str(secondment_id) if secondment_id is not None else "new"
        super().__init__("挂职锻炼" if secondment_id else "新增挂职", "secondment", key, parent)
        self.db = db
        self.settings: Settings = load_settings(db)
        self.secondment_id = secondment_id
        self.saved_id: int | None = None
        self._version: int | None = None
        self._actual_end: date | None = None
        self.resize(560, 520)

        self.person = CadrePicker(choices)
        self.kind = QComboBox()
        self.kind.addItem("", None)
        for k in SecondmentKind:
            self.kind.addItem(k.value, k.value)
        self.host_unit = QLineEdit()
        self.host_post = QLineEdit()
        self.planned_start = DateField()
        self.planned_end = DateField()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("计划期限超出该类别允许范围时必填")
        self.actual_start = DateField()
        self.note = QLineEdit()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.length = QLabel()

        self.add_field("人员", self.person, required=True)
        self.add_field("挂职类别", self.kind, required=True)
        self.form.addRow("", self.hint)
        self.add_field("挂职单位", self.host_unit, required=True)
        self.add_field("挂职职务", self.host_post, required=True)
        self.add_field("计划开始", self.planned_start, required=True)
        self.add_field("计划结束", self.planned_end, required=True)
        self.form.addRow("计划期限", self.length)
        self.add_field("超出期限原因", self.reason)
        self.add_field("实际开始", self.actual_start)
        self.add_field("备注", self.note)
        self.kind.currentIndexChanged.connect(self.update_hint)
        self.planned_start.textChanged.connect(self.update_hint)
        self.planned_end.textChanged.connect(self.update_hint)

        if secondment_id is not None:
            data, self._version = get_secondment(db, secondment_id)
            self.load(data)
        else:
            self.person.set_cadre_id(cadre_id)
            if kind is not None:
                self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.update_hint()
        self.restore_draft()

    def load(self, data: SecondmentInput) -> None:
        self.person.set_cadre_id(data.cadre_id)
        self.kind.setCurrentIndex(self.kind.findData(data.kind.value if data.kind else None))
        self.host_unit.setText(data.host_unit)
        self.host_post.setText(data.host_post)
        self.planned_start.set_value(data.planned_start)
        self.planned_end.set_value(data.planned_end)
        self.reason.setText(data.out_of_range_reason)
        self.actual_start.set_value(data.actual_start)
        self.note.setText(data.note)
        self._actual_end = data.actual_end
        if data.actual_end is not None:
            self.person.setEnabled(False)
            self.setWindowTitle(f"挂职锻炼（已于 {data.actual_end:%Y-%m-%d} 结束）")

    def update_hint(self, *_args: object) -> None:
        value = self.kind.currentData()
        if not value:
            self.hint.setText("下派：企业、乡镇、街道办事处；上挂：上级机关跟班；到有关部门学习")
            self.length.setText("")
            return
        kind = SecondmentKind(value)
        self.hint.setText(
            f"{kind.value}：{kind.hosts}，一般为 {allowed_months(kind, self.settings)}"
        )
        try:
            start, end = self.planned_start.value(), self.planned_end.value()
        except DateParseError:
            start = end = None
        if start is None or end is None or end < start:
            self.length.setText("")
            return
        problem = range_problem(kind, start, end, self.settings)
        self.length.setText(problem or f"{length_text(start, end)}（在允许范围内）")
        self.length.setStyleSheet("color: #b9770e" if problem else "color: #2e7d32")

    def read(self) -> tuple[SecondmentInput, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        if self.person.currentText().strip() and self.person.cadre_id() is None:
            problems.append(FieldProblem("人员", "没有找到该人员，请从列表中选择"))
        kind = self.kind.currentData()
        data = SecondmentInput(
            cadre_id=self.person.cadre_id(),
            kind=SecondmentKind(kind) if kind else None,
            host_unit=self.host_unit.text(),
            host_post=self.host_post.text(),
            planned_start=self.date_of("计划开始", problems),
            planned_end=self.date_of("计划结束", problems),
            actual_start=self.date_of("实际开始", problems),
            actual_end=self._actual_end,
            out_of_range_reason=self.reason.text(),
            note=self.note.text(),
        )
        return data, problems

    def submit(self) -> None:
        data, problems = self.read()
        if problems:
            problems += [p for p in check_secondment(data, self.settings) if not p.warning]
            raise ValidationFailed(problems)
        saved = save_secondment(
            self.db,
            data,
            actor=current_actor(),
            secondment_id=self.secondment_id,
            expected_version=self._version,
        )
        self.saved_id = saved.id


class EndSecondmentDialog(RecordDialog):
    """结束挂职: the actual end date (and a reason when the real length is out of range)."""

    def __init__(
        self,
        db: Database,
        secondment_id: int,
        title: str,
        suggested_end: date,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__("结束挂职", "secondment-end", str(secondment_id), parent)
        self.db, self.secondment_id, self.today = db, secondment_id, today
        self.resize(480, 220)
        self.add_widget(QLabel(title))
        self.end = DateField()
        self.end.set_value(suggested_end)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("实际期限超出该类别允许范围时必填")
        self.add_field("实际结束", self.end, required=True)
        self.add_field("超出期限原因", self.reason)
        self.save_button.setText("结束并写入任职经历")
        self.restore_draft()

    def submit(self) -> None:
        problems: list[FieldProblem] = []
        end = self.date_of("实际结束", problems)
        if end is None and not problems:
            problems.append(FieldProblem("实际结束", "不能为空"))
        if problems:
            raise ValidationFailed(problems)
        end_secondment(
            self.db,
            self.secondment_id,
            end,
            actor=current_actor(),
            reason=self.reason.text(),
            today=self.today,
        )
