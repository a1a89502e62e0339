"""试用期 (R-INT-3): length, computed end, and how a trial may end.

Every new entrant serves 3–6 months (the numbers are settings).  The end date
is computed with `add_months` (民法典 第二百零二条: a start on Jan 31 plus one
month ends on Feb 28/29).  A trial ends with 转正 (date, evaluation), 延长 (a
new end, never past the maximum counted from the start) or 不予转正 (reason
required).  Plain functions returning a Chinese reason or None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from orgdesk.domain.due import Urgency
from orgdesk.domain.service_length import add_months
from orgdesk.domain.settings import Settings


class TrialStatus(StrEnum):
    ONGOING = "试用中"
    EXTENDED = "已延长"
    CONFIRMED = "已转正"
    NOT_CONFIRMED = "不予转正"

    @property
    def is_open(self) -> bool:
        return self in (TrialStatus.ONGOING, TrialStatus.EXTENDED)


OPEN_TRIAL_STATUSES = (TrialStatus.ONGOING.value, TrialStatus.EXTENDED.value)


@dataclass(frozen=True)
class TrialLimits:
    """The R-INT-3 numbers as the department set them in 设置."""

    min_months: int = 3
    max_months: int = 6
    default_months: int = 3
    warn_days: int = 30

    @classmethod
    def from_settings(cls, settings: Settings) -> TrialLimits:
        return cls(
            min_months=settings.int("trial.min_months"),
            max_months=settings.int("trial.max_months"),
            default_months=settings.int("trial.default_months"),
            warn_days=settings.int("trial.warn_days"),
        )


def trial_end(start: date, months: int) -> date:
    """The day a trial of `months` starting on `start` ends (its 转正 due date)."""
    return add_months(start, months)


def latest_end(start: date, limits: TrialLimits) -> date:
    """No trial, however extended, may end later than this."""
    return add_months(start, limits.max_months)


def check_length(months: int, limits: TrialLimits) -> str | None:
    if not limits.min_months <= months <= limits.max_months:
        return f"试用期应为 {limits.min_months}–{limits.max_months} 个月，现为 {months} 个月"
    return None


def check_extension(
    start: date, current_end: date, new_end: date, limits: TrialLimits
) -> str | None:
    """Why a 延长 to `new_end` is refused, or None."""
    if new_end <= current_end:
        return f"延长后的截止日期 {new_end:%Y-%m-%d} 应晚于现在的截止日期 {current_end:%Y-%m-%d}"
    last = latest_end(start, limits)
    if new_end > last:
        return (
            f"不能延长到 {new_end:%Y-%m-%d}：试用期自 {start:%Y-%m-%d} 起最长 "
            f"{limits.max_months} 个月，最迟只能到 {last:%Y-%m-%d}"
        )
    return None


def check_confirmation(start: date, on: date, limits: TrialLimits, *, today: date) -> str | None:
    """Why 转正 on `on` is refused (before the minimum length, or in the future), or None."""
    earliest = add_months(start, limits.min_months)
    if on < earliest:
        return (
            f"转正日期 {on:%Y-%m-%d} 早于最短试用期：自 {start:%Y-%m-%d} 起满 "
            f"{limits.min_months} 个月为 {earliest:%Y-%m-%d}"
        )
    if on > today:
        return f"转正日期 {on:%Y-%m-%d} 晚于今天，请在作出决定后再登记"
    return None


def check_not_confirmed(start: date, on: date, reason: str, *, today: date) -> str | None:
    if not reason.strip():
        return "不予转正必须填写理由"
    if on < start:
        return f"决定日期 {on:%Y-%m-%d} 早于试用期开始日期 {start:%Y-%m-%d}"
    if on > today:
        return f"决定日期 {on:%Y-%m-%d} 晚于今天，请在作出决定后再登记"
    return None


def trial_urgency(end: date, on: date, warn_days: int) -> Urgency | None:
    """How an open trial ending on `end` looks on `on`: overdue, due soon, or not yet."""
    if end < on:
        return Urgency.OVERDUE
    if (end - on).days <= warn_days:
        return Urgency.DUE_SOON
    return None
