"""工作台账 as a lazy table model: counted, filtered and sorted in SQL, fetched by page.

Same pattern as the roster: `data()` and `flags()` never run a query per
cell; a cell outside the cached pages costs one page query.  The 「时限」
column (剩 3 个工作日 / 超期 2 个工作日) comes from a `WorkdayCounter`, so it
costs a lookup, not a walk through the calendar.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from orgdesk.domain.ledger import OverdueReview, WorkdayCounter, deadline_text, is_overdue
from orgdesk.services.ledger_query import (
    LEDGER_COLUMNS,
    LedgerCounts,
    LedgerFilter,
    LedgerQuery,
    LedgerRow,
)
from orgdesk.ui.paged import PageCache

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_BRUSH = QBrush(QColor("#fde2e1"))
REVIEW_BRUSH = QBrush(QColor("#fdebd0"))
SOON_BRUSH = QBrush(QColor("#fff4cc"))
DONE_BRUSH = QBrush(QColor("#f2f2f2"))
DONE_TEXT = QBrush(QColor("#777777"))
ESTIMATED_TEXT = QBrush(QColor("#b9770e"))
KEYS = [key for key, _label in LEDGER_COLUMNS]
DEADLINE_COLUMN = KEYS.index("deadline")
DUE_COLUMN = KEYS.index("due_on")

AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ID = int(ID_ROLE)
_ROLES = frozenset((DISPLAY, BACKGROUND, FOREGROUND, TOOLTIP, ID, int(SORT_ROLE)))


class LedgerModel(QAbstractTableModel):
    PAGE_SIZE = 200
    MAX_PAGES = 12

    def __init__(
        self,
        query: LedgerQuery,
        counter: WorkdayCounter,
        on: date,
        parent: Any = None,
        *,
        soon_workdays: int = 3,
    ) -> None:
        super().__init__(parent)
        self._query = query
        self._counter = counter
        self._on = on
        self._soon = soon_workdays
        self._filter = LedgerFilter()
        self._sort_key = "deadline"
        self._descending = False
        self._pages: PageCache[LedgerRow] = PageCache(
            self._fetch, page_size=self.PAGE_SIZE, max_pages=self.MAX_PAGES
        )
        self._texts: dict[int, str] = {}
        self._counts = query.counts(self._filter, on)

    # -- what the view asks -------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._counts.total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LEDGER_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return LEDGER_COLUMNS[section][1] if 0 <= section < len(LEDGER_COLUMNS) else None
        return str(section + 1)

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        # Roles arrive as ints; comparing with ints (not Qt enum members) keeps a
        # screenful of cells well under a millisecond.
        if role not in _ROLES or not index.isValid():
            return None
        number = index.row()
        if not 0 <= number < self._counts.total:
            return None
        row = self.row_at(number)
        if row is None:
            return None
        column = index.column()
        key = KEYS[column]
        if role == DISPLAY:
            if key == "deadline":
                return self._deadline(row)
            value = getattr(row, key)
            if key == "due_on" and row.due_estimated:
                return f"{value.isoformat()} 预估"
            if isinstance(value, date):
                return value.isoformat()
            return value
        if role == ID:
            return row.id
        if role == BACKGROUND:
            return self._background(row)
        if role == FOREGROUND:
            if row.concluded_on is not None:
                return DONE_TEXT
            if column == DUE_COLUMN and row.due_estimated:
                return ESTIMATED_TEXT
            return None
        if role == TOOLTIP:
            if column == DUE_COLUMN and row.due_estimated:
                return "该年节假日安排尚未录入，期限按周末推算（预估）"
            if key == "title":
                return row.title
            return None
        # SORT_ROLE
        return row.due_on if key == "deadline" else getattr(row, key)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(LEDGER_COLUMNS):
            return
        # A reset, not layoutAboutToBeChanged/layoutChanged: in PySide6 6.12 emitting
        # those (or any model signal with default arguments) from Python drops a
        # reference to True each time, and the interpreter aborts once it reaches 0.
        self.beginResetModel()
        self._sort_key = KEYS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._pages.clear()
        self.endResetModel()

    # -- what the tab asks --------------------------------------------------
    @property
    def filter(self) -> LedgerFilter:
        return self._filter

    @property
    def counts(self) -> LedgerCounts:
        return self._counts

    @property
    def on(self) -> date:
        return self._on

    def set_filter(self, f: LedgerFilter) -> None:
        self.beginResetModel()
        self._filter = f
        self._pages.clear()
        self._texts.clear()
        self._counts = self._query.counts(f, self._on)
        self.endResetModel()

    def set_day(self, on: date, counter: WorkdayCounter | None = None) -> None:
        """Look at the ledger as of another day (overdue depends on it) or a new calendar."""
        self._on = on
        if counter is not None:
            self._counter = counter
        self.refresh()

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def _fetch(self, offset: int, limit: int) -> list[LedgerRow]:
        return self._query.page(
            self._filter,
            self._on,
            sort_key=self._sort_key,
            descending=self._descending,
            offset=offset,
            limit=limit,
        )

    def row_at(self, row: int) -> LedgerRow | None:
        return self._pages.row(row)

    def id_at(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.id if found else None

    def row_of_id(self, item_id: int) -> int | None:
        """Row of an item among the cached pages (to reselect it after an action)."""
        return self._pages.find(lambda r: r.id == item_id)

    # -- cells --------------------------------------------------------------
    def _deadline(self, row: LedgerRow) -> str:
        text = self._texts.get(row.id)
        if text is None:
            text = deadline_text(row.due_on, row.concluded_on, self._on, self._counter)
            if len(self._texts) > self.PAGE_SIZE * self.MAX_PAGES:
                self._texts.clear()
            self._texts[row.id] = text
        return text

    def _background(self, row: LedgerRow) -> QBrush | None:
        if row.overdue_review == OverdueReview.PENDING.value:
            return REVIEW_BRUSH
        if row.concluded_on is not None:
            return DONE_BRUSH
        if is_overdue(row.due_on, None, self._on):
            return OVERDUE_BRUSH
        if self._counter.workdays_between(self._on, row.due_on) <= self._soon:
            return SOON_BRUSH
        return None
