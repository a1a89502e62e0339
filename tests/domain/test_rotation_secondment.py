"""R-ROT-1: secondment kinds and their allowed lengths, at the edges."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesk.domain.secondment import (
    SecondmentInput,
    SecondmentKind,
    SecondmentStatus,
    allowed_months,
    check_secondment,
    length_text,
    months_reached_on,
    range_problem,
    status_on,
    whole_months,
)
from orgdesk.domain.settings import Settings

S = Settings()
DOWN, UP, STUDY = SecondmentKind.DOWN, SecondmentKind.UP, SecondmentKind.STUDY


def test_default_ranges_come_from_settings() -> None:
    assert (allowed_months(DOWN, S).minimum, allowed_months(DOWN, S).maximum) == (12, 18)
    assert (allowed_months(UP, S).minimum, allowed_months(UP, S).maximum) == (6, 12)
    assert (allowed_months(STUDY, S).minimum, allowed_months(STUDY, S).maximum) == (3, 6)
    changed = Settings({"secondment.up.max_months": 15})
    assert allowed_months(UP, changed).maximum == 15
    assert str(allowed_months(DOWN, S)) == "12–18 个月"


@pytest.mark.parametrize(
    ("kind", "start", "end", "ok"),
    [
        # 下派 12–18 months: both days of the period are counted.
        (DOWN, date(2026, 1, 1), date(2026, 12, 30), False),
        (DOWN, date(2026, 1, 1), date(2026, 12, 31), True),
        (DOWN, date(2026, 1, 1), date(2027, 6, 30), True),
        (DOWN, date(2026, 1, 1), date(2027, 7, 1), False),
        # 上挂 6–12 months
        (UP, date(2026, 3, 15), date(2026, 9, 13), False),
        (UP, date(2026, 3, 15), date(2026, 9, 14), True),
        (UP, date(2026, 3, 15), date(2027, 3, 14), True),
        (UP, date(2026, 3, 15), date(2027, 3, 15), False),
        # 到有关部门学习 3–6 months
        (STUDY, date(2026, 1, 1), date(2026, 3, 30), False),
        (STUDY, date(2026, 1, 1), date(2026, 3, 31), True),
        (STUDY, date(2026, 1, 1), date(2026, 6, 30), True),
        (STUDY, date(2026, 1, 1), date(2026, 7, 1), False),
        # leap day start: 12 months are complete on 2025-03-01 (the 1st after a missing day)
        (DOWN, date(2024, 2, 29), date(2025, 2, 27), False),
        (DOWN, date(2024, 2, 29), date(2025, 2, 28), True),
        # 3 months from 30 Nov: 28/29 Feb has no 30th, so complete on 1 Mar
        (STUDY, date(2023, 11, 30), date(2024, 2, 29), True),
        (STUDY, date(2023, 11, 30), date(2024, 2, 28), False),
        # ending on 29 Feb of a leap year
        (STUDY, date(2023, 8, 30), date(2024, 2, 29), True),
        (STUDY, date(2023, 8, 30), date(2024, 3, 1), False),
    ],
)
def test_range_edges(kind: SecondmentKind, start: date, end: date, ok: bool) -> None:
    assert (range_problem(kind, start, end, S) is None) is ok


def test_messages_say_how_long_and_what_is_allowed() -> None:
    short = range_problem(DOWN, date(2026, 1, 1), date(2026, 12, 30), S)
    assert short == "计划期限 11个月又30天，短于「下派」的 12–18 个月"
    long = range_problem(DOWN, date(2026, 1, 1), date(2027, 7, 1), S, what="实际期限")
    assert long == "实际期限 1年6个月又1天，超过「下派」的 12–18 个月"


def test_length_text() -> None:
    assert length_text(date(2026, 1, 1), date(2026, 12, 31)) == "1年"
    assert length_text(date(2026, 1, 1), date(2026, 1, 1)) == "1天"
    assert length_text(date(2026, 1, 1), date(2026, 4, 10)) == "3个月又10天"
    assert months_reached_on(date(2024, 1, 31), 1) == date(2024, 3, 1)
    assert months_reached_on(date(2024, 1, 30), 1) == date(2024, 3, 1)
    assert months_reached_on(date(2024, 1, 29), 1) == date(2024, 2, 29)


def _form(**changes: object) -> SecondmentInput:
    data = SecondmentInput(
        cadre_id=1,
        kind=DOWN,
        host_unit="城关镇人民政府",
        host_post="党委副书记",
        planned_start=date(2026, 1, 1),
        planned_end=date(2026, 12, 31),
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_a_complete_record_in_range_has_no_problems() -> None:
    assert check_secondment(_form(), S) == []


def test_out_of_range_needs_a_reason_then_is_only_a_warning() -> None:
    problems = check_secondment(_form(planned_end=date(2027, 12, 31)), S)
    assert [p.field for p in problems] == ["超出期限原因"]
    assert "须填写原因" in problems[0].message and not problems[0].warning
    problems = check_secondment(
        _form(planned_end=date(2027, 12, 31), out_of_range_reason="驻村帮扶需要"), S
    )
    assert len(problems) == 1 and problems[0].warning


def test_missing_fields_are_named_in_chinese() -> None:
    problems = check_secondment(SecondmentInput(None, None, " ", "", None, None), S)
    fields = {p.field for p in problems}
    assert fields == {"人员", "挂职类别", "挂职单位", "挂职职务", "计划开始", "计划结束"}


def test_end_before_start_and_actual_dates() -> None:
    problems = check_secondment(_form(planned_end=date(2025, 12, 1)), S)
    assert [(p.field, p.message) for p in problems] == [("计划结束", "早于计划开始")]
    problems = check_secondment(_form(actual_end=date(2026, 6, 1)), S)
    assert problems[0].field == "实际开始"


def test_status() -> None:
    start = date(2026, 1, 1)
    assert status_on(date(2025, 12, 31), start, None, None) is SecondmentStatus.PLANNED
    assert status_on(date(2026, 1, 1), start, None, None) is SecondmentStatus.ONGOING
    assert status_on(date(2025, 12, 1), start, date(2025, 11, 1), None) is SecondmentStatus.ONGOING
    assert status_on(date(2026, 2, 1), start, start, date(2026, 1, 31)) is SecondmentStatus.ENDED


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    months=st.integers(min_value=1, max_value=36),
)
def test_law_the_day_before_n_months_are_reached_is_exactly_n_months(
    start: date, months: int
) -> None:
    end = months_reached_on(start, months) - timedelta(days=1)
    assert whole_months(start, end) == months
    assert whole_months(start, end - timedelta(days=1)) == months - 1
    assert length_text(start, end).endswith(("年", "个月"))
