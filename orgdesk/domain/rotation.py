"""轮岗到期 (R-ROT-2) and the first-posting rule (R-ROT-3), read from posting history.

A *post* is a (section, 职务) pair in the department.  Consecutive history lines
with the same section and 职务 are one stint: a rank promotion that writes a new
line does not restart the rotation clock, a change of section or 职务 does.

Edges (all as of the chosen date `on`, counting by the anniversary rule of
`service_length`):

* regular posts: due on the `rotation.years`-th anniversary of the stint's start
  (exactly 3 years in post is due); overdue once `on` is *after* the due date plus
  `rotation.overdue_margin_months`.
* a cadre still in the first post they held in the department, when that post is
  in a general section (综合科室): the move window opens at
  `first_posting.window_years` and they are overdue *after*
  `first_posting.overdue_years`.
* a cadre still in a first post in a business section (业务科室) is flagged:
  R-ROT-3 wants new entrants to start in a general section.

Time away on secondment (挂职) still counts as time in the home post: the post is
kept while the cadre is away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from orgdesk.domain.people import SectionKind
from orgdesk.domain.service_length import (
    add_months,
    add_years,
    format_years_months,
    years_months_between,
)
from orgdesk.domain.settings import Settings


@dataclass(frozen=True)
class Stint:
    """One line of posting history as rotation reads it (in or outside the department)."""

    unit: str
    section_id: int | None
    section_kind: SectionKind | None
    post_title: str
    start: date
    end: date | None = None
    rank_id: int | None = None

    @property
    def in_department(self) -> bool:
        return self.section_id is not None

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)


class RotationState(IntEnum):
    """Most urgent first, so sorting by state lists the overdue on top."""

    OVERDUE = 0
    DUE = 1
    NOT_DUE = 2

    @property
    def label(self) -> str:
        return {
            RotationState.OVERDUE: "超期",
            RotationState.DUE: "到期",
            RotationState.NOT_DUE: "未到期",
        }[self]


@dataclass(frozen=True)
class RotationAssessment:
    post: Stint  # the merged stint held on `on`
    on: date
    first_posting: bool  # still in the first post held in the department
    general_first: bool  # ... and that post is in a general section (R-ROT-3 applies)
    business_first: bool  # ... and it is in a business section (flagged)
    due_on: date
    overdue_after: date  # the last day that is not yet overdue
    state: RotationState

    @property
    def in_post(self) -> tuple[int, int]:
        return years_months_between(self.post.start, self.on)

    @property
    def in_post_text(self) -> str:
        return format_years_months(*self.in_post)

    @property
    def months_in_post(self) -> int:
        y, m = self.in_post
        return 12 * y + m

    @property
    def rule_text(self) -> str:
        return "首岗（综合科室）" if self.general_first else "一般岗位"

    @property
    def note(self) -> str:
        """Why the cadre is (not) due, in Chinese."""
        since = f"{self.post.start:%Y-%m-%d} 起任现岗位，已 {self.in_post_text}"
        if self.general_first:
            head = f"{since}；新进人员在综合科室工作期满 {self.due_on:%Y-%m-%d} 可交流到业务科室"
        else:
            head = f"{since}；{self.due_on:%Y-%m-%d} 轮岗到期"
        tail = f"，{self.overdue_after:%Y-%m-%d} 后为超期"
        flag = (
            "；新进人员直接安排在业务科室，与先综合后业务的要求不符" if self.business_first else ""
        )
        return head + tail + flag


def merged_department_stints(history: Sequence[Stint]) -> list[Stint]:
    """Department lines in date order, consecutive same-post lines merged into one stint."""
    lines = sorted((s for s in history if s.in_department), key=lambda s: s.start)
    merged: list[Stint] = []
    for line in lines:
        if merged:
            last = merged[-1]
            same_post = last.section_id == line.section_id and last.post_title == line.post_title
            touching = last.end is None or last.end + timedelta(days=1) >= line.start
            if same_post and touching:
                end = None if last.end is None or line.end is None else max(last.end, line.end)
                merged[-1] = Stint(
                    last.unit,
                    last.section_id,
                    last.section_kind,
                    last.post_title,
                    last.start,
                    end,
                    line.rank_id,
                )
                continue
        merged.append(line)
    return merged


def post_held_on(history: Sequence[Stint], on: date) -> tuple[Stint, bool] | None:
    """The merged department stint covering `on`, and whether it is the first one."""
    stints = merged_department_stints(history)
    covering = [s for s in stints if s.covers(on)]
    if not covering:
        return None
    current = max(covering, key=lambda s: s.start)
    return current, current is stints[0]


def assess_rotation(
    history: Sequence[Stint], on: date, settings: Settings
) -> RotationAssessment | None:
    """Due/overdue for the post held on `on`; None when no department post covers `on`."""
    held = post_held_on(history, on)
    if held is None:
        return None
    post, first = held
    general_first = first and post.section_kind is SectionKind.GENERAL
    business_first = first and post.section_kind is SectionKind.BUSINESS
    if general_first:
        due_on = add_years(post.start, settings.int("first_posting.window_years"))
        overdue_after = add_years(post.start, settings.int("first_posting.overdue_years"))
    else:
        due_on = add_years(post.start, settings.int("rotation.years"))
        overdue_after = add_months(due_on, settings.int("rotation.overdue_margin_months"))
    overdue_after = max(overdue_after, due_on)
    if on > overdue_after:
        state = RotationState.OVERDUE
    elif on >= due_on:
        state = RotationState.DUE
    else:
        state = RotationState.NOT_DUE
    return RotationAssessment(
        post, on, first, general_first, business_first, due_on, overdue_after, state
    )


def minimum_years_before_move(history: Sequence[Stint], on: date, settings: Settings) -> int:
    """How long the post held on `on` must be held before a planned move (plan check)."""
    held = post_held_on(history, on)
    if held is not None and held[1] and held[0].section_kind is SectionKind.GENERAL:
        return settings.int("first_posting.window_years")
    return settings.int("rotation.min_years")
