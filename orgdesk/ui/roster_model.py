"""人员名册 as a lazy table model: counted, filtered and sorted in SQL, fetched by page.

`data()` and `flags()` never run a query per cell (Anki PR #1381): a cell
outside the cached pages costs one page query, and only a bounded number of
pages is kept, so memory stays flat however large the roster is.
"""

from __future__ import annotations

from dataclasses import astuple
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from orgdesk.domain.due import Urgency
from orgdesk.domain.idcard import mask_id_number
from orgdesk.domain.trial import trial_urgency
from orgdesk.services.roster import ROSTER_COLUMNS, RosterFilter, RosterQuery, RosterRow
from orgdesk.ui.paged import PageCache

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
TRIAL_BRUSH = QBrush(QColor("#fff4cc"))
TRIAL_DUE_BRUSH = QBrush(QColor("#ffd59e"))  # trial ends within trial.warn_days
TRIAL_OVERDUE_BRUSH = QBrush(QColor("#fbb4ae"))  # trial end passed without a decision
LEFT_BRUSH = QBrush(QColor("#eeeeee"))

AnyIndex = QModelIndex | QPersistentModelIndex
ID_COLUMN = [key for key, _label in ROSTER_COLUMNS].index("id_number")


class RosterModel(QAbstractTableModel):
    PAGE_SIZE = 200
    MAX_PAGES = 12

    def __init__(self, query: RosterQuery, parent: Any = None, *, mask_ids: bool = False) -> None:
        super().__init__(parent)
        self._query = query
        self._mask_ids = mask_ids  # 身份证号 shown as 110105********1234 to roles not needing it
        self._filter = RosterFilter()
        self._sort_key = "section"
        self._descending = False
        self._pages: PageCache[RosterRow] = PageCache(
            self._fetch, page_size=self.PAGE_SIZE, max_pages=self.MAX_PAGES
        )
        self._count = query.count(self._filter)
        self._today = date.today()
        self._warn_days = 30

    def set_trial_warning(self, today: date, warn_days: int) -> None:
        """Trials ending within `warn_days` of `today` are highlighted (setting trial.warn_days)."""
        self._today, self._warn_days = today, warn_days
        if self._count:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self._count - 1, len(ROSTER_COLUMNS) - 1),
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole],
            )

    # -- what the view asks -------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ROSTER_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return ROSTER_COLUMNS[section][1] if 0 <= section < len(ROSTER_COLUMNS) else None
        return str(section + 1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ToolTipRole,
            ID_ROLE,
            SORT_ROLE,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.BackgroundRole:
            urgency = self._trial_urgency(row)
            if urgency is Urgency.OVERDUE:
                return TRIAL_OVERDUE_BRUSH
            if urgency is Urgency.DUE_SOON:
                return TRIAL_DUE_BRUSH
            if row.status == "试用期":
                return TRIAL_BRUSH
            return LEFT_BRUSH if row.status == "已调出" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        value = astuple(row)[index.column() + 1]
        if role == SORT_ROLE and not (self._mask_ids and index.column() == ID_COLUMN):
            return value
        if isinstance(value, date):
            return value.strftime("%Y-%m-%d")
        if self._mask_ids and index.column() == ID_COLUMN and value:
            return mask_id_number(value)
        return value

    def _trial_urgency(self, row: RosterRow) -> Urgency | None:
        if row.trial_end is None:
            return None
        return trial_urgency(row.trial_end, self._today, self._warn_days)

    def _tooltip(self, row: RosterRow) -> str | None:
        if row.trial_end is None:
            return "试用期人员" if row.status == "试用期" else None
        days = (row.trial_end - self._today).days
        if days < 0:
            return f"试用期已于 {row.trial_end:%Y-%m-%d} 届满（超过 {-days} 天），尚未办理转正"
        return f"试用期至 {row.trial_end:%Y-%m-%d}（还有 {days} 天）"

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(ROSTER_COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort_key = ROSTER_COLUMNS[column][0]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._pages.clear()
        self.layoutChanged.emit()

    # -- what the tab asks --------------------------------------------------
    @property
    def filter(self) -> RosterFilter:
        return self._filter

    def set_filter(self, f: RosterFilter) -> None:
        self.beginResetModel()
        self._filter = f
        self._pages.clear()
        self._count = self._query.count(f)
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def _fetch(self, offset: int, limit: int) -> list[RosterRow]:
        return self._query.page(
            self._filter,
            sort_key=self._sort_key,
            descending=self._descending,
            offset=offset,
            limit=limit,
        )

    def row_at(self, row: int) -> RosterRow | None:
        return self._pages.row(row)

    def id_at(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.id if found else None

    def row_of_id(self, cadre_id: int) -> int | None:
        """Row of a cadre among the cached pages (after a save, to reselect it)."""
        return self._pages.find(lambda r: r.id == cadre_id)
