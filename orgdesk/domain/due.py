"""The due list (待办): what needs attention as of a date, from every area.

Each area contributes `DueItem`s; the list is sorted most urgent first.  An
item links to its record by (tab title, record kind, record id) so the main
window can open it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum


class Urgency(IntEnum):
    OVERDUE = 0
    DUE_SOON = 1
    NOTICE = 2

    @property
    def label(self) -> str:
        return {Urgency.OVERDUE: "已超期", Urgency.DUE_SOON: "即将到期", Urgency.NOTICE: "提示"}[
            self
        ]


@dataclass(frozen=True)
class DueItem:
    kind: str  # e.g. "试用期到期"
    title: str  # e.g. "张三 试用期将于 2026-12-01 届满"
    due: date | None
    urgency: Urgency
    tab: str  # tab title that owns the record, e.g. "人员与试用"
    record_kind: str  # e.g. "trial"
    record_id: int
    who: str = ""

    def days_left(self, on: date) -> int | None:
        return (self.due - on).days if self.due else None


def sort_due(items: list[DueItem]) -> list[DueItem]:
    return sorted(items, key=lambda i: (i.urgency, i.due or date.max, i.kind, i.title))
