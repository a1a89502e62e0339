"""首问登记 (R-TSK-2): a visit or call, who received it, and where it goes.

Within the receiver's duty it is theirs with its time limit; otherwise it is
routed to the handling section, naming its leader (pre-selected) or a handler.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import FieldProblem, OrgDeskError, ValidationFailed
from orgdesk.domain.ledger import INQUIRY_MODES, PUBLIC_BY_DEFAULT, ItemKind, compute_due
from orgdesk.domain.ledger_input import ITEM_LABELS, ItemInput
from orgdesk.domain.normalize import DateParseError
from orgdesk.services.ledger import register_item
from orgdesk.services.ledger_calendar import load_calendar
from orgdesk.services.ledger_detail import Person, people, section_leader
from orgdesk.services.reference import ReferenceData, load_settings
from orgdesk.storage.database import Database
from orgdesk.ui.ledger_forms import DraftDialog, PersonCombo, ok_cancel, section_combo
from orgdesk.ui.ledger_item_dialog import due_preview
from orgdesk.ui.widgets import DateField

LABELS = {
    "channel": "来访/来电",
    "receiver": "首问人",
    "party": "来访（来电）人",
    "party_contact": "联系方式",
    "title": "事由",
    "content": "具体内容",
    "received_on": "登记日期",
    "within_duty": "是否属本人职责",
    "routed_section": "转办科室",
    "routed_person": "转办对象",
}


class FirstInquiryDialog(DraftDialog):
    def __init__(
        self,
        db: Database,
        reference: ReferenceData,
        *,
        actor: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, "inquiry-new")
        self.db = db
        self.reference = reference
        self.actor = actor
        self.today = today
        self.saved_id: int | None = None
        self.settings = load_settings(db)
        self.calendar = load_calendar(db)
        self.everyone: list[Person] = people(db)
        self.setWindowTitle("首问登记")
        self.resize(600, 600)

        self.mode = QComboBox()
        for m in INQUIRY_MODES:
            self.mode.addItem(m, m)
        self.receiver = PersonCombo()
        self.receiver.set_people(self.everyone)
        match = next((p for p in self.everyone if p.name == actor), None)
        if match is not None:
            self.receiver.select_id(match.id)
        self.party = QLineEdit()
        self.party_contact = QLineEdit()
        self.title = QLineEdit()
        self.title.setPlaceholderText("如：咨询党组织关系转接手续")
        self.content = QPlainTextEdit()
        self.content.setFixedHeight(70)
        self.received = DateField()
        self.received.set_value(today)
        self.duty = QComboBox()
        self.duty.addItem("（请选择）", None)
        self.duty.addItem("是，属本人职责，由本人办理", True)
        self.duty.addItem("否，转交承办科室", False)
        self.routed_section = section_combo(reference, empty="")
        self.routed_person = PersonCombo()
        self.route_note = QLabel()
        self.route_note.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setStyleSheet("font-weight: bold")

        form = QFormLayout()
        self.field_row(form, "channel", "来访/来电", self.mode)
        self.field_row(form, "receiver", "首问人 *", self.receiver)
        self.field_row(form, "party", "来访（来电）人 *", self.party)
        self.field_row(form, "party_contact", "联系方式", self.party_contact)
        self.field_row(form, "title", "事由 *", self.title)
        self.field_row(form, "content", "具体内容", self.content)
        self.field_row(form, "received_on", "登记日期", self.received)
        self.field_row(form, "within_duty", "是否属本人职责 *", self.duty)
        self.field_row(form, "routed_section", "转办科室", self.routed_section)
        self.field_row(form, "routed_person", "转办对象", self.routed_person)
        self.form = form

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.route_note)
        layout.addWidget(self.preview)
        layout.addWidget(ok_cancel(self, "登记", self.save))

        self.duty.currentIndexChanged.connect(self._routing_changed)
        self.routed_section.currentIndexChanged.connect(self._section_changed)
        self.routed_person.currentTextChanged.connect(self._routing_changed)
        self.receiver.currentTextChanged.connect(self._routing_changed)
        self.received.textChanged.connect(self._update_preview)
        self.offer_draft()
        self.watch()
        self._routing_changed()
        self._update_preview()

    def _section_changed(self, *_args: object) -> None:
        section_id = self.routed_section.currentData()
        if section_id is None:
            self.routed_person.set_people([])
        else:
            self.routed_person.set_people(people(self.db, section_id))
            leader = section_leader(self.db, section_id)
            if leader is not None:
                self.routed_person.select_id(leader.id)
        self._routing_changed()

    def _receiver(self) -> Person | None:
        receiver_id, _name = self.receiver.person()
        return next((p for p in self.everyone if p.id == receiver_id), None)

    def _routing_changed(self, *_args: object) -> None:
        within = self.duty.currentData()
        routed = within is False
        for key in ("routed_section", "routed_person"):
            self.form.setRowVisible(self.holders[key], routed)
        receiver = self._receiver()
        if within is True:
            _rid, name = self.receiver.person()
            where = f"（{receiver.section}）" if receiver and receiver.section else ""
            self.route_note.setText(f"由首问人 {name}{where} 负责办理。" if name else "")
        elif routed:
            section = self.routed_section.currentText()
            _pid, person = self.routed_person.person()
            if section and person:
                self.route_note.setText(f"将转交 {section}，由 {person} 负责办理。")
            else:
                self.route_note.setText("请选择承办科室，并写明该科室负责人或经办人。")
        else:
            self.route_note.setText("")

    def _update_preview(self, *_args: object) -> None:
        try:
            received = self.received.value()
        except DateParseError:
            received = None
        if received is None:
            self.preview.setText("")
            return
        deadline = compute_due(received, ItemKind.FIRST_INQUIRY, "", self.settings, self.calendar)
        limit = self.settings.int("ledger.limit.first_inquiry")
        self.preview.setText(due_preview(deadline.due, deadline.estimated, f"{limit} 个工作日"))

    def read(self) -> tuple[ItemInput, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        try:
            received = self.received.value()
        except DateParseError as exc:
            problems.append(
                FieldProblem(LABELS["received_on"], str(exc), None, self.received.text())
            )
            received = None
        receiver_id, receiver_name = self.receiver.person()
        within = self.duty.currentData()
        data = ItemInput(
            kind=ItemKind.FIRST_INQUIRY,
            title=self.title.text(),
            received_on=received,
            content=self.content.toPlainText(),
            channel=self.mode.currentData(),
            party=self.party.text(),
            party_contact=self.party_contact.text(),
            receiver_id=receiver_id,
            receiver_name=receiver_name,
            within_duty=within,
            is_public=PUBLIC_BY_DEFAULT[ItemKind.FIRST_INQUIRY],
        )
        if within is True:
            receiver = self._receiver()
            data.section_id = receiver.section_id if receiver else None
        elif within is False:
            data.section_id = self.routed_section.currentData()
            data.handler_id, data.handler_name = self.routed_person.person()
        return data, problems

    def save(self) -> None:
        data, problems = self.read()
        labels = {
            "title": ITEM_LABELS["title"],
            "received_on": ITEM_LABELS["received_on"],
            "party": "来访（来电）人",
            "channel": "来访/来电",
            "receiver": ITEM_LABELS["receiver_name"],
            "within_duty": ITEM_LABELS["within_duty"],
            "routed_section": "转办科室",
            "routed_person": "转办对象",
        }
        if problems:
            self.show_problems(problems, labels)
            return
        if data.within_duty is True and data.section_id is None and data.receiver_name:
            self.show_problems(
                [
                    FieldProblem(
                        "是否属本人职责", "首问人不在名册中或没有所在科室，请改选「否」并转办"
                    )
                ],
                labels,
            )
            return
        try:
            saved = register_item(self.db, data, actor=self.actor, on=self.today)
        except ValidationFailed as exc:
            self.show_problems(exc.problems + exc.warnings, labels)
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未保存", str(exc))
            return
        self.saved_id = saved.id
        self.saved()
