"""Qt fixtures: message boxes that never block, the main window, driving modal dialogs.

A real `QMessageBox` or an unattended `exec()` would hang the run, so every
static message box is replaced by a recorder that answers from a queue; a
question nobody expected fails the test instead of blocking it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

Button = QMessageBox.StandardButton


@dataclass
class MessageBoxes:
    """Stands in for QMessageBox's static functions during a test."""

    answers: list[Button] = field(default_factory=list)
    calls: list[tuple[str, str, str]] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    allow_notices: bool = False

    def answer(self, *buttons: Button) -> None:
        """Queue the answers to the next questions, in order."""
        self.answers.extend(buttons)

    def _question(self, parent: Any, title: str, text: str, *_rest: Any, **_kw: Any) -> Button:
        self.calls.append(("question", title, text))
        if not self.answers:
            self.unexpected.append(f"question nobody expected: {title} / {text}")
            return Button.Cancel
        return self.answers.pop(0)

    def _notice(self, kind: str) -> Callable[..., Button]:
        def show(parent: Any, title: str, text: str, *_rest: Any, **_kw: Any) -> Button:
            self.calls.append((kind, title, text))
            if not self.allow_notices:
                self.unexpected.append(f"{kind} nobody expected: {title} / {text}")
            return Button.Ok

        return show

    def titles(self, kind: str = "question") -> list[str]:
        return [title for k, title, _ in self.calls if k == kind]


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[MessageBoxes]:
    fake = MessageBoxes()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(fake._question))
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake._notice(kind)))
    yield fake
    assert not fake.unexpected, fake.unexpected
    assert not fake.answers, f"answers never asked for: {fake.answers}"


def destroy(widget: QWidget) -> None:
    """Delete now (with its timers), so nothing of it fires during a later test."""
    if shiboken6.isValid(widget):
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(QDialog.DialogCode.Rejected)  # done(), not reject(): asks nothing
        widget.close()
        shiboken6.delete(widget)
    QApplication.processEvents()


@pytest.fixture
def window(qtbot, demo_db) -> Iterator:
    from orgdesk.ui.main_window import MainWindow

    win = MainWindow(demo_db)
    win.show()
    qtbot.waitExposed(win)
    yield win
    destroy(win)


@pytest.fixture
def personnel(window):
    from orgdesk.ui.tabs.personnel import PersonnelTab

    page = window.pages[0].roster  # 人员与试用 › 人员名册
    assert isinstance(page, PersonnelTab)
    return page


@pytest.fixture
def make_dialog(qtbot, demo_db) -> Iterator[Callable[..., Any]]:
    """Open a CadreDialog directly (not modal), as the tab would; destroyed afterwards."""
    from orgdesk.services.reference import reference_data
    from orgdesk.ui.cadre_dialog import CadreDialog

    made: list[QDialog] = []

    def make(cadre_id: int | None = None, db: Any = None) -> CadreDialog:
        database = db or demo_db
        dialog = CadreDialog(database, reference_data(database), cadre_id)
        made.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    yield make
    for dialog in made:
        destroy(dialog)


def drive_modal(
    trigger: Callable[[], None],
    *handlers: Callable[[Any], None],
    kind: type = QDialog,
    timeout: float = 10.0,
) -> list[Any]:
    """Run `trigger`, which opens modal dialogs with exec(); hand each to the next handler.

    A dialog still open after its handler (or beyond the handlers given) is closed
    with done(Rejected), so a failing test fails instead of hanging.  Returns the
    dialogs seen, in order.
    """
    seen: list[Any] = []
    errors: list[BaseException] = []
    queue = list(handlers)
    state = {"stop": False}
    deadline = time.monotonic() + timeout

    def visible_dialog() -> Any:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, kind) and w.isVisible() and w.isModal() and w not in seen:
                return w
        return None

    def poll() -> None:
        if state["stop"]:
            return
        dialog = visible_dialog()
        if dialog is not None:
            seen.append(dialog)
            handler = queue.pop(0) if queue else None
            try:
                if handler is None:
                    raise AssertionError(f"a dialog nobody expected: {dialog.windowTitle()}")
                handler(dialog)
            except BaseException as exc:
                errors.append(exc)
            finally:
                if dialog.isVisible():
                    dialog.done(QDialog.DialogCode.Rejected)
        if time.monotonic() > deadline:
            for w in QApplication.topLevelWidgets():
                if isinstance(w, QDialog) and w.isVisible() and w.isModal():
                    w.done(QDialog.DialogCode.Rejected)
            errors.append(TimeoutError("modal dialog still open after the timeout"))
            return
        QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    try:
        trigger()
    finally:
        state["stop"] = True
    if errors:
        raise errors[0]
    return seen


@pytest.fixture
def drive() -> Callable[..., list[Any]]:
    """`drive(trigger, handler, ...)`: see `drive_modal`."""
    return drive_modal


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type as a clerk does: ASCII on the keyboard, Chinese committed by the input method.

    (QTest's key clicks only know ASCII; a Chinese IME delivers its text as an
    input-method commit, which is what the widget sees in real use.)
    """
    run = ""
    for ch in text:
        if ch.isascii() == (run[:1].isascii() if run else ch.isascii()):
            run += ch
            continue
        _type_run(qtbot, widget, run)
        run = ch
    if run:
        _type_run(qtbot, widget, run)


def _type_run(qtbot: Any, widget: QWidget, run: str) -> None:
    if run.isascii():
        qtbot.keyClicks(widget, run)
        return
    event = QInputMethodEvent()
    event.setCommitString(run)
    QApplication.sendEvent(widget, event)


class Typist:
    """Types into widgets the way a clerk does."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot

    def __call__(self, widget: QWidget, text: str) -> None:
        type_text(self.qtbot, widget, text)

    def replace(self, widget: Any, text: str) -> None:
        """Select what the field holds, type over it, and Tab out of it."""
        window = widget.window()
        if not window.isActiveWindow():
            window.activateWindow()
            self.qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        widget.setFocus()
        assert widget.hasFocus()
        widget.selectAll()
        self.qtbot.keyClick(widget, Qt.Key.Key_Delete)
        type_text(self.qtbot, widget, text)
        self.qtbot.keyClick(widget, Qt.Key.Key_Tab)


@pytest.fixture
def typist(qtbot) -> Typist:
    return Typist(qtbot)
