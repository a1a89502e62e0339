"""Service lengths (R-PPL-4): 本部工作年限、工龄、任现职年限、任现职级年限.

They are always computed from dates as of a chosen reference date and never typed
in, so a roster printed for 2023-12-31 shows what was true on that day.

Counting rule (anniversary based, as 周岁 are counted): a whole year or month is
complete on the day whose day-of-month reaches the start's; when the target month
is too short for that day (a start on Feb 29, or on the 31st), it is complete on
the 1st of the following month. So someone who started on 2020-02-29 has 1 year
on 2021-03-01, not on 2021-02-28.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

__all__ = [
    "ServiceLengths",
    "add_months",
    "add_years",
    "format_years_months",
    "full_years_between",
    "service_lengths",
    "years_months_between",
]


def full_years_between(start: date, end: date) -> int:
    """Whole years from start to end by the anniversary rule; 0 if end is before start."""
    if end <= start:
        return 0
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def years_months_between(start: date, end: date) -> tuple[int, int]:
    """Whole (years, months) from start to end by the anniversary rule; (0, 0) if reversed."""
    if end <= start:
        return (0, 0)
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return divmod(months, 12)


def add_years(d: date, n: int) -> date:
    """The n-th anniversary of d: Feb 29 lands on Mar 1 in a common year.

    Deliberately the counting rule above rather than a month-end clamp, so that
    ``full_years_between(d, add_years(d, n)) == n`` always holds and a due date
    such as "3 years in post" is the very day the count reaches 3.
    """
    year = d.year + n
    if d.month == 2 and d.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return d.replace(year=year)


def add_months(d: date, n: int) -> date:
    """d plus n calendar months, clamped to month end: Jan 31 + 1 month = Feb 28/29.

    This is the 民法典 第二百零二条 reading ("没有对应日的，月末日为期间的最后一日")
    used for due dates such as the end of a 试用期.
    """
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    month = month0 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


@dataclass(frozen=True)
class ServiceLengths:
    """Whole years as of a reference date; None where the start date is not recorded."""

    years_in_department: int | None
    years_of_service: int | None
    years_in_post: int | None
    years_at_rank: int | None


def service_lengths(
    *,
    first_employment: date | None,
    joined_department: date | None,
    post_since: date | None,
    rank_since: date | None,
    on: date,
) -> ServiceLengths:
    """All four lengths of R-PPL-4 as of `on`; a start after `on` counts as 0."""

    def years(start: date | None) -> int | None:
        return None if start is None else full_years_between(start, on)

    return ServiceLengths(
        years_in_department=years(joined_department),
        years_of_service=years(first_employment),
        years_in_post=years(post_since),
        years_at_rank=years(rank_since),
    )


def format_years_months(y: int, m: int) -> str:
    """Chinese display of a length: "3年2个月", "3年", "5个月", "不足1个月"."""
    if y < 0 or m < 0:
        raise ValueError(f"年限不能为负数：{y}年{m}个月")
    years, months = y + m // 12, m % 12
    if years and months:
        return f"{years}年{months}个月"
    if years:
        return f"{years}年"
    if months:
        return f"{months}个月"
    return "不足1个月"
