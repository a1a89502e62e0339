"""待办 panel: everything that needs attention today, each row opening its record."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.due import DueItem, Urgency
from orgdesk.services.due import collect_due
from orgdesk.storage.database import Database

COLORS = {Urgency.OVERDUE: "#fde2e1", Urgency.DUE_SOON: "#fff4cc", Urgency.NOTICE: "#ffffff"}


class DuePanel(QWidget):
    """Lists `collect_due` rows; emits `open_requested(item)` on double-click or Enter."""

    open_requested = Signal(object)
    counted = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.items: list[DueItem] = []
        self.heading = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(("状态", "类别", "到期日", "事项"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemActivated.connect(self._activated)
        self.table.itemDoubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)

    def refresh(self, on: date | None = None) -> None:
        on = on or date.today()
        self.items = collect_due(self.db, on)
        self.heading.setText(f"截至 {on:%Y-%m-%d}，共 {len(self.items)} 项待办")
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = (
                item.urgency.label,
                item.kind,
                f"{item.due:%Y-%m-%d}" if item.due else "",
                item.title,
            )
            brush = QBrush(QColor(COLORS[item.urgency]))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setBackground(brush)
                cell.setData(Qt.ItemDataRole.UserRole, row)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.counted.emit(len(self.items))

    def _activated(self, cell: QTableWidgetItem) -> None:
        row = cell.data(Qt.ItemDataRole.UserRole)
        if isinstance(row, int) and 0 <= row < len(self.items):
            self.open_requested.emit(self.items[row])
