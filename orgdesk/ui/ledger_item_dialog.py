"""登记 / 修改 a ledger item: the fields of its kind, the deadline shown as it is computed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
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
from orgdesk.domain.ledger import (
    PUBLIC_BY_DEFAULT,
    SUPERVISION_DIRECTIONS,
    SUPERVISION_SOURCES,
    DocumentUrgency,
    ItemKind,
    compute_due,
    time_limit,
)
from orgdesk.domain.ledger_input import (
    CHANNEL_LABELS,
    CHANNEL_OPTIONS,
    ITEM_LABELS,
    PARTY_LABELS,
    ItemInput,
)
from orgdesk.domain.normalize import DateParseError
from orgdesk.services.ledger import register_item, update_item
from orgdesk.services.ledger_calendar import load_calendar
from orgdesk.services.ledger_detail import ItemDetail, people, section_leader
from orgdesk.services.reference import ReferenceData, load_settings
from orgdesk.storage.database import Database
from orgdesk.ui.ledger_forms import DraftDialog, PersonCombo, ok_cancel, section_combo
from orgdesk.ui.widgets import DateField, set_combo_data

WEEKDAYS = "一二三四五六日"
KIND_ROWS = {
    ItemKind.DOCUMENT: ("doc_urgency", "doc_number"),
    ItemKind.PETITION: ("channel", "party", "party_contact"),
    ItemKind.FIRST_INQUIRY: ("channel", "party", "party_contact"),
    ItemKind.SUPERVISION: ("supervision_direction", "supervision_source"),
    ItemKind.SUGGESTION: ("channel", "party", "party_contact"),
}
SPECIFIC = {key for keys in KIND_ROWS.values() for key in keys}


def due_preview(due: date, estimated: bool, how: str) -> str:
    text = f"办理期限：{due:%Y-%m-%d}（星期{WEEKDAYS[due.weekday()]}，{how}）"
    if estimated:
        text += "　预估：该年节假日安排尚未录入"
    return text


class ItemDialog(DraftDialog):
    """New item (`detail` None) or edit of an open one."""

    def __init__(
        self,
        db: Database,
        reference: ReferenceData,
        *,
        actor: str,
        today: date,
        detail: ItemDetail | None = None,
        kind: ItemKind = ItemKind.WORK,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, "item-new" if detail is None else f"item-{detail.id}")
        self.db = db
        self.actor = actor
        self.today = today
        self.detail = detail
        self.saved_id: int | None = None
        self.settings = load_settings(db)
        self.calendar = load_calendar(db)
        self.setWindowTitle("登记台账事项" if detail is None else f"修改 {detail.number}")
        self.resize(620, 560)

        kind_box = QComboBox()
        for k in ItemKind:
            if k is not ItemKind.FIRST_INQUIRY or detail is not None:
                kind_box.addItem(k.value, k.value)
        self.kind_box = kind_box
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.received = DateField()
        self.received.set_value(today)
        self.content = QPlainTextEdit()
        self.content.setFixedHeight(70)
        self.source = QLineEdit()
        self.urgency = QComboBox()
        for u in DocumentUrgency:
            self.urgency.addItem(u.value, u.value)
        self.doc_number = QLineEdit()
        self.channel = QComboBox()
        self.party = QLineEdit()
        self.party_contact = QLineEdit()
        self.direction = QComboBox()
        self.direction.addItem("", "")
        for d in SUPERVISION_DIRECTIONS:
            self.direction.addItem(d, d)
        self.outside = QComboBox()
        self.outside.addItem("", "")
        for src in SUPERVISION_SOURCES:
            self.outside.addItem(src, src)
        self.section = section_combo(reference, empty="（暂不交办）")
        self.handler = PersonCombo()
        self.due_on = DateField()
        self.due_on.setPlaceholderText("留空则按时限自动计算")
        self.public = QCheckBox("列入部务公开")
        self.preview = QLabel()
        self.preview.setStyleSheet("font-weight: bold")

        form = QFormLayout()
        self.field_row(form, "kind", "类别", kind_box)
        self.field_row(form, "title", "事由 *", self.title)
        self.field_row(form, "received_on", "登记日期 *", self.received)
        self.field_row(form, "doc_urgency", "缓急程度", self.urgency)
        self.field_row(form, "doc_number", "文号", self.doc_number)
        self.field_row(form, "channel", "渠道", self.channel)
        self.field_row(form, "party", "来信来访人", self.party)
        self.field_row(form, "party_contact", "联系方式", self.party_contact)
        self.field_row(form, "supervision_direction", "督察类型 *", self.direction)
        self.field_row(form, "supervision_source", "外部来源 *", self.outside)
        self.field_row(form, "source", "来源/来文单位", self.source)
        self.field_row(form, "content", "具体内容", self.content)
        self.field_row(form, "section_id", "承办科室", self.section)
        self.field_row(form, "handler_name", "经办人", self.handler)
        self.field_row(form, "due_on", "指定期限", self.due_on)
        self.field_row(form, "is_public", "部务公开", self.public)
        self.form = form

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.preview)
        layout.addWidget(ok_cancel(self, "保存" if detail else "登记", self.save))

        if detail is not None:
            self._load(detail)
        else:
            set_combo_data(kind_box, kind.value)
            self._kind_changed(default_public=True)
        kind_box.currentIndexChanged.connect(lambda _i: self._kind_changed(default_public=True))
        self.section.currentIndexChanged.connect(self._section_changed)
        for widget in (self.received, self.due_on):
            widget.textChanged.connect(self._update_preview)
        self.urgency.currentIndexChanged.connect(self._update_preview)
        self.direction.currentIndexChanged.connect(self._direction_changed)
        if detail is None:
            self.offer_draft()
        self.watch()
        self._update_preview()

    # -- kind-specific layout ----------------------------------------------------
    @property
    def kind(self) -> ItemKind:
        return ItemKind(self.kind_box.currentData())

    def _kind_changed(self, *, default_public: bool) -> None:
        kind = self.kind
        shown = set(KIND_ROWS.get(kind, ()))
        for key in SPECIFIC:
            self.form.setRowVisible(self.holders[key], key in shown)
        party_required = kind in (ItemKind.PETITION, ItemKind.FIRST_INQUIRY)
        self.captions["party"].setText(
            PARTY_LABELS.get(kind, "来信来访人") + (" *" if party_required else "")
        )
        self.captions["channel"].setText(CHANNEL_LABELS.get(kind, "渠道") + " *")
        current = self.channel.currentData()
        self.channel.clear()
        self.channel.addItem("", "")
        for option in CHANNEL_OPTIONS.get(kind, ()):
            self.channel.addItem(option, option)
        set_combo_data(self.channel, current)
        if default_public and self.detail is None:
            self.public.setChecked(PUBLIC_BY_DEFAULT[kind])
        self._direction_changed()
        self._update_preview()

    def _direction_changed(self, *_args: object) -> None:
        visible = self.kind is ItemKind.SUPERVISION and self.direction.currentData() == "外对内"
        self.form.setRowVisible(self.holders["supervision_source"], visible)

    def _section_changed(self, *_args: object) -> None:
        section_id = self.section.currentData()
        if section_id is None:
            self.handler.set_people([])
            return
        self.handler.set_people(people(self.db, section_id))
        leader = section_leader(self.db, section_id)
        if leader is not None:
            self.handler.select_id(leader.id)

    def _update_preview(self, *_args: object) -> None:
        try:
            received = self.received.value()
            fixed = self.due_on.value()
        except DateParseError:
            self.preview.setText("")
            return
        if fixed is not None:
            self.preview.setText(due_preview(fixed, False, "指定期限"))
            return
        if received is None:
            self.preview.setText("")
            return
        urgency = self.urgency.currentData() if self.kind is ItemKind.DOCUMENT else ""
        deadline = compute_due(received, self.kind, urgency, self.settings, self.calendar)
        limit = time_limit(self.kind, urgency, self.settings)
        self.preview.setText(due_preview(deadline.due, deadline.estimated, f"{limit} 个工作日"))

    # -- data -------------------------------------------------------------------
    def _load(self, d: ItemDetail) -> None:
        set_combo_data(self.kind_box, d.kind)
        self.kind_box.setEnabled(False)
        self._kind_changed(default_public=False)
        self.title.setText(d.title)
        self.received.set_value(d.received_on)
        self.content.setPlainText(d.content)
        self.source.setText(d.source)
        set_combo_data(self.urgency, d.doc_urgency or "普通")
        self.doc_number.setText(d.doc_number)
        set_combo_data(self.channel, d.channel)
        self.party.setText(d.party)
        self.party_contact.setText(d.party_contact)
        set_combo_data(self.direction, d.supervision_direction)
        set_combo_data(self.outside, d.supervision_source)
        self.due_on.set_value(d.due_on if d.due_manual else None)
        self.public.setChecked(d.is_public)
        # Assignment has its own action (交办) once registered.
        for key in ("section_id", "handler_name"):
            self.form.setRowVisible(self.holders[key], False)

    def read(self) -> tuple[ItemInput, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        dates: dict[str, date | None] = {}
        for key, field in (("received_on", self.received), ("due_on", self.due_on)):
            try:
                dates[key] = field.value()
            except DateParseError as exc:
                problems.append(FieldProblem(ITEM_LABELS[key], str(exc), None, field.text()))
                dates[key] = None
        kind = self.kind
        shown = set(KIND_ROWS.get(kind, ()))  # text left in a hidden field is not sent

        def text(key: str, widget: QLineEdit) -> str:
            return widget.text() if key in shown else ""

        section_id = self.section.currentData()
        handler_id, handler_name = self.handler.person()
        direction = (self.direction.currentData() or "") if kind is ItemKind.SUPERVISION else ""
        data = ItemInput(
            kind=kind,
            title=self.title.text(),
            received_on=dates["received_on"],
            content=self.content.toPlainText(),
            source=self.source.text(),
            doc_urgency=self.urgency.currentData() if "doc_urgency" in shown else "",
            doc_number=text("doc_number", self.doc_number),
            party=text("party", self.party),
            party_contact=text("party_contact", self.party_contact),
            channel=(self.channel.currentData() or "") if "channel" in shown else "",
            supervision_direction=direction,
            supervision_source=(self.outside.currentData() or "") if direction == "外对内" else "",
            section_id=section_id,
            handler_id=handler_id if section_id is not None else None,
            handler_name=handler_name if section_id is not None else "",
            is_public=self.public.isChecked(),
            due_on=dates["due_on"],
        )
        return data, problems

    def save(self) -> None:
        data, problems = self.read()
        labels = dict(ITEM_LABELS)
        labels["party"] = PARTY_LABELS.get(data.kind, labels["party"])
        labels["channel"] = CHANNEL_LABELS.get(data.kind, labels["channel"])
        if problems:
            self.show_problems(problems, labels)
            return
        try:
            if self.detail is None:
                saved = register_item(self.db, data, actor=self.actor, on=self.today)
            else:
                saved = update_item(
                    self.db,
                    self.detail.id,
                    data,
                    actor=self.actor,
                    on=self.today,
                    expected_version=self.detail.version,
                )
        except ValidationFailed as exc:
            self.show_problems(exc.problems + exc.warnings, labels)
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未保存", str(exc))
            return
        self.saved_id = saved.id
        self.saved()
