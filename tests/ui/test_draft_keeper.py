"""DraftKeeper: the draft every editing dialog keeps while the clerk types."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QMessageBox

from orgdesk.ui.drafts import DRAFT_DELAY_MS, DraftKeeper, draft_path, save_draft
from tests.ui.conftest import destroy

Button = QMessageBox.StandardButton


def keeper_for(qtbot) -> tuple[QLineEdit, DraftKeeper]:  # type: ignore[no-untyped-def]
    edit = QLineEdit()
    qtbot.addWidget(edit)
    keeper = DraftKeeper(edit, "test", "new", lambda: {"text": edit.text()})
    edit.textEdited.connect(keeper.changed)
    return edit, keeper


def test_typing_is_written_a_moment_later(qtbot) -> None:
    edit, keeper = keeper_for(qtbot)
    qtbot.keyClicks(edit, "abc")
    assert keeper.dirty and not draft_path("test", "new").exists()  # not on every key
    qtbot.waitUntil(draft_path("test", "new").exists, timeout=DRAFT_DELAY_MS * 5)
    assert '"abc"' in draft_path("test", "new").read_text(encoding="utf-8")
    destroy(edit)


def test_forget_beats_a_pending_write(qtbot) -> None:
    edit, keeper = keeper_for(qtbot)
    qtbot.keyClicks(edit, "abc")
    keeper.forget()  # saved (or discarded) while the write is still pending
    qtbot.wait(DRAFT_DELAY_MS * 2)
    assert not draft_path("test", "new").exists() and not keeper.dirty
    destroy(edit)


def test_closing_asks_only_when_something_was_typed(qtbot, boxes) -> None:
    edit, keeper = keeper_for(qtbot)
    assert keeper.may_discard() and boxes.calls == []
    qtbot.keyClicks(edit, "abc")
    boxes.answer(Button.Cancel, Button.Discard)
    assert not keeper.may_discard() and keeper.dirty  # kept
    assert keeper.may_discard("放弃填写？") and not keeper.dirty
    assert boxes.titles() == ["放弃修改？", "放弃填写？"]
    destroy(edit)


def test_a_draft_left_by_a_crash_is_offered_back(qtbot, boxes) -> None:
    edit, keeper = keeper_for(qtbot)
    save_draft("test", "new", {"text": "半截"})
    boxes.answer(Button.Yes)
    assert keeper.offer() == {"text": "半截"} and keeper.dirty
    boxes.answer(Button.No)
    assert keeper.offer() is None and not draft_path("test", "new").exists()
    assert boxes.titles() == ["恢复未保存的内容", "恢复未保存的内容"]
    destroy(edit)
