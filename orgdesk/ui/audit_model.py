"""操作日志 as a lazy table model: counted and filtered in SQL, fetched a page at a time.

Newest first, like a ledger read backwards; `data()` never queries per cell.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from orgdesk.services.audit import AUDIT_COLUMNS, AuditFilter, AuditQuery, AuditRow
from orgdesk.ui.paged import PageCache

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_CELL = 120  # long texts are cut in the table; the detail pane shows them whole


class AuditModel(QAbstractTableModel):
    PAGE_SIZE = 200
    MAX_PAGES = 10

    def __init__(self, query: AuditQuery, parent: Any = None) -> None:
        super().__init__(parent)
        self._query = query
        self._filter = AuditFilter()
        self._pages: PageCache[AuditRow] = PageCache(
            lambda offset, limit: self._query.page(self._filter, offset=offset, limit=limit),
            page_size=self.PAGE_SIZE,
            max_pages=self.MAX_PAGES,
        )
        self._count = query.count(self._filter)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AUDIT_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return AUDIT_COLUMNS[section][1] if 0 <= section < len(AUDIT_COLUMNS) else None
        return str(section + 1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ROW_ROLE):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        value = getattr(row, AUDIT_COLUMNS[index.column()][0])
        if isinstance(value, datetime):
            return f"{value:%Y-%m-%d %H:%M:%S}"
        text = str(value or "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > MAX_CELL or "\n" in text else None
        flat = text.replace("\n", " ⏎ ")
        return flat if len(flat) <= MAX_CELL else flat[:MAX_CELL] + "…"

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @property
    def filter(self) -> AuditFilter:
        return self._filter

    def set_query(self, query: AuditQuery) -> None:
        self._query = query
        self.set_filter(self._filter)

    def set_filter(self, f: AuditFilter) -> None:
        self.beginResetModel()
        self._filter = f
        self._pages.clear()
        self._count = self._query.count(f)
        self.endResetModel()

    def row_at(self, row: int) -> AuditRow | None:
        return self._pages.row(row)
