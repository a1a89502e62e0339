"""R-PPL-4 service lengths: anniversary counting, month arithmetic, display."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from orgdesk.domain.service_length import (
    ServiceLengths,
    add_months,
    add_years,
    format_years_months,
    full_years_between,
    service_lengths,
    years_months_between,
)

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def test_full_years_on_and_around_the_anniversary() -> None:
    start = date(2015, 7, 1)
    assert full_years_between(start, date(2024, 6, 30)) == 8
    assert full_years_between(start, date(2024, 7, 1)) == 9
    assert full_years_between(start, date(2024, 12, 31)) == 9


def test_feb_29_reaches_its_anniversary_on_mar_1_in_common_years() -> None:
    start = date(2020, 2, 29)
    assert full_years_between(start, date(2021, 2, 28)) == 0
    assert full_years_between(start, date(2021, 3, 1)) == 1
    assert full_years_between(start, date(2024, 2, 28)) == 3
    assert full_years_between(start, date(2024, 2, 29)) == 4
    assert add_years(start, 1) == date(2021, 3, 1)
    assert add_years(start, 4) == date(2024, 2, 29)
    assert years_months_between(start, date(2021, 2, 28)) == (0, 11)
    assert years_months_between(start, date(2021, 3, 1)) == (1, 0)


def test_reversed_or_equal_dates_give_zero() -> None:
    assert full_years_between(date(2024, 1, 2), date(2024, 1, 1)) == 0
    assert full_years_between(date(2024, 1, 1), date(2024, 1, 1)) == 0
    assert years_months_between(date(2030, 1, 1), date(2024, 1, 1)) == (0, 0)


def test_years_and_months() -> None:
    assert years_months_between(date(2021, 3, 15), date(2024, 5, 14)) == (3, 1)
    assert years_months_between(date(2021, 3, 15), date(2024, 5, 15)) == (3, 2)
    assert years_months_between(date(2024, 1, 31), date(2024, 2, 29)) == (0, 0)
    assert years_months_between(date(2024, 1, 31), date(2024, 3, 1)) == (0, 1)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 1, 15), -13, date(2022, 12, 15)),
        (date(2024, 5, 6), 0, date(2024, 5, 6)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, n: int, expected: date) -> None:
    assert add_months(start, n) == expected


def test_service_lengths_as_of_a_reference_date() -> None:
    lengths = service_lengths(
        first_employment=date(2005, 8, 1),
        joined_department=date(2016, 3, 10),
        post_since=date(2021, 12, 31),
        rank_since=None,
        on=date(2024, 3, 9),
    )
    assert lengths == ServiceLengths(
        years_in_department=7,
        years_of_service=18,
        years_in_post=2,
        years_at_rank=None,
    )


def test_service_lengths_start_after_reference_date_is_zero() -> None:
    lengths = service_lengths(
        first_employment=date(2030, 1, 1),
        joined_department=None,
        post_since=None,
        rank_since=date(2024, 3, 10),
        on=date(2024, 3, 9),
    )
    assert lengths.years_of_service == 0
    assert lengths.years_at_rank == 0
    assert lengths.years_in_department is None


@pytest.mark.parametrize(
    ("y", "m", "text"),
    [(3, 2, "3年2个月"), (3, 0, "3年"), (0, 5, "5个月"), (0, 0, "不足1个月"), (1, 14, "2年2个月")],
)
def test_format_years_months(y: int, m: int, text: str) -> None:
    assert format_years_months(y, m) == text


def test_format_refuses_negative() -> None:
    with pytest.raises(ValueError):
        format_years_months(-1, 0)


@given(start=dates, n=st.integers(min_value=0, max_value=80))
def test_add_years_then_count_gives_n(start: date, n: int) -> None:
    assume(start.year + n <= 9999)
    due = add_years(start, n)
    assert full_years_between(start, due) == n
    if n > 0:
        # ...and it is the first such day.
        assert full_years_between(start, due - timedelta(days=1)) == n - 1


@given(start=dates, a=dates, b=dates)
def test_full_years_is_monotone_in_end(start: date, a: date, b: date) -> None:
    early, late = min(a, b), max(a, b)
    assert full_years_between(start, early) <= full_years_between(start, late)


@given(start=dates, end=dates)
def test_years_part_agrees_with_full_years(start: date, end: date) -> None:
    years, months = years_months_between(start, end)
    assert years == full_years_between(start, end)
    assert 0 <= months < 12


@given(start=dates, k=st.integers(min_value=0, max_value=960))
def test_add_months_then_count(start: date, k: int) -> None:
    due = add_months(start, k)
    years, months = years_months_between(start, due)
    if due.day == start.day:
        assert years * 12 + months == k
    else:
        # Clamped to month end: the month completes the next day (1st of next month).
        assert due.day < start.day
        assert years * 12 + months == k - 1
        years, months = years_months_between(start, due + timedelta(days=1))
        assert years * 12 + months == k


@given(start=dates, n=st.integers(min_value=-120, max_value=120))
def test_add_months_inverse_when_no_clamp(start: date, n: int) -> None:
    assume(start.day <= 28)
    assert add_months(add_months(start, n), -n) == start


@given(start=dates, n=st.integers(min_value=0, max_value=80))
def test_add_years_agrees_with_add_months_except_feb_29(start: date, n: int) -> None:
    assume(start.year + n <= 9999)
    if (start.month, start.day) != (2, 29):
        assert add_years(start, n) == add_months(start, 12 * n)
