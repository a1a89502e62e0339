"""Ledger deadlines in Chinese working days: holidays, 调休 make-up days, uncovered years."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesk.domain.ledger import (
    DocumentUrgency,
    ItemKind,
    WorkdayCounter,
    compute_due,
    deadline_text,
    is_overdue,
    limit_key,
    time_limit,
)
from orgdesk.domain.settings import SETTINGS_BY_KEY, Settings
from orgdesk.domain.workdays import CalendarOverride, WorkCalendar, uncovered_notice

CAL = WorkCalendar()
DEFAULTS = Settings()
NOTICE = "国办发明电〔2026〕X号"


def due(received: date, kind: ItemKind, urgency: str = "", cal: WorkCalendar = CAL):
    return compute_due(received, kind, urgency, DEFAULTS, cal)


# --- examples across holidays and make-up days -----------------------------


def test_petition_twenty_workdays_across_national_day_2025() -> None:
    deadline = due(date(2025, 9, 28), ItemKind.PETITION)
    assert deadline.due == date(2025, 10, 31)
    assert not deadline.estimated


def test_document_urgency_limits_across_national_day() -> None:
    # 2025-09-30 Tue: 10-01..10-08 are off, 10-09 Thu is the first working day after.
    received = date(2025, 9, 30)
    assert due(received, ItemKind.DOCUMENT, "特件").due == date(2025, 10, 9)
    assert due(received, ItemKind.DOCUMENT, "急件").due == date(2025, 10, 10)
    # 普通 5: 10-09, 10-10, 10-11 (Saturday make-up day), 10-13, 10-14.
    assert due(received, ItemKind.DOCUMENT, "普通").due == date(2025, 10, 14)
    assert due(received, ItemKind.DOCUMENT, "").due == date(2025, 10, 14)


def test_sunday_make_up_day_is_the_next_working_day() -> None:
    # Friday 2025-09-26; Sunday 09-28 is 调休上班 for National Day.
    assert due(date(2025, 9, 26), ItemKind.DOCUMENT, "特件").due == date(2025, 9, 28)


def test_work_item_across_spring_festival_2026() -> None:
    # 02-14 (Sat) and 02-28 (Sat) are make-up days; 02-15..02-23 are off.
    deadline = due(date(2026, 2, 12), ItemKind.WORK)
    assert deadline.due == date(2026, 3, 4)
    counted = [
        d
        for d in (date(2026, 2, 12) + timedelta(days=i) for i in range(1, 21))
        if CAL.is_workday(d)
    ]
    assert counted[:3] == [date(2026, 2, 13), date(2026, 2, 14), date(2026, 2, 24)]


def test_limits_come_from_settings() -> None:
    assert limit_key(ItemKind.PETITION) == "ledger.limit.petition"
    assert limit_key(ItemKind.DOCUMENT, DocumentUrgency.SPECIAL) == "ledger.limit.document_special"
    for kind in ItemKind:
        assert limit_key(kind) in SETTINGS_BY_KEY
    assert time_limit(ItemKind.PETITION, "", DEFAULTS) == 20
    faster = Settings({"ledger.limit.petition": 15})
    assert compute_due(date(2025, 9, 28), ItemKind.PETITION, "", faster, CAL).due == date(
        2025, 10, 24
    )


def test_clerk_override_moves_a_petition_deadline() -> None:
    cal = WorkCalendar(
        [CalendarOverride(date(2025, 10, 31), date(2025, 10, 31), "休息", "测试", NOTICE)]
    )
    assert due(date(2025, 9, 28), ItemKind.PETITION, cal=cal).due == date(2025, 11, 3)


# --- the year the calendar does not cover ---------------------------------


def test_deadline_in_uncovered_year_is_estimated_from_weekends() -> None:
    assert not CAL.is_covered(2027)
    deadline = due(date(2026, 12, 15), ItemKind.PETITION)
    assert deadline.due == date(2027, 1, 12)  # 2027-01-01 counted: no notice yet
    assert deadline.estimated and deadline.uncovered_years == (2027,)
    assert "2027 年国务院节假日安排通知" in uncovered_notice(deadline.uncovered_years)


def test_entering_the_new_years_notice_firms_the_deadline() -> None:
    cal = WorkCalendar(
        [CalendarOverride(date(2027, 1, 1), date(2027, 1, 3), "休息", "元旦", NOTICE)]
    )
    deadline = due(date(2026, 12, 15), ItemKind.PETITION, cal=cal)
    assert deadline.due == date(2027, 1, 13)
    assert not deadline.estimated


def test_far_future_never_raises() -> None:
    deadline = due(date(2099, 12, 20), ItemKind.SUGGESTION)
    assert deadline.estimated and 2100 in deadline.uncovered_years


# --- overdue and the words shown -------------------------------------------


def test_overdue_and_deadline_text() -> None:
    d = date(2025, 10, 31)
    assert not is_overdue(d, None, d)
    assert is_overdue(d, None, date(2025, 11, 1))
    assert not is_overdue(d, date(2025, 10, 31), date(2026, 1, 1))
    assert is_overdue(d, date(2025, 11, 3), date(2025, 11, 3))
    assert deadline_text(d, None, d, CAL) == "今日到期"
    assert deadline_text(d, None, date(2025, 10, 29), CAL) == "剩 2 个工作日"
    assert deadline_text(d, None, date(2025, 11, 4), CAL) == "超期 2 个工作日"
    assert deadline_text(d, None, date(2025, 11, 1), CAL) == "超期 1 天"  # a Saturday
    assert deadline_text(d, date(2025, 10, 30), date(2026, 1, 1), CAL) == "按时办结"
    assert deadline_text(d, date(2025, 11, 3), date(2026, 1, 1), CAL) == "超期办结"


# --- properties -------------------------------------------------------------

received_days = st.dates(min_value=date(2004, 1, 1), max_value=date(2028, 12, 31))
kinds = st.sampled_from(list(ItemKind))
urgencies = st.sampled_from(["", "普通", "急件", "特件"])


@settings(max_examples=200, deadline=None)
@given(received=received_days, kind=kinds, urgency=urgencies)
def test_law_due_is_the_limit_in_working_days(received: date, kind: ItemKind, urgency: str) -> None:
    deadline = due(received, kind, urgency)
    limit = time_limit(kind, urgency, DEFAULTS)
    assert deadline.due > received
    assert CAL.is_workday(deadline.due)
    assert CAL.workdays_between(received, deadline.due) == limit
    # The day before the due date still leaves one working day.
    assert CAL.workdays_between(received, deadline.due - timedelta(days=1)) == limit - 1
    assert deadline.estimated == any(
        not CAL.is_covered(y) for y in range(received.year, deadline.due.year + 1)
    )


@settings(max_examples=100, deadline=None)
@given(received=received_days, limit=st.integers(min_value=1, max_value=249))
def test_law_longer_limit_never_earlier(received: date, limit: int) -> None:
    shorter = Settings({"ledger.limit.work_item": limit})
    longer = Settings({"ledger.limit.work_item": limit + 1})
    a = compute_due(received, ItemKind.WORK, "", shorter, CAL).due
    b = compute_due(received, ItemKind.WORK, "", longer, CAL).due
    assert a < b


@settings(max_examples=60, deadline=None)
@given(received=received_days)
def test_law_urgent_documents_are_never_later(received: date) -> None:
    special = due(received, ItemKind.DOCUMENT, "特件").due
    urgent = due(received, ItemKind.DOCUMENT, "急件").due
    normal = due(received, ItemKind.DOCUMENT, "普通").due
    assert special <= urgent <= normal


overrides = st.builds(
    lambda start, length, kind: CalendarOverride(
        start, start + timedelta(days=length), kind, "测试", "手工录入"
    ),
    st.dates(min_value=date(2026, 6, 1), max_value=date(2027, 12, 31)),
    st.integers(min_value=0, max_value=20),
    st.sampled_from(["休息", "调休上班"]),
)


@settings(max_examples=80, deadline=None)
@given(
    extra=st.lists(overrides, max_size=4),
    a=st.dates(min_value=date(1985, 1, 1), max_value=date(2030, 12, 31)),
    span=st.integers(min_value=-800, max_value=800),
)
def test_counter_agrees_with_the_calendar(
    extra: list[CalendarOverride], a: date, span: int
) -> None:
    cal = WorkCalendar(extra)
    counter = WorkdayCounter(cal)
    b = a + timedelta(days=span)
    assert counter.workdays_between(a, b) == cal.workdays_between(a, b)
