"""人员与试用 rules without a database: trials, intake scoring, outflow input."""

from __future__ import annotations

import importlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesk.domain.due import Urgency
from orgdesk.domain.intake import (
    ENTRY_DIMENSIONS,
    HireCheck,
    IntakeChannel,
    Weights,
    check_score,
    check_weights,
    hire_problems,
    rank_by_total,
    weighted_total,
)
from orgdesk.domain.outflow import OutflowInput, check_outflow
from orgdesk.domain.people import RankLevel
from orgdesk.domain.service_length import add_months
from orgdesk.domain.settings import Settings
from orgdesk.domain.trial import (
    TrialLimits,
    TrialStatus,
    check_confirmation,
    check_extension,
    check_length,
    check_not_confirmed,
    latest_end,
    trial_end,
    trial_urgency,
)

LIMITS = TrialLimits(min_months=3, max_months=6, default_months=3, warn_days=30)


def test_domain_modules_stay_free_of_qt_and_sqlalchemy() -> None:
    for name in ("trial", "intake", "outflow", "roster_row"):
        module = importlib.import_module(f"orgdesk.domain.{name}")
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert "PySide6" not in source and "sqlalchemy" not in source


# -- 试用期 (R-INT-3) ----------------------------------------------------------------


def test_limits_come_from_settings() -> None:
    limits = TrialLimits.from_settings(Settings({"trial.max_months": 5, "trial.warn_days": 14}))
    assert (limits.min_months, limits.max_months, limits.default_months, limits.warn_days) == (
        3,
        5,
        3,
        14,
    )


def test_end_is_computed_with_month_end_clamp() -> None:
    assert trial_end(date(2026, 3, 1), 3) == date(2026, 6, 1)
    assert trial_end(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert latest_end(date(2026, 3, 31), LIMITS) == date(2026, 9, 30)


@pytest.mark.parametrize("months", [2, 7])
def test_length_outside_3_to_6_months_is_refused(months: int) -> None:
    assert check_length(months, LIMITS) == f"试用期应为 3–6 个月，现为 {months} 个月"
    assert check_length(3, LIMITS) is None and check_length(6, LIMITS) is None


def test_extension_past_six_months_from_start_is_refused_with_the_last_day() -> None:
    start = date(2026, 5, 1)
    reason = check_extension(start, date(2026, 8, 1), date(2026, 11, 2), LIMITS)
    assert reason == (
        "不能延长到 2026-11-02：试用期自 2026-05-01 起最长 6 个月，最迟只能到 2026-11-01"
    )
    assert check_extension(start, date(2026, 8, 1), date(2026, 11, 1), LIMITS) is None
    assert "应晚于" in (check_extension(start, date(2026, 8, 1), date(2026, 7, 1), LIMITS) or "")


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    months=st.integers(3, 6),
    extra=st.integers(1, 400),
)
def test_an_accepted_extension_never_ends_past_the_maximum(
    start: date, months: int, extra: int
) -> None:
    current = trial_end(start, months)
    new_end = current + timedelta(days=extra)
    if check_extension(start, current, new_end, LIMITS) is None:
        assert new_end <= add_months(start, LIMITS.max_months)
    else:
        assert new_end > add_months(start, LIMITS.max_months)


def test_confirmation_before_the_minimum_or_in_the_future_is_refused() -> None:
    start = date(2026, 1, 15)
    early = check_confirmation(start, date(2026, 4, 14), LIMITS, today=date(2026, 6, 30))
    assert early is not None and "最短试用期" in early and "2026-04-15" in early
    assert check_confirmation(start, date(2026, 4, 15), LIMITS, today=date(2026, 6, 30)) is None
    future = check_confirmation(start, date(2026, 7, 1), LIMITS, today=date(2026, 6, 30))
    assert future is not None and "晚于今天" in future


def test_not_confirmed_needs_a_reason() -> None:
    today = date(2026, 6, 30)
    assert check_not_confirmed(date(2026, 1, 1), today, "  ", today=today) == "不予转正必须填写理由"
    assert check_not_confirmed(date(2026, 1, 1), today, "考核不合格", today=today) is None


def test_urgency_by_warning_window() -> None:
    on = date(2026, 6, 30)
    assert trial_urgency(date(2026, 6, 29), on, 30) is Urgency.OVERDUE
    assert trial_urgency(on, on, 30) is Urgency.DUE_SOON
    assert trial_urgency(date(2026, 7, 30), on, 30) is Urgency.DUE_SOON
    assert trial_urgency(date(2026, 7, 31), on, 30) is None


def test_open_statuses() -> None:
    assert TrialStatus.ONGOING.is_open and TrialStatus.EXTENDED.is_open
    assert not TrialStatus.CONFIRMED.is_open and not TrialStatus.NOT_CONFIRMED.is_open


# -- 招录 (R-INT-1, R-INT-2) ---------------------------------------------------------


def test_channels_include_high_rank_low_post_transfer() -> None:
    assert [c.value for c in IntakeChannel] == [
        "公开职位",
        "面向社会公开招考",
        "内部竞争上岗",
        "选调/调任",
        "选调/调任（高职低配）",
    ]
    assert [label for _, label in ENTRY_DIMENSIONS] == [
        "政治素质",
        "业务水平",
        "知识结构",
        "办事能力",
        "经历层次",
    ]


def test_weights_must_sum_to_one() -> None:
    assert check_weights(Weights(0.4, 0.4, 0.2)) is None
    assert check_weights(Weights(0.5, 0.4, 0.2)) == "笔试、面试、考察权重之和应为 1，现为 1.1"
    assert "0–1" in (check_weights(Weights(1.2, -0.2, 0)) or "")


def test_weighted_total_skips_zero_weights_and_waits_for_missing_scores() -> None:
    w = Weights(0.4, 0.4, 0.2)
    assert weighted_total({"written": 80, "interview": 90, "assessment": 70}, w) == 82.0
    assert weighted_total({"written": 80, "interview": None, "assessment": 70}, w) is None
    transfer = Weights(0.0, 0.6, 0.4)
    assert weighted_total({"written": None, "interview": 80, "assessment": 90}, transfer) == 84.0


def test_scores_outside_zero_to_full_are_refused() -> None:
    assert check_score("笔试", 101, 100) == "「笔试」成绩应在 0–100 分之间，现为 101"
    assert check_score("笔试", None, 100) is None and check_score("笔试", 100, 100) is None


def test_ranking_shares_places_on_ties() -> None:
    assert rank_by_total([(1, 80.0), (2, 90.0), (3, 80.0), (4, 70.0), (5, None)]) == {
        2: 1,
        1: 2,
        3: 2,
        4: 4,
    }


def _check(**changes: object) -> HireCheck:
    values: dict = dict(
        name="张三",
        grades={k: "良好" for k, _ in ENTRY_DIMENSIONS},
        total=80.0,
        weights_need_scores=True,
        hired_on_post=0,
        headcount=1,
        channel=IntakeChannel.PUBLIC_EXAM,
        origin_level=None,
        post_level=RankLevel.CLERK,
    )
    values.update(changes)
    return HireCheck(**values)


def test_hire_needs_the_full_entry_standard_without_a_fail() -> None:
    assert hire_problems(_check()) == []
    grades = {k: "良好" for k, _ in ENTRY_DIMENSIONS}
    grades["political"] = "不合格"
    assert hire_problems(_check(grades=grades)) == [
        "「张三」入口标准评定为不合格：政治素质，不能录用"
    ]
    grades = {k: "良好" for k, _ in ENTRY_DIMENSIONS} | {"ability": "", "experience": ""}
    assert hire_problems(_check(grades=grades)) == ["「张三」尚未评定入口标准：办事能力、经历层次"]


def test_hire_refused_when_post_is_full_or_scores_missing() -> None:
    assert hire_problems(_check(hired_on_post=1)) == ["该岗位计划录用 1 人，已录用 1 人，名额已满"]
    assert hire_problems(_check(total=None)) == ["「张三」成绩不全，算不出总分"]


def test_high_rank_low_post_needs_a_higher_original_rank() -> None:
    lower = IntakeChannel.TRANSFER_LOWER
    assert (
        hire_problems(
            _check(
                channel=lower, origin_level=RankLevel.SECTION, post_level=RankLevel.DEPUTY_SECTION
            )
        )
        == []
    )
    same = hire_problems(
        _check(
            channel=lower,
            origin_level=RankLevel.DEPUTY_SECTION,
            post_level=RankLevel.DEPUTY_SECTION,
        )
    )
    assert same == ["高职低配要求原职级高于拟任岗位：「张三」原为副科级，岗位为副科级"]
    assert hire_problems(_check(channel=lower)) == ["高职低配须填写「张三」的原职级"]


# -- 高出 (R-INT-4) ------------------------------------------------------------------


def test_outflow_input_checks_every_field() -> None:
    data = OutflowInput(1, None, " ", "别的", "", None)
    fields = [p.field for p in check_outflow(data, today=date(2026, 6, 30))]
    assert fields == ["调出日期", "调往单位", "单位类别", "拟任职务", "职级"]
    future = OutflowInput(1, date(2026, 7, 1), "县财政局", "经济部门", "副局长", RankLevel.SECTION)
    assert [p.message for p in check_outflow(future, today=date(2026, 6, 30))] == [
        "不能晚于今天（请在调出生效后登记）"
    ]
