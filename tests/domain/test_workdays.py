"""Working-day deadlines against the official calendar (R-TSK-3, R-TSK-4)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesk.domain.workdays import (
    ESTIMATED_SOURCE,
    PACKAGE_SOURCE,
    CalendarOverride,
    WorkCalendar,
    uncovered_notice,
    validate_override,
)

CAL = WorkCalendar()
LAST_PACKAGE_YEAR = max(d.year for d in chinese_calendar.holidays)
NOTICE_2027 = "国务院办公厅通知 国办发明电〔2026〕X号"


def _override(start: date, end: date, kind: str, name: str = "测试") -> CalendarOverride:
    return CalendarOverride(start, end, kind, name, "手工录入")  # type: ignore[arg-type]


def _spring_festival_2026() -> tuple[list[date], list[date]]:
    """Spring Festival 2026 off days and make-up days, read from the package."""
    key = chinese_calendar.Holiday.spring_festival.value
    off = sorted(d for d, v in chinese_calendar.holidays.items() if d.year == 2026 and v == key)
    on = sorted(d for d, v in chinese_calendar.workdays.items() if d.year == 2026 and v == key)
    return off, on


# --- the package's calendar -------------------------------------------------


def test_twenty_workdays_across_national_day_2025() -> None:
    deadline = CAL.add_workdays(date(2025, 9, 28), 20)
    assert deadline.due == date(2025, 10, 31)
    assert not deadline.estimated
    assert deadline.uncovered_years == ()


def test_national_day_2025_day_kinds() -> None:
    makeup = CAL.day_kind(date(2025, 9, 28))
    assert makeup.is_workday and makeup.reason == "调休上班：国庆节"
    assert makeup.source == PACKAGE_SOURCE and not makeup.estimated
    holiday = CAL.day_kind(date(2025, 10, 1))
    assert not holiday.is_workday and holiday.reason == "法定节假日：国庆节"
    assert CAL.day_kind(date(2025, 10, 11)).is_workday  # Saturday make-up day
    assert CAL.day_kind(date(2025, 10, 12)).reason == "周末"
    assert CAL.day_kind(date(2025, 10, 9)).reason == "工作日"


def test_weekend_makeup_day_counts() -> None:
    # Friday 2025-10-10, next working day is the make-up Saturday 10-11.
    assert CAL.add_workdays(date(2025, 10, 10), 1).due == date(2025, 10, 11)
    assert CAL.workdays_between(date(2025, 10, 10), date(2025, 10, 13)) == 2


def test_spring_festival_2026_from_package_data() -> None:
    off, on = _spring_festival_2026()
    assert off and on, "package data should list Spring Festival 2026"
    for day in off:
        info = CAL.day_kind(day)
        assert not info.is_workday and info.reason == "法定节假日：春节"
    for day in on:
        assert _is_weekend(day)
        info = CAL.day_kind(day)
        assert info.is_workday and info.reason == "调休上班：春节"
    # One working day after the eve of the holiday jumps the whole break.
    before = off[0] - timedelta(days=1)
    while not CAL.is_workday(before):
        before -= timedelta(days=1)
    due = CAL.add_workdays(before, 1).due
    expected = min(d for d in [*on, *_weekdays_after(off[-1])] if d > before)
    assert due == expected
    assert due not in off


def test_spring_festival_2026_concrete_dates() -> None:
    off, on = _spring_festival_2026()
    assert date(2026, 2, 16) in off and date(2026, 2, 23) in off
    assert date(2026, 2, 14) in on and date(2026, 2, 28) in on
    assert CAL.add_workdays(date(2026, 2, 13), 1).due == date(2026, 2, 14)
    assert CAL.add_workdays(date(2026, 2, 14), 1).due == date(2026, 2, 24)
    assert CAL.workdays_between(date(2026, 2, 13), date(2026, 2, 24)) == 2


def test_year_listing_2025() -> None:
    listing = CAL.year_listing(2025)
    days = [i.day for i in listing]
    assert days == sorted(days)
    assert date(2025, 9, 28) in days and date(2025, 10, 1) in days
    assert date(2025, 10, 4) not in days  # a holiday Saturday is not news
    assert all(i.source == PACKAGE_SOURCE for i in listing)
    assert all(i.is_workday == (i.day.weekday() >= 5) for i in listing)


def test_coverage_is_derived_from_package_data() -> None:
    assert CAL.is_covered(2004) and CAL.is_covered(LAST_PACKAGE_YEAR)
    assert not CAL.is_covered(2003) and not CAL.is_covered(LAST_PACKAGE_YEAR + 1)
    short = WorkCalendar(
        package_holidays={d: v for d, v in chinese_calendar.holidays.items() if d.year <= 2025},
        package_workdays={d: v for d, v in chinese_calendar.workdays.items() if d.year <= 2025},
    )
    assert short.is_covered(2025) and not short.is_covered(2026)
    assert short.add_workdays(date(2025, 12, 30), 5).uncovered_years == (2026,)


# --- the clerk's overrides --------------------------------------------------


def test_override_holiday_moves_deadline() -> None:
    cal = WorkCalendar([_override(date(2025, 10, 31), date(2025, 10, 31), "休息")])
    deadline = cal.add_workdays(date(2025, 9, 28), 20)
    assert deadline.due == date(2025, 11, 3)
    assert not deadline.estimated
    info = cal.day_kind(date(2025, 10, 31))
    assert info.reason == "法定节假日：测试" and info.source == "手工录入"


def test_override_makeup_day_moves_deadline_earlier() -> None:
    cal = WorkCalendar([_override(date(2025, 10, 12), date(2025, 10, 12), "调休上班")])
    assert cal.add_workdays(date(2025, 9, 28), 20).due == date(2025, 10, 30)


def test_override_wins_over_package_and_later_wins_over_earlier() -> None:
    cal = WorkCalendar(
        [
            _override(date(2025, 10, 1), date(2025, 10, 8), "休息", "国庆节"),
            _override(date(2025, 10, 8), date(2025, 10, 8), "调休上班", "更正"),
        ]
    )
    assert cal.is_workday(date(2025, 10, 8))
    assert cal.day_kind(date(2025, 10, 8)).reason == "调休上班：更正"
    assert not cal.is_workday(date(2025, 10, 7))


def test_uncovered_year_is_estimated_and_never_raises() -> None:
    assert not CAL.is_covered(2027)
    deadline = CAL.add_workdays(date(2027, 3, 1), 10)  # a Monday
    assert deadline.due == date(2027, 3, 15)
    assert deadline.estimated and deadline.uncovered_years == (2027,)
    info = CAL.day_kind(date(2027, 10, 1))
    assert info.is_workday and info.estimated and info.source == ESTIMATED_SOURCE
    assert CAL.day_kind(date(2027, 10, 2)).reason == "周末"
    assert CAL.year_listing(2027) == []
    assert CAL.uncovered_years_needed([date(2026, 5, 1), date(2027, 1, 4)]) == {2027}
    far = CAL.add_workdays(date(2099, 12, 30), 3)
    assert far.uncovered_years == (2099, 2100)
    assert CAL.workdays_between(date(2003, 1, 1), date(2003, 1, 8)) == 5


def test_2027_overrides_cover_the_year() -> None:
    notice = [
        CalendarOverride(date(2027, 2, 6), date(2027, 2, 14), "休息", "春节", NOTICE_2027),
        CalendarOverride(date(2027, 2, 20), date(2027, 2, 20), "调休上班", "春节", NOTICE_2027),
    ]
    cal = WorkCalendar(notice)
    assert cal.is_covered(2027) and not cal.is_covered(2028)
    deadline = cal.add_workdays(date(2027, 2, 5), 1)
    assert deadline.due == date(2027, 2, 15)
    assert not deadline.estimated and deadline.uncovered_years == ()
    plain = cal.day_kind(date(2027, 3, 1))
    assert plain.reason == "工作日" and not plain.estimated and plain.source == NOTICE_2027
    listing = cal.year_listing(2027)
    assert [i.day for i in listing] == [
        date(2027, 2, 8),
        date(2027, 2, 9),
        date(2027, 2, 10),
        date(2027, 2, 11),
        date(2027, 2, 12),
        date(2027, 2, 20),
    ]
    assert all(i.source == NOTICE_2027 for i in listing)
    assert cal.uncovered_years_needed([date(2027, 6, 1)]) == set()


def test_reversed_override_is_ignored_and_does_not_cover() -> None:
    cal = WorkCalendar([_override(date(2027, 2, 9), date(2027, 2, 1), "休息")])
    assert not cal.is_covered(2027)
    assert cal.is_workday(date(2027, 2, 3))


def test_negative_n_rejected_and_zero_returns_start() -> None:
    with pytest.raises(ValueError, match="负数"):
        CAL.add_workdays(date(2025, 1, 1), -1)
    assert CAL.add_workdays(date(2025, 10, 1), 0) == CAL.add_workdays(date(2025, 10, 1), 0)
    assert CAL.add_workdays(date(2025, 10, 1), 0).due == date(2025, 10, 1)
    assert CAL.workdays_between(date(2025, 10, 31), date(2025, 9, 28)) == -20


def test_uncovered_notice_text() -> None:
    assert uncovered_notice([2027]).startswith("请录入 2027 年国务院节假日安排通知")
    assert "2027、2028" in uncovered_notice([2028, 2027, 2028])
    assert uncovered_notice([]) == ""


# --- validation -------------------------------------------------------------


def test_validate_good_override() -> None:
    assert validate_override(_override(date(2027, 2, 6), date(2027, 2, 14), "休息", "春节")) == []
    assert validate_override(_override(date(2027, 2, 20), date(2027, 2, 20), "调休上班")) == []


def test_validate_end_before_start() -> None:
    problems = validate_override(_override(date(2027, 2, 9), date(2027, 2, 1), "休息"))
    assert len(problems) == 1 and "早于开始日期" in problems[0]


def test_validate_range_too_long() -> None:
    problems = validate_override(_override(date(2027, 1, 1), date(2027, 2, 1), "休息"))
    assert len(problems) == 1 and "超过 31 天" in problems[0]
    assert validate_override(_override(date(2027, 1, 1), date(2027, 1, 31), "休息")) == []


def test_validate_makeup_on_weekday_is_pointless() -> None:
    problems = validate_override(_override(date(2027, 2, 19), date(2027, 2, 20), "调休上班"))
    assert len(problems) == 1 and "2027-02-19 是星期五" in problems[0]


def test_validate_blank_name_source_and_bad_kind() -> None:
    bad = CalendarOverride(date(2027, 2, 6), date(2027, 2, 6), "放假", " ", "")  # type: ignore[arg-type]
    problems = validate_override(bad)
    assert len(problems) == 3


def test_domain_module_imports_no_qt_or_sqlalchemy() -> None:
    code = (
        "import sys, orgdesk.domain.workdays\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'sqlalchemy') or m.startswith(('orgdesk.storage', 'orgdesk.ui'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=_child_env())


# --- properties -------------------------------------------------------------

starts = st.dates(min_value=date(2003, 6, 1), max_value=date(2028, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@settings(max_examples=150, deadline=None)
@given(start=starts, n=counts)
def test_law_add_then_count_back(start: date, n: int) -> None:
    assert CAL.workdays_between(start, CAL.add_workdays(start, n).due) == n


@settings(max_examples=150, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=400))
def test_due_is_a_workday(start: date, n: int) -> None:
    assert CAL.is_workday(CAL.add_workdays(start, n).due)


@settings(max_examples=150, deadline=None)
@given(start=starts, n=counts)
def test_monotone_in_n(start: date, n: int) -> None:
    assert CAL.add_workdays(start, n).due < CAL.add_workdays(start, n + 1).due


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=date(2026, 12, 1), max_value=date(2026, 12, 31)))
def test_across_coverage_boundary_is_estimated(day: date) -> None:
    deadline = CAL.add_workdays(day, 30)
    assert deadline.due.year == 2027
    assert deadline.estimated and deadline.uncovered_years == (2027,)


overrides = st.builds(
    lambda start, length, kind: _override(start, start + timedelta(days=length), kind),
    st.dates(min_value=date(2026, 6, 1), max_value=date(2027, 12, 31)),
    st.integers(min_value=0, max_value=30),
    st.sampled_from(["休息", "调休上班"]),
)


@settings(max_examples=80, deadline=None)
@given(extra=st.lists(overrides, max_size=6), start=starts, n=counts)
def test_law_holds_with_clerk_overrides(extra: list[CalendarOverride], start: date, n: int) -> None:
    cal = WorkCalendar(extra)
    deadline = cal.add_workdays(start, n)
    assert cal.workdays_between(start, deadline.due) == n
    assert n == 0 or cal.is_workday(deadline.due)


# --- helpers ----------------------------------------------------------------


def _is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def _days(a: date, b: date) -> list[date]:
    """Days in (a, b]."""
    return [a + timedelta(days=i) for i in range(1, (b - a).days + 1)]


def _weekdays_after(day: date) -> list[date]:
    return [d for d in _days(day, day + timedelta(days=7)) if not _is_weekend(d)]


def _child_env() -> dict[str, str]:
    """The child interpreter must find orgdesk the same way this process did."""
    import os

    import orgdesk

    root = os.path.dirname(os.path.dirname(os.path.abspath(orgdesk.__file__)))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH", "")]))
    return env
