"""The filter row of 工作台账: search, kind, section, handler, status, year, overdue, this week."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from orgdesk.domain.ledger import ItemKind, ItemStatus
from orgdesk.services.ledger_query import (
    ACTIVE,
    OPEN,
    REVIEW_PENDING,
    LedgerFilter,
    handler_choices,
    received_years,
)
from orgdesk.services.reference import ReferenceData
from orgdesk.storage.database import Database


class LedgerFilterBar(QWidget):
    """Emits `changed` when a filter changes (typing: after a short pause)."""

    changed = Signal()

    def __init__(self, reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：事由 / 编号 / 来信来访人 / 经办人")
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem("全部类别", None)
        for k in ItemKind:
            self.kind.addItem(k.value, k.value)
        self.section = QComboBox()
        self.section.addItem("全部科室", None)
        for sec in reference.sections:
            self.section.addItem(sec.name, sec.id)
        self.handler = QComboBox()
        self.handler.setMinimumWidth(110)
        self.status = QComboBox()
        self.status.addItem("全部状态", None)
        self.status.addItem(ACTIVE, ACTIVE)
        self.status.addItem(OPEN, OPEN)
        for st in ItemStatus:
            self.status.addItem(st.value, st.value)
        self.status.addItem(REVIEW_PENDING, REVIEW_PENDING)
        self.status.setCurrentIndex(1)  # 未注销: the working list by default
        self.year = QComboBox()
        self.overdue = QCheckBox("超期")
        self.week = QCheckBox("本周到期")

        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.search, 2)
        for w in self.combos():
            self.row.addWidget(w)
        self.row.addWidget(self.overdue)
        self.row.addWidget(self.week)
        self.row.addStretch(1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.changed.emit)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._now)
        for combo in self.combos():
            combo.currentIndexChanged.connect(self._now)
        self.overdue.toggled.connect(self._now)
        self.week.toggled.connect(self._now)

    def combos(self) -> tuple[QComboBox, ...]:
        return (self.kind, self.section, self.handler, self.status, self.year)

    def add_trailing(self, widget: QWidget) -> None:
        self.row.addWidget(widget)

    def _now(self, *_args: object) -> None:
        self._debounce.stop()
        self.changed.emit()

    def settle(self) -> None:
        """The filter is being applied now: a pending typing pause is moot."""
        self._debounce.stop()

    def current_filter(self) -> LedgerFilter:
        return LedgerFilter(
            text=self.search.text(),
            kind=self.kind.currentData(),
            section_id=self.section.currentData(),
            handler_id=self.handler.currentData(),
            status=self.status.currentData(),
            overdue=self.overdue.isChecked(),
            due_this_week=self.week.isChecked(),
            year=self.year.currentData(),
        )

    def refresh_choices(self, db: Database) -> None:
        """Handlers and years come from the data; keep the current choice when it is still there."""
        handlers = [
            (f"{h.name}（{h.section}）" if h.section else h.name, h.id) for h in handler_choices(db)
        ]
        years = [(f"{y} 年", y) for y in received_years(db)]
        for combo, items, all_label in (
            (self.handler, handlers, "全部经办人"),
            (self.year, years, "全部年度"),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_label, None)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def reset(self, *, text: str = "") -> None:
        """Show everything (then narrow by `text`), without a change signal per widget."""
        for w in (*self.combos(), self.overdue, self.week, self.search):
            w.blockSignals(True)
        for combo in self.combos():
            combo.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self.week.setChecked(False)
        self.search.setText(text)
        for w in (*self.combos(), self.overdue, self.week, self.search):
            w.blockSignals(False)
