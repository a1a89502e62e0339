"""Helpers for the 交流轮岗 GUI tests: answer message boxes, type Chinese, drive dialogs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QWidget

# The offscreen platform cannot raise windows, grab the keyboard (popups) or pass size
# hints; it says so as warnings that are not ours.  Everything else still fails a test.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


class Boxes:
    """QMessageBox / QInputDialog stand-ins that record what the clerk was told."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.told: list[tuple[str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes
        self.approver = "王部长"
        for name in ("information", "warning"):
            monkeypatch.setattr(QMessageBox, name, self._tell(name))
        monkeypatch.setattr(QMessageBox, "question", self._ask)
        monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (2026, True))
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (self.approver, True))
        self.save_as = ""
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (self.save_as, ""))

    def _tell(self, kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def tell(
            _parent: QWidget, _title: str, text: str, *_a: object
        ) -> QMessageBox.StandardButton:
            self.told.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return tell

    def _ask(
        self, _parent: QWidget, _title: str, text: str, *a: object
    ) -> QMessageBox.StandardButton:
        self.told.append(("question", text))
        return self.answer


def type_chinese(widget: QWidget, text: str) -> None:
    """What an input method does when the clerk picks the characters (keyClicks is ASCII only)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def in_dialog(qtbot, trigger: Callable[[], None], fill: Callable[[QWidget], None]) -> None:  # type: ignore[no-untyped-def]
    """Press what opens a modal dialog, then type into it while it runs."""
    seen: list[QWidget] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, act)
            return
        seen.append(dialog)
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():  # refused (or the test failed): close it as a clerk would
                dialog.dirty = False  # type: ignore[attr-defined]
                dialog.reject()

    QTimer.singleShot(0, act)
    trigger()
    assert seen, "the dialog never opened"
