"""Pieces the 工作台账 dialogs share: drafts, people and section pickers, the actor.

Every ledger form keeps what the clerk typed as a draft on disk until it is
saved or deliberately discarded, and asks before throwing typed text away.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import FieldProblem
from orgdesk.services.ledger_detail import Person, people
from orgdesk.services.reference import ReferenceData
from orgdesk.storage.database import Database
from orgdesk.ui.drafts import DraftKeeper
from orgdesk.ui.widgets import ErrorLabel, set_combo_data, signed_in_name

Value = Any


def widget_value(widget: QWidget) -> Value:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    return None


def set_widget_value(widget: QWidget, value: Value) -> None:
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value or ""))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value or ""))
    elif isinstance(widget, QComboBox):
        if widget.isEditable():
            widget.setCurrentText(str(value or ""))
        else:
            set_combo_data(widget, value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))


def changed_signal(widget: QWidget):  # type: ignore[no-untyped-def]
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged if not widget.isEditable() else widget.currentTextChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    return None


class DraftDialog(QDialog):
    """A dialog whose `fields` are saved as a draft while typing and offered back next time."""

    draft_kind = "ledger"

    def __init__(self, parent: QWidget | None, draft_key: str) -> None:
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.holders: dict[str, QWidget] = {}
        self.captions: dict[str, QLabel] = {}
        self.summary = ErrorLabel()
        self.drafts = DraftKeeper(self, self.draft_kind, draft_key, self._draft_values)

    def field_row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> QLabel:
        """Add `widget` with an error line under it; returns the label (to relabel or hide)."""
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        inner.addWidget(widget)
        error = ErrorLabel()
        inner.addWidget(error)
        self.fields[key] = widget
        self.errors[key] = error
        self.holders[key] = holder
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.captions[key] = caption
        form.addRow(caption, holder)
        return caption

    def watch(self) -> None:
        """Start tracking changes (call after loading initial values)."""
        for widget in self.fields.values():
            signal = changed_signal(widget)
            if signal is not None:
                signal.connect(self.mark_dirty)

    def mark_dirty(self, *_args: object) -> None:
        self.drafts.changed()

    def _draft_values(self) -> dict[str, Value]:
        values = {}
        for key, widget in self.fields.items():
            value = widget_value(widget)
            values[key] = value if isinstance(value, str | bool | int | type(None)) else str(value)
        return values

    def write_draft(self) -> None:
        self.drafts.write()

    def offer_draft(self) -> bool:
        draft = self.drafts.offer()
        if draft is None:
            return False
        for key, value in draft.items():
            widget = self.fields.get(key)
            if widget is not None:
                set_widget_value(widget, value)
        return True

    def show_problems(self, problems: list[FieldProblem], labels: dict[str, str]) -> None:
        """Put each problem under its field (by label); the rest into the summary."""
        for error in self.errors.values():
            error.show_message("")
        by_label = {label: key for key, label in labels.items()}
        loose = []
        for p in problems:
            key = by_label.get(p.field)
            if key in self.errors:
                self.errors[key].show_message(p.message, warning=p.warning)
            else:
                loose.append(str(p))
        real = [p for p in problems if not p.warning]
        head = f"有 {len(real)} 处需要修改，未保存。" if real else ""
        self.summary.show_message("\n".join(x for x in [head, *loose] if x))

    def saved(self) -> None:
        """Call after the service accepted the input."""
        self.drafts.forget()
        self.accept()

    def reject(self) -> None:
        if self.drafts.may_discard("放弃填写？"):
            super().reject()


def ok_cancel(dialog: QDialog, ok_text: str, on_ok: Callable[[], None]) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def section_combo(reference: ReferenceData, *, empty: str | None = "") -> QComboBox:
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for sec in reference.sections:
        combo.addItem(sec.name, sec.id)
    return combo


class PersonCombo(QComboBox):
    """Pick a cadre (by name, typing filters) or type a name not in the roster."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumWidth(180)
        self._people: list[Person] = []

    def set_people(self, found: list[Person], *, keep_text: bool = False) -> None:
        text = self.currentText()
        self.blockSignals(True)
        self.clear()
        self._people = found
        for p in found:
            self.addItem(p.label, p.id)
        self.blockSignals(False)
        self.setCurrentIndex(-1)
        self.setCurrentText(text if keep_text else "")

    def select_id(self, person_id: int | None, name: str = "") -> None:
        index = self.findData(person_id) if person_id is not None else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setCurrentText(name)

    def person(self) -> tuple[int | None, str]:
        """(cadre id or None, name) of what is shown."""
        text = self.currentText().strip()
        for p in self._people:
            if text in (p.label, p.name):
                return p.id, p.name
        return None, text.split("（", 1)[0].strip()


def session_actor_default() -> str:
    """The signed-in OrgDesk user (the login name if nobody is)."""
    name = signed_in_name()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # pragma: no cover - no user name on this machine
        return ""


class ActorDialog(QDialog):
    """Who is doing this? Asked once per session until accounts exist."""

    def __init__(self, db: Database, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("操作人")
        self.combo = PersonCombo()
        self.combo.set_people(people(db))
        self.combo.setCurrentText(current or session_actor_default())
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("当前操作人", self.combo)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("办理记录和签字将记在此人名下。可从名册中选择，也可直接输入姓名。"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, "确定", self._ok))
        self.actor = ""

    def _ok(self) -> None:
        _id, name = self.combo.person()
        if not name:
            self.error.show_message("请填写操作人姓名")
            return
        self.actor = name[:40]
        self.accept()
