"""The workflow dialogs of 工作台账: 交办, 签字, 超期说明, 部领导审核, 整改与答复.

Each calls its service on OK; a refusal is shown in the dialog (in Chinese,
naming the field) and nothing changes.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import FieldProblem, OrgDeskError, ValidationFailed
from orgdesk.domain.ledger import SUGGESTION_CATEGORIES, ItemKind
from orgdesk.domain.ledger_input import SuggestionFollowUp
from orgdesk.domain.normalize import DateParseError
from orgdesk.services import ledger as svc
from orgdesk.services.ledger_detail import ItemDetail, people, section_leader
from orgdesk.services.reference import ReferenceData
from orgdesk.storage.database import Database
from orgdesk.ui.ledger_forms import DraftDialog, PersonCombo, ok_cancel, section_combo
from orgdesk.ui.widgets import DateField, set_combo_data


class _ActionDialog(DraftDialog):
    """One workflow step on one item: a heading naming the item, the step's fields
    (`build()`), and OK running the step's service (`save()`)."""

    title = ""  # the window title (before the item's number)
    draft = ""  # the draft file's name, with the item's id

    def __init__(
        self,
        db: Database,
        detail: ItemDetail,
        *,
        actor: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, f"{self.draft}-{detail.id}")
        self.db = db
        self.detail = detail
        self.actor = actor
        self.today = today
        self.setWindowTitle(f"{self.title} — {detail.number}")
        self.resize(560, 360)
        self.heading = QLabel(
            f"<b>{escape(detail.number)}</b> {escape(detail.title)}<br>"
            f"期限 {detail.due_on:%Y-%m-%d}（{escape(detail.deadline)}）　操作人：{escape(actor)}"
        )
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.summary)
        self.body.addLayout(self.form)
        self.build()

    def build(self) -> None:  # pragma: no cover - every subclass has one
        raise NotImplementedError

    def finish(self, ok_text: str) -> None:
        self.body.addStretch(1)
        self.body.addWidget(ok_cancel(self, ok_text, self.save))
        self.offer_draft()
        self.watch()

    def run(self, action, labels: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except ValidationFailed as exc:
            self.show_problems(exc.problems, labels)
            return
        except OrgDeskError as exc:
            self.summary.show_message(str(exc))
            return
        self.saved()

    def save(self) -> None:  # pragma: no cover - every subclass has one
        raise NotImplementedError


class AssignDialog(_ActionDialog):
    """交办 / 改派: the section and the person responsible (section leader pre-selected)."""

    draft = "assign"

    def __init__(
        self,
        db: Database,
        reference: ReferenceData,
        detail: ItemDetail,
        *,
        actor: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        self.reference = reference
        self.again = detail.section_id is not None
        self.title = "改派" if self.again else "交办"
        super().__init__(db, detail, actor=actor, today=today, parent=parent)

    def build(self) -> None:
        detail, again = self.detail, self.again
        self.section = section_combo(self.reference, empty="")
        self.handler = PersonCombo()
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(60)
        self.field_row(self.form, "section_id", "承办科室 *", self.section)
        self.field_row(self.form, "handler_name", "经办人 *", self.handler)
        self.field_row(self.form, "note", "交办意见", self.note)
        self.section.currentIndexChanged.connect(self._section_changed)
        if again:
            set_combo_data(self.section, detail.section_id)
            self.handler.select_id(detail.handler_id, detail.handler_name)
        self.finish("改派" if again else "交办")

    def _section_changed(self, *_args: object) -> None:
        section_id = self.section.currentData()
        if section_id is None:
            self.handler.set_people([])
            return
        self.handler.set_people(people(self.db, section_id))
        leader = section_leader(self.db, section_id)
        if leader is not None:
            self.handler.select_id(leader.id)

    def save(self) -> None:
        section_id = self.section.currentData()
        handler_id, name = self.handler.person()
        if section_id is None:
            self.show_problems(
                [FieldProblem("承办科室", "请选择承办科室")], {"section_id": "承办科室"}
            )
            return
        self.run(
            lambda: svc.assign_item(
                self.db,
                self.detail.id,
                section_id=section_id,
                handler_id=handler_id,
                handler_name=name,
                actor=self.actor,
                on=self.today,
                note=self.note.toPlainText(),
            ),
            {"section_id": "承办科室", "handler_name": "经办人"},
        )


class SignDialog(_ActionDialog):
    """经办人签字 (with the result / answer) or 科室签字 (with an opinion)."""

    def __init__(
        self,
        db: Database,
        detail: ItemDetail,
        *,
        section: bool,
        actor: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        self.section_sign = section
        self.title = "科室签字" if section else "经办人签字"
        self.draft = "sign-section" if section else "sign-handler"
        super().__init__(db, detail, actor=actor, today=today, parent=parent)

    def build(self) -> None:
        detail, section = self.detail, self.section_sign
        self.signed_on = DateField()
        self.signed_on.set_value(self.today)
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(90)
        if section:
            label = "科室意见"
            self.text.setPlainText("同意办结")
        elif detail.kind == ItemKind.PETITION.value:
            label = "答复意见 *"
        elif detail.kind == ItemKind.SUGGESTION.value:
            label = "答复情况"
            self.text.setPlainText(detail.result)
        else:
            label = "办理结果"
            self.text.setPlainText(detail.result)
        self.field_row(self.form, "result", label, self.text)
        self.field_row(self.form, "signed_on", "签字日期", self.signed_on)
        signer = QLabel(f"签字人：{escape(self.actor)}（当前操作人）")
        signer.setStyleSheet("color: #555")
        self.body.addWidget(signer)
        self.finish("签字")

    def save(self) -> None:
        labels = {"result": "办理结果", "signed_on": "签字日期"}
        try:
            on = self.signed_on.value() or self.today
        except DateParseError as exc:
            self.show_problems([FieldProblem("签字日期", str(exc))], labels)
            return
        if on > self.today:
            self.show_problems([FieldProblem("签字日期", "不能晚于今天")], labels)
            return
        text = self.text.toPlainText()
        if self.section_sign:
            action = lambda: svc.sign_by_section(  # noqa: E731
                self.db, self.detail.id, actor=self.actor, note=text, on=on
            )
        else:
            action = lambda: svc.sign_by_handler(  # noqa: E731
                self.db, self.detail.id, actor=self.actor, result=text, on=on
            )
        self.run(action, labels)


class ReasonDialog(_ActionDialog):
    """超期说明 by the handler."""

    title = "填写超期说明"
    draft = "reason"

    def build(self) -> None:
        detail = self.detail
        if detail.reasons and detail.reasons[-1].decision == "退回":
            last = detail.reasons[-1]
            back = QLabel(
                f"上次说明被 {escape(last.reviewed_by)} 退回：{escape(last.review_comment)}"
            )
            back.setStyleSheet("color: #c0392b")
            back.setWordWrap(True)
            self.body.addWidget(back)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("写明超期的原因、目前进展和预计办结时间")
        self.field_row(self.form, "reason", "超期原因 *", self.reason)
        self.finish("提交部领导审核")

    def save(self) -> None:
        self.run(
            lambda: svc.write_overdue_reason(
                self.db,
                self.detail.id,
                reason=self.reason.toPlainText(),
                actor=self.actor,
                on=self.today,
            ),
            {"reason": "超期原因"},
        )


class ReviewDialog(_ActionDialog):
    """部领导审核: accept the reason, or send it back with why."""

    title = "审核超期说明"
    draft = "review"

    def build(self) -> None:
        detail = self.detail
        latest = detail.reasons[-1] if detail.reasons else None
        shown = QLabel(
            f"<b>{escape(latest.written_by)}</b> 于 {latest.written_on:%Y-%m-%d} 说明：<br>"
            f"{escape(latest.reason)}"
            if latest
            else "（没有超期说明）"
        )
        shown.setWordWrap(True)
        shown.setStyleSheet("background: #fdebd0; padding: 6px")
        self.body.addWidget(shown)
        self.comment = QPlainTextEdit()
        self.comment.setFixedHeight(70)
        self.field_row(self.form, "comment", "审核意见", self.comment)
        self.body.addStretch(1)
        buttons = QDialogButtonBox()
        self.accept_button = QPushButton("认可(&A)")
        self.back_button = QPushButton("退回重写(&B)")
        cancel = QPushButton("取消")
        buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.back_button.clicked.connect(lambda: self.decide(False))
        cancel.clicked.connect(self.reject)
        self.body.addWidget(buttons)
        self.offer_draft()
        self.watch()

    def decide(self, accept: bool) -> None:
        self.run(
            lambda: svc.review_overdue_reason(
                self.db,
                self.detail.id,
                accept=accept,
                comment=self.comment.toPlainText(),
                actor=self.actor,
                on=self.today,
            ),
            {"comment": "审核意见"},
        )

    def save(self) -> None:
        self.decide(True)


class FollowUpDialog(_ActionDialog):
    """纳谏 (R-TSK-6): 分类、分析意见、整改措施、立行立改或整改期限、答复情况."""

    title = "整改与答复"
    draft = "follow"

    def build(self) -> None:
        detail = self.detail
        self.resize(600, 520)
        self.category = QComboBox()
        self.category.addItem("", "")
        for c in SUGGESTION_CATEGORIES:
            self.category.addItem(c, c)
        self.analysis = QPlainTextEdit(detail.analysis)
        self.measure = QPlainTextEdit(detail.measure)
        self.fixed_now = QCheckBox("立行立改（已当即整改）")
        self.rectify_by = DateField()
        self.rectify_by.setPlaceholderText("整改期限，如 2026-12-31")
        self.answer = QPlainTextEdit(detail.result)
        for box in (self.analysis, self.measure, self.answer):
            box.setFixedHeight(70)
        set_combo_data(self.category, detail.category)
        self.fixed_now.setChecked(detail.fixed_now)
        self.rectify_by.set_value(detail.rectify_by)
        self.field_row(self.form, "category", "分类", self.category)
        self.field_row(self.form, "analysis", "分析意见", self.analysis)
        self.field_row(self.form, "measure", "整改措施", self.measure)
        self.field_row(self.form, "fixed_now", "整改方式", self.fixed_now)
        self.field_row(self.form, "rectify_by", "整改期限", self.rectify_by)
        self.field_row(self.form, "answer", "答复情况", self.answer)
        self.fixed_now.toggled.connect(lambda on: self.rectify_by.setEnabled(not on))
        self.rectify_by.setEnabled(not detail.fixed_now)
        self.finish("保存")

    def save(self) -> None:
        labels = {
            "category": "分类",
            "analysis": "分析意见",
            "measure": "整改措施",
            "rectify_by": "整改期限",
            "answer": "答复情况",
        }
        try:
            rectify_by = self.rectify_by.value()
        except DateParseError as exc:
            self.show_problems([FieldProblem("整改期限", str(exc))], labels)
            return
        data = SuggestionFollowUp(
            category=self.category.currentData() or "",
            analysis=self.analysis.toPlainText(),
            measure=self.measure.toPlainText(),
            fixed_now=self.fixed_now.isChecked(),
            rectify_by=rectify_by,
            answer=self.answer.toPlainText(),
        )
        self.run(
            lambda: svc.record_follow_up(
                self.db, self.detail.id, data, actor=self.actor, on=self.today
            ),
            labels,
        )


def confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
