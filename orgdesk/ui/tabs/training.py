"""培训与学分: one year at a time, in sub-pages the way the work is done."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from orgdesk.services.credits import training_years
from orgdesk.services.reference import reference_data
from orgdesk.services.training_notes import NoteAbout
from orgdesk.storage.database import Database
from orgdesk.ui.training.activities_page import ActivitiesPage
from orgdesk.ui.training.credits_page import CreditsPage
from orgdesk.ui.training.exams_page import ExamsPage
from orgdesk.ui.training.notes_page import NotesPage
from orgdesk.ui.training.plans_page import PlansPage
from orgdesk.ui.training.syllabus_page import SyllabusPage


class TrainingTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.reference = reference_data(db)
        self.today = date.today()
        self.year_box = QComboBox()
        self.credits = CreditsPage(db, self.reference)
        self.syllabus = SyllabusPage(db, self.reference)
        self.plans = PlansPage(db, self.reference)
        self.exams = ExamsPage(db, self.reference)
        self.notes = NotesPage(db)
        self.activities = ActivitiesPage(db, self.reference)
        self.pages = [
            (self.credits, "学分台账"),
            (self.syllabus, "培训大纲与必读书目"),
            (self.plans, "培训计划与报名出勤"),
            (self.exams, "考试成绩"),
            (self.notes, "学习心得"),
            (self.activities, "学习活动"),
        ]
        self.tabs = QTabWidget()
        for page, title in self.pages:
            self.tabs.addTab(page, title)
            changed = getattr(page, "changed", None)
            if changed is not None:
                changed.connect(self._changed)
        self._stale: set[int] = set()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("年度"))
        bar.addWidget(self.year_box)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self._fill_years(self.today.year)
        self.year_box.currentIndexChanged.connect(lambda _i: self._year_chosen())
        self.tabs.currentChanged.connect(self._page_shown)
        self._year_chosen()

    @property
    def year(self) -> int:
        return int(self.year_box.currentData())

    def _fill_years(self, select: int) -> None:
        years = set(training_years(self.db)) | {
            self.today.year - 1,
            self.today.year,
            self.today.year + 1,
        }
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in sorted(years, reverse=True):
            self.year_box.addItem(f"{y} 年", y)
        self.year_box.setCurrentIndex(self.year_box.findData(select))
        self.year_box.blockSignals(False)

    def set_today(self, today: date) -> None:
        """The day note statuses are judged on (tests and demos set it; normally today)."""
        self.today = today
        self.credits.on = today
        self.notes.on = today
        self._year_chosen()

    def set_year(self, year: int) -> None:
        if self.year_box.findData(year) < 0:
            self._fill_years(year)
        self.year_box.setCurrentIndex(self.year_box.findData(year))
        self._year_chosen()

    def _year_chosen(self) -> None:
        """Load only the page on show; the others load when they are shown."""
        self._stale = set(range(len(self.pages)))
        self._page_shown(self.tabs.currentIndex())

    def _page_shown(self, index: int) -> None:
        if index in self._stale:
            self._stale.discard(index)
            page = self.pages[index][0]
            page.set_year(self.year)  # type: ignore[attr-defined]

    def _changed(self) -> None:
        current = self.tabs.currentIndex()
        self._stale = set(range(len(self.pages))) - {current}
        refresh_due = getattr(self.window(), "refresh_due", None)
        if callable(refresh_due):
            refresh_due()

    def open_record(self, kind: str, record_id: int) -> None:
        """From the due list: a note requirement opens on the 学习心得 page."""
        if kind in ("note_reading", "note_session"):
            about = NoteAbout.READING if kind == "note_reading" else NoteAbout.SESSION
            if self.year != self.today.year:
                self.set_year(self.today.year)
            self.tabs.setCurrentWidget(self.notes)
            self.notes.select((about, record_id))
