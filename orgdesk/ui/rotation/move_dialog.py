"""One proposed move of the yearly plan: person → section/post on a date."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from orgdesk.domain.errors import FieldProblem, ValidationFailed
from orgdesk.services.reference import ReferenceData
from orgdesk.services.rotation import RotationRow
from orgdesk.services.rotation_data import CadreChoice
from orgdesk.services.rotation_plan import MoveInput, MoveRow, save_move
from orgdesk.storage.database import Database
from orgdesk.ui.rotation.common import CadrePicker
from orgdesk.ui.rotation.record_dialog import RecordDialog
from orgdesk.ui.widgets import DateField

POST_TITLES = ("科员", "副科长", "科长", "副主任", "主任")


def first_of_next_month(today: date) -> date:
    return date(today.year + (today.month == 12), today.month % 12 + 1, 1)


class MoveDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        plan_id: int,
        reference: ReferenceData,
        choices: list[CadreChoice],
        standing: dict[int, RotationRow],
        parent: QWidget | None = None,
        *,
        move: MoveRow | None = None,
        cadre_id: int | None = None,
        today: date | None = None,
    ) -> None:
        key = f"{plan_id}-{move.id if move else 'new'}"
        super().__init__("修改调整" if move else "新增调整", "rotation-move", key, parent)
        self.db, self.plan_id, self.standing = db, plan_id, standing
        self.move_id = move.id if move else None
        self.saved_id: int | None = None
        self.resize(560, 360)

        self.person = CadrePicker(choices)
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.current.setStyleSheet("color: #555")
        self.section = QComboBox()
        self.section.addItem("", None)
        for sec in reference.sections:
            self.section.addItem(f"{sec.name}（{sec.kind.value}）", sec.id)
        self.post = QComboBox()
        self.post.setEditable(True)
        self.post.addItems(POST_TITLES)
        self.rank = QComboBox()
        self.rank.addItem("（不变）", None)
        for r in reference.ranks:
            self.rank.addItem(r.name, r.id)
        self.effective = DateField()
        self.effective.set_value(first_of_next_month(today or date.today()))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("如：任现岗位已满 3 年，按期轮岗")

        self.add_field("人员", self.person, required=True)
        self.form.addRow("", self.current)
        self.add_field("拟任科室", self.section, required=True)
        self.add_field("拟任职务", self.post, required=True)
        self.add_field("职级", self.rank)
        self.add_field("生效日期", self.effective, required=True)
        self.add_field("调整理由", self.reason)
        self.person.currentIndexChanged.connect(self.show_standing)
        self.person.editTextChanged.connect(self.show_standing)

        if move is not None:
            self.person.set_cadre_id(move.cadre_id)
            self.section.setCurrentIndex(self.section.findData(move.to_section_id))
            self.post.setEditText(move.to_post)
            self.rank.setCurrentIndex(max(self.rank.findData(move.to_rank_id), 0))
            self.effective.set_value(move.effective)
            self.reason.setText(move.reason)
        else:
            self.person.set_cadre_id(cadre_id)
            row = standing.get(cadre_id or 0)
            if row is not None:
                self.reason.setText(f"任现岗位已 {row.in_post}，按期轮岗")
        self.show_standing()
        self.restore_draft()

    def show_standing(self, *_args: object) -> None:
        row = self.standing.get(self.person.cadre_id() or 0)
        if row is None:
            self.current.setText("")
            return
        away = f"；正在{row.secondment}挂职" if row.secondment else ""
        self.current.setText(
            f"现任 {row.section} {row.post_title}，{row.since:%Y-%m-%d} 起已 {row.in_post}，"
            f"轮岗{row.state.label}{away}"
        )

    def submit(self) -> None:
        problems: list[FieldProblem] = []
        if self.person.currentText().strip() and self.person.cadre_id() is None:
            problems.append(FieldProblem("人员", "没有找到该人员，请从列表中选择"))
        effective = self.date_of("生效日期", problems)
        if problems:
            raise ValidationFailed(problems)
        self.saved_id = save_move(
            self.db,
            self.plan_id,
            MoveInput(
                cadre_id=self.person.cadre_id(),
                to_section_id=self.section.currentData(),
                to_post_title=self.post.currentText(),
                effective=effective,
                to_rank_id=self.rank.currentData(),
                reason=self.reason.text(),
            ),
            move_id=self.move_id,
        )
