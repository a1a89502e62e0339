"""交流轮岗: 轮岗到期, 挂职锻炼, 交流建议, 年度交流计划, 联系点与汇报会, 时间轴."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from orgdesk.domain.secondment import SecondmentKind
from orgdesk.storage.database import Database
from orgdesk.ui.rotation.contacts_page import ContactsPage
from orgdesk.ui.rotation.due_page import DuePage
from orgdesk.ui.rotation.plan_page import PlanPage
from orgdesk.ui.rotation.secondment_page import SecondmentPage, SuggestionsPage
from orgdesk.ui.rotation.timeline_page import TimelinePage


class RotationTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.pages = QTabWidget(self)
        self.due = DuePage(db)
        self.secondments = SecondmentPage(db)
        self.suggestions = SuggestionsPage(db)
        self.plan = PlanPage(db)
        self.contacts = ContactsPage(db)
        self.timeline = TimelinePage(db)
        for page, title in (
            (self.due, "轮岗到期"),
            (self.secondments, "挂职锻炼"),
            (self.suggestions, "交流建议"),
            (self.plan, "年度交流计划"),
            (self.contacts, "联系点与汇报会"),
            (self.timeline, "时间轴"),
        ):
            self.pages.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)

        self.due.add_to_plan.connect(self._add_to_plan)
        self.due.show_timeline.connect(self._show_timeline)
        self.suggestions.arrange.connect(self._arrange)
        self.plan.changed.connect(self._history_changed)
        self.secondments.changed.connect(self._secondments_changed)
        self.contacts.changed.connect(self._refresh_due_panel)

    # -- moving between pages --------------------------------------------------
    def _add_to_plan(self, cadre_id: int) -> None:
        self.pages.setCurrentWidget(self.plan)
        self.plan.add_move(cadre_id)
        self.due.refresh()

    def _show_timeline(self, cadre_id: int) -> None:
        self.pages.setCurrentWidget(self.timeline)
        self.timeline.show_person(cadre_id)

    def _arrange(self, cadre_id: int, kind: str) -> None:
        self.pages.setCurrentWidget(self.secondments)
        self.secondments.add(cadre_id, SecondmentKind(kind))

    # -- keeping pages in step -------------------------------------------------
    def _history_changed(self) -> None:
        self.due.refresh()
        self.suggestions.refresh()
        self.timeline.refresh_department()
        if self.timeline.picture.timeline is not None:
            self.timeline.show_person(self.timeline.person.cadre_id())
        self._refresh_due_panel()

    def _secondments_changed(self) -> None:
        self.due.refresh()
        self.suggestions.refresh()
        self._refresh_due_panel()

    def _refresh_due_panel(self) -> None:
        refresh = getattr(self.window(), "refresh_due", None)
        if callable(refresh):
            refresh()

    def open_record(self, kind: str, record_id: int) -> None:
        """Open what a due-list row points at."""
        if kind == "secondment":
            self.pages.setCurrentWidget(self.secondments)
            self.secondments.refresh()
            self.secondments.select(record_id)
        elif kind == "contact_point":
            self.pages.setCurrentWidget(self.contacts)
            self.contacts.refresh_points(select=record_id)
        elif kind == "meeting_section":
            self.pages.setCurrentWidget(self.contacts)
            self.contacts.refresh_meetings()
            self.contacts.select_section(record_id)
