"""Time limits in Chinese working days (R-TSK-3, R-TSK-4).

The official calendar is only published one year ahead, so the package data
(chinesecalendar) runs out; the clerk then types the State Council's notice in
as overrides. Dates beyond every source are estimated from weekends alone and
flagged, so a deadline is never silently wrong and never crashes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import chinese_calendar

OverrideKind = Literal["休息", "调休上班"]

PACKAGE_SOURCE = "chinesecalendar 数据包"
ESTIMATED_SOURCE = "按周末推算（预估）"
MAX_OVERRIDE_DAYS = 31
_WEEKDAY_NAMES = "一二三四五六日"
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class CalendarOverride:
    """One date range from a 国务院节假日安排 notice, as the clerk typed it."""

    start: date
    end: date
    kind: OverrideKind
    name: str
    source: str

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class DayInfo:
    """Why a day is on or off, and on whose authority (shown to the clerk)."""

    day: date
    is_workday: bool
    reason: str
    source: str
    estimated: bool


@dataclass(frozen=True)
class Deadline:
    """A due date plus whether it rests on guessed calendar data."""

    due: date
    estimated: bool
    uncovered_years: tuple[int, ...]


def _is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def _package_names() -> dict[str, str]:
    """English holiday keys of the package mapped to their Chinese names."""
    return {h.value: h.chinese for h in chinese_calendar.Holiday}


class WorkCalendar:
    """Working-day arithmetic over package data plus the clerk's overrides.

    Overrides win over the package day by day; later overrides win over earlier
    ones. The package's own functions are never called, because they raise
    NotImplementedError outside the years they know; only its dicts are read.
    """

    def __init__(
        self,
        overrides: Sequence[CalendarOverride] = (),
        *,
        package_holidays: Mapping[date, str] | None = None,
        package_workdays: Mapping[date, str] | None = None,
    ) -> None:
        self._holidays: Mapping[date, str] = (
            chinese_calendar.holidays if package_holidays is None else package_holidays
        )
        self._workdays: Mapping[date, str] = (
            chinese_calendar.workdays if package_workdays is None else package_workdays
        )
        self._names = _package_names()
        self._package_years = frozenset(d.year for d in (*self._holidays, *self._workdays))
        # Index by year so a lookup scans one year's notice, not every override.
        self._by_year: dict[int, list[CalendarOverride]] = {}
        for override in overrides:
            if override.end < override.start:
                continue
            for year in range(override.start.year, override.end.year + 1):
                self._by_year.setdefault(year, []).append(override)

    @property
    def package_years(self) -> frozenset[int]:
        """Years the chinesecalendar data covers (read from the data, not assumed)."""
        return self._package_years

    def is_covered(self, year: int) -> bool:
        """True when the year has official data, from the package or the clerk."""
        return year in self._package_years or year in self._by_year

    def is_workday(self, d: date) -> bool:
        return self.day_kind(d).is_workday

    def _override_for(self, d: date) -> CalendarOverride | None:
        for override in reversed(self._by_year.get(d.year, ())):
            if override.covers(d):
                return override
        return None

    def _plain_source(self, year: int) -> str:
        """Authority for an ordinary day: no holiday listed means a normal day."""
        if year in self._package_years:
            return PACKAGE_SOURCE
        return self._by_year[year][0].source

    def day_kind(self, d: date) -> DayInfo:
        override = self._override_for(d)
        if override is not None:
            if override.kind == "休息":
                return DayInfo(d, False, f"法定节假日：{override.name}", override.source, False)
            return DayInfo(d, True, f"调休上班：{override.name}", override.source, False)
        if d.year in self._package_years:
            if d in self._workdays:
                name = self._names.get(self._workdays[d], self._workdays[d])
                return DayInfo(d, True, f"调休上班：{name}", PACKAGE_SOURCE, False)
            if d in self._holidays:
                name = self._names.get(self._holidays[d], self._holidays[d])
                return DayInfo(d, False, f"法定节假日：{name}", PACKAGE_SOURCE, False)
        covered = self.is_covered(d.year)
        source = self._plain_source(d.year) if covered else ESTIMATED_SOURCE
        if _is_weekend(d):
            return DayInfo(d, False, "周末", source, not covered)
        return DayInfo(d, True, "工作日", source, not covered)

    def add_workdays(self, start: date, n: int) -> Deadline:
        """The date n working days after start; start itself is not counted.

        A matter received on a holiday or a weekend starts counting at the
        next working day, which this gives without special cases.
        """
        if n < 0:
            raise ValueError(f"工作日天数不能为负数：{n}")
        day = start
        counted = 0
        uncovered: set[int] = set()
        while counted < n:
            day += _ONE_DAY
            if not self.is_covered(day.year):
                uncovered.add(day.year)
            if self.is_workday(day):
                counted += 1
        return Deadline(day, bool(uncovered), tuple(sorted(uncovered)))

    def workdays_between(self, a: date, b: date) -> int:
        """Working days in (a, b]; negative when b is before a (days overdue)."""
        if b < a:
            return -self.workdays_between(b, a)
        count = 0
        day = a
        while day < b:
            day += _ONE_DAY
            if self.is_workday(day):
                count += 1
        return count

    def year_listing(self, year: int) -> list[DayInfo]:
        """Weekday holidays and weekend make-up days of a covered year.

        Empty for an uncovered year: the caller says the notice is missing.
        """
        if not self.is_covered(year):
            return []
        listing: list[DayInfo] = []
        day = date(year, 1, 1)
        while day.year == year:
            info = self.day_kind(day)
            if info.is_workday == _is_weekend(day):
                listing.append(info)
            day += _ONE_DAY
        return listing

    def uncovered_years_needed(self, dates: Iterable[date]) -> set[int]:
        """Years among the dates that still need the clerk to enter a notice."""
        return {d.year for d in dates if not self.is_covered(d.year)}


def uncovered_notice(years: Iterable[int]) -> str:
    """Banner text asking for the missing notices; empty when nothing is missing."""
    wanted = sorted(set(years))
    if not wanted:
        return ""
    listed = "、".join(str(y) for y in wanted)
    return f"请录入 {listed} 年国务院节假日安排通知（当前期限按周末推算，仅供参考）"


def validate_override(o: CalendarOverride) -> list[str]:
    """Problems with a typed-in range, in Chinese; empty when it is usable."""
    problems: list[str] = []
    if not o.name.strip():
        problems.append("请填写节日名称（如「春节」）")
    if not o.source.strip():
        problems.append("请填写来源（通知文号或「手工录入」）")
    if o.kind not in ("休息", "调休上班"):
        problems.append(f"类型「{o.kind}」无效，应为「休息」或「调休上班」")
    if o.end < o.start:
        problems.append(f"结束日期 {o.end.isoformat()} 早于开始日期 {o.start.isoformat()}")
        return problems
    length = (o.end - o.start).days + 1
    if length > MAX_OVERRIDE_DAYS:
        problems.append(
            f"日期范围共 {length} 天，超过 {MAX_OVERRIDE_DAYS} 天，请检查年份或月份是否录错"
        )
        return problems
    if o.kind == "调休上班":
        day = o.start
        while day <= o.end:
            if not _is_weekend(day):
                problems.append(
                    f"{day.isoformat()} 是星期{_WEEKDAY_NAMES[day.weekday()]}，"
                    "本来就要上班，无需录入为调休上班"
                )
            day += _ONE_DAY
    return problems
