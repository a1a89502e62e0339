"""Small widgets shared by the forms."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from orgdesk.domain.normalize import DateParseError, parse_loose_date


class DateField(QLineEdit):
    """A date typed the way clerks write it: 1985-03-01, 1985.3.1, 1985年3月, 19850301.

    Empty is allowed (unknown); `value()` raises `DateParseError` with a Chinese reason.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("如 1985-03-01")
        self.editingFinished.connect(self._tidy)

    def value(self) -> date | None:
        text = self.text().strip()
        return parse_loose_date(text) if text else None

    def set_value(self, value: date | None) -> None:
        self.setText(value.strftime("%Y-%m-%d") if value else "")

    def _tidy(self) -> None:
        try:
            value = self.value()
        except DateParseError:
            return  # leave what was typed; the form shows why it is wrong
        self.set_value(value)


class ErrorLabel(QLabel):
    """Red text under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #c0392b")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str, *, warning: bool = False) -> None:
        self.setStyleSheet("color: #b9770e" if warning else "color: #c0392b")
        self.setText(text)
        self.setVisible(bool(text))


def choice_combo(options: list[str] | tuple[str, ...], *, allow_empty: bool = True) -> QComboBox:
    combo = QComboBox()
    if allow_empty:
        combo.addItem("", "")
    for option in options:
        combo.addItem(option, option)
    return combo


def set_combo_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


def signed_in_name() -> str:
    """The signed-in user's name, the default 操作人/审批人 wherever a form asks for one."""
    from orgdesk.domain.access import current_actor

    actor = current_actor()
    return (actor.display_name or actor.username) if actor is not None else ""
