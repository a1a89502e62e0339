"""A dialog whose OK runs `submit()` and shows, in Chinese, what the service refused."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.normalize import DateParseError
from orgdesk.ui.widgets import ErrorLabel


def problems_text(exc: OrgDeskError) -> str:
    """One line per refused field, naming it: 「试用期」不能超过 6 个月."""
    if isinstance(exc, ValidationFailed):
        return "\n".join(
            f"「{p.field}」{p.message}" if p.field else p.message for p in exc.problems
        )
    return str(exc)


class SubmitDialog(QDialog):
    """Subclasses lay out their fields with `self.error` and `self.buttons` and implement
    `submit()`; a refusal stays in the open dialog with what was typed, nothing saved."""

    def __init__(self, title: str, parent: QWidget | None, *, ok_text: str = "保存") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _ok(self) -> None:
        try:
            self.submit()
        except DateParseError as exc:
            self.error.show_message(f"日期有误：{exc}")
            return
        except OrgDeskError as exc:
            self.error.show_message(problems_text(exc))
            return
        self.accept()
