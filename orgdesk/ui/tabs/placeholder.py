"""A tab whose module is not built yet says so plainly, in Chinese."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from orgdesk.storage.database import Database


def placeholder(title: str, scope: str) -> Callable[[Database, QWidget], QWidget]:
    def make(_db: Database, parent: QWidget) -> QWidget:
        page = QWidget(parent)
        layout = QVBoxLayout(page)
        label = QLabel(f"<h2>{title}</h2><p>本模块将包括：{scope}。</p><p>该功能尚未上线。</p>")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)
        return page

    return make
