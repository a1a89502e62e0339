"""人员与试用 (tab 1): 人员名册 / 招录批次 / 试用期 / 调出 as sub-pages.

A change on one page (a 录用, a 转正, an import) refreshes the pages it
affects and the due count in the status bar.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from orgdesk.storage.database import Database
from orgdesk.ui.intake_page import IntakePage
from orgdesk.ui.outflow_page import OutflowPage
from orgdesk.ui.tabs.personnel import PersonnelTab
from orgdesk.ui.trial_page import TrialPage


class PersonnelArea(QTabWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.roster = PersonnelTab(db, self)
        self.intake = IntakePage(db, self)
        self.trials = TrialPage(db, self)
        self.outflow = OutflowPage(db, self)
        self.addTab(self.roster, "人员名册")
        self.addTab(self.intake, "招录批次")
        self.addTab(self.trials, "试用期")
        self.addTab(self.outflow, "调出")
        self.roster.changed.connect(self._roster_changed)
        self.intake.changed.connect(self._people_changed)
        self.trials.changed.connect(self._people_changed)
        self.outflow.changed.connect(self._people_changed)

    def _roster_changed(self) -> None:
        self.trials.refresh()
        self._due_changed()

    def _people_changed(self) -> None:
        self.roster.refresh()
        self.trials.refresh()
        self.outflow.refresh()
        self._due_changed()

    def _due_changed(self) -> None:
        refresh_due = getattr(self.window(), "refresh_due", None)
        if callable(refresh_due):
            refresh_due()

    def open_record(self, kind: str, record_id: int) -> None:
        """From the due list: "trial" opens the 试用期 page at that trial."""
        if kind == "trial":
            self.setCurrentWidget(self.trials)
            self.trials.refresh()
            self.trials.open_trial(record_id)
        elif kind == "cadre":
            self.setCurrentWidget(self.roster)
