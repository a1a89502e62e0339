"""Collect the due list from every area's provider.

An area registers `provider(db, on, settings) -> list[DueItem]` in `DUE_PROVIDERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from orgdesk.domain.due import DueItem, sort_due
from orgdesk.domain.settings import Settings
from orgdesk.services import contact_points, secondments, work_meetings
from orgdesk.services.contest_due import contest_due
from orgdesk.services.ledger_reports import ledger_due
from orgdesk.services.reference import load_settings
from orgdesk.services.training_notes import notes_due
from orgdesk.services.trial import trial_due_items
from orgdesk.storage.database import Database

DueProvider = Callable[[Database, date, Settings], list[DueItem]]

DUE_PROVIDERS: list[DueProvider] = [
    contest_due,
    notes_due,
    secondments.secondments_due,
    contact_points.contact_points_due,
    work_meetings.meetings_due,
    trial_due_items,
    ledger_due,
]


def collect_due(db: Database, on: date | None = None) -> list[DueItem]:
    on = on or date.today()
    settings = load_settings(db)
    items: list[DueItem] = []
    for provider in DUE_PROVIDERS:
        items.extend(provider(db, on, settings))
    return sort_due(items)
