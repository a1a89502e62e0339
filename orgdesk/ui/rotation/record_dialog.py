"""A form dialog with inline Chinese errors and an on-disk draft (nothing typed is lost).

Subclasses add rows with `add_field(label, widget)`, implement `submit()` (read
the form, call a service; raise `ValidationFailed`/`OrgDeskError` on refusal),
and may call `restore_draft()` once their fields are filled with stored values.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import FieldProblem, OrgDeskError, ValidationFailed
from orgdesk.domain.normalize import DateParseError
from orgdesk.ui.drafts import DraftKeeper
from orgdesk.ui.widgets import DateField, ErrorLabel


class RecordDialog(QDialog):
    def __init__(
        self, title: str, draft_kind: str, draft_key: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.draft_kind, self.draft_key = draft_kind, draft_key
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.summary = ErrorLabel()
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.summary)
        self.body.addLayout(self.form)
        self._extra_at = self.body.count()
        self.body.addWidget(self.buttons)
        self.drafts = DraftKeeper(self, draft_kind, draft_key, self.draft_content)

    @property
    def dirty(self) -> bool:
        return self.drafts.dirty

    @dirty.setter
    def dirty(self, value: bool) -> None:
        self.drafts.dirty = value

    # -- building -------------------------------------------------------------
    def add_field(self, label: str, widget: QWidget, *, required: bool = False) -> QWidget:
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        inner.addWidget(widget)
        error = ErrorLabel()
        inner.addWidget(error)
        self.form.addRow(QLabel(f"{label}{' *' if required else ''}"), holder)
        self.fields[label] = widget
        self.errors[label] = error
        self._watch(widget)
        return widget

    def add_widget(self, widget: QWidget, stretch: int = 0) -> None:
        """A block below the form (tables, hints), above the buttons."""
        self.body.insertWidget(self._extra_at, widget, stretch)
        self._extra_at += 1

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self.mark_dirty)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self.mark_dirty)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.mark_dirty)
            if widget.isEditable() and widget.lineEdit() is not None:
                widget.lineEdit().textEdited.connect(self.mark_dirty)  # type: ignore[union-attr]
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(self.mark_dirty)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self.mark_dirty)

    # -- reading --------------------------------------------------------------
    def date_of(self, label: str, problems: list[FieldProblem]) -> Any:
        widget = self.fields[label]
        assert isinstance(widget, DateField)
        try:
            return widget.value()
        except DateParseError as exc:
            problems.append(FieldProblem(label, str(exc), value=widget.text()))
            return None

    def text_of(self, label: str) -> str:
        widget = self.fields[label]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QComboBox):
            return widget.currentText()
        raise TypeError(label)

    # -- saving ---------------------------------------------------------------
    def submit(self) -> None:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError

    def save(self) -> None:
        try:
            self.submit()
        except ValidationFailed as exc:
            self.show_problems(exc.problems, exc.warnings)
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未保存", str(exc))
            return
        self.drafts.forget()
        self.accept()

    def show_problems(
        self, problems: list[FieldProblem], warnings: list[FieldProblem] | None = None
    ) -> None:
        for label in self.errors.values():
            label.show_message("")
        loose = []
        for p in [*problems, *(warnings or [])]:
            target = self.errors.get(p.field)
            if target is not None:
                target.show_message(p.message, warning=p.warning)
            else:
                loose.append(str(p))
        lines = [f"有 {len(problems)} 处需要修改，未保存："] if problems else []
        self.summary.show_message("\n".join(lines + loose))

    def reject(self) -> None:
        if self.drafts.may_discard():
            super().reject()

    # -- drafts ---------------------------------------------------------------
    def mark_dirty(self, *_args: object) -> None:
        self.drafts.changed()

    def draft_content(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for label, w in self.fields.items():
            if isinstance(w, QPlainTextEdit):
                out[label] = w.toPlainText()
            elif isinstance(w, QLineEdit):
                out[label] = w.text()
            elif isinstance(w, QComboBox):
                out[label] = w.currentText() if w.isEditable() else w.currentIndex()
            elif isinstance(w, QSpinBox):
                out[label] = w.value()
            elif isinstance(w, QCheckBox):
                out[label] = w.isChecked()
        return out

    def apply_draft(self, content: dict[str, Any]) -> None:
        for label, value in content.items():
            w = self.fields.get(label)
            if isinstance(w, QPlainTextEdit):
                w.setPlainText(str(value))
            elif isinstance(w, QLineEdit):
                w.setText(str(value))
            elif isinstance(w, QComboBox) and w.isEditable():
                w.setEditText(str(value))
            elif isinstance(w, QComboBox) and isinstance(value, int):
                w.setCurrentIndex(value)
            elif isinstance(w, QSpinBox) and isinstance(value, int):
                w.setValue(value)
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))

    def restore_draft(self) -> None:
        """Call once the stored values are in the form: what loading changed is not a draft."""
        self.drafts.timer.stop()
        self.drafts.dirty = False
        draft = self.drafts.offer()
        if draft is not None:
            self.apply_draft(draft)
            self.drafts.dirty = True
