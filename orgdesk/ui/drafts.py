"""Unsaved form contents kept on disk, so a crash never loses what the clerk typed."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from orgdesk.paths import data_dir


def draft_path(kind: str, key: str) -> Path:
    return data_dir() / "drafts" / f"{kind}-{key}.json"


def save_draft(kind: str, key: str, content: dict[str, Any]) -> None:
    path = draft_path(kind, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass  # a draft is a courtesy; never let it break typing


def load_draft(kind: str, key: str) -> dict[str, Any] | None:
    path = draft_path(kind, key)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return content if isinstance(content, dict) else None


def discard_draft(kind: str, key: str) -> None:
    draft_path(kind, key).unlink(missing_ok=True)


DRAFT_DELAY_MS = 400  # after the last keystroke: often enough, without writing on every key


class DraftKeeper:
    """The draft of one open form — what every editing dialog does the same way.

    `changed()` (connect the fields' change signals) marks the form dirty and writes the
    draft a moment later; `offer()` asks on opening whether to bring back a draft left by
    a crash; `may_discard()` asks before typed text is thrown away; `forget()`, once saved
    or deliberately discarded, stops a pending write and deletes the draft — in that order,
    or the pending write would bring the draft back.
    """

    def __init__(
        self, owner: QWidget, kind: str, key: str, content: Callable[[], dict[str, Any]]
    ) -> None:
        self.owner = owner
        self.kind, self.key = kind, key
        self._content = content
        self.dirty = False
        self.timer = QTimer(owner)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DRAFT_DELAY_MS)
        self.timer.timeout.connect(self.write)

    def changed(self, *_args: object) -> None:
        self.dirty = True
        self.timer.start()

    def write(self) -> None:
        save_draft(self.kind, self.key, self._content())

    def offer(self) -> dict[str, Any] | None:
        """The draft left from last time, if the clerk wants it back (then the form is
        dirty: restored text is unsaved text); None otherwise, and a refused draft is gone."""
        draft = load_draft(self.kind, self.key)
        if not draft:
            return None
        answer = QMessageBox.question(
            self.owner,
            "恢复未保存的内容",
            "发现上次未保存的填写内容（可能因程序意外退出）。是否恢复？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            discard_draft(self.kind, self.key)
            return None
        self.dirty = True
        return draft

    def may_discard(self, title: str = "放弃修改？") -> bool:
        """Closing without saving: asks first when something was typed; True to close."""
        if self.dirty:
            answer = QMessageBox.question(
                self.owner,
                title,
                "有尚未保存的内容，确定放弃吗？",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return False
        self.forget()
        return True

    def forget(self) -> None:
        self.timer.stop()
        discard_draft(self.kind, self.key)
        self.dirty = False
