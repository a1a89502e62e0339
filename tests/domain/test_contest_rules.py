"""R-PRO-3..5: phases in order, the outnumber rule, recommendation rate, ranking and ties."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from orgdesk.domain.contest import (
    PHASES,
    Contestant,
    ContestDates,
    Meeting,
    Phase,
    PostDemand,
    ScorePart,
    check_dates,
    check_meeting,
    check_parts,
    check_votes,
    outnumber_problems,
    propose,
    rank_contestants,
    recommendation_outcome,
    weighted_total,
)

PARTS = (ScorePart(1, "笔试", 0.4), ScorePart(2, "演讲答辩", 0.4), ScorePart(3, "民主测评", 0.2))


def test_ten_phases_in_order_without_skipping() -> None:
    assert [p.value for p in PHASES] == [
        "发布",
        "报名",
        "资格审查",
        "民主推荐",
        "组织审定",
        "笔试/演讲答辩",
        "综合评分",
        "确定拟任人选",
        "公示",
        "任职",
    ]
    assert Phase.PUBLISHED.previous is None and Phase.APPOINTMENT.next is None
    for a, b in itertools.pairwise(PHASES):
        assert a.next is b and b.previous is a


# -- R-PRO-4 ------------------------------------------------------------------------------


def test_contestants_equal_to_posts_are_not_enough() -> None:
    problems = outnumber_problems([PostDemand("干部科副科长", 1, 1)], when="报名截止时")
    assert problems == [
        "报名截止时，「干部科副科长」岗位 1 个职位，现有竞争者 1 名；竞争人数须多于职位数，还需至少 1 名"
    ]


def test_one_more_than_posts_is_enough() -> None:
    assert outnumber_problems([PostDemand("副科长", 2, 3)]) == []


def test_shortfall_counts_how_many_more() -> None:
    assert PostDemand("副科长", 2, 0).shortfall == 3
    assert PostDemand("副科长", 2, 2).shortfall == 1
    assert PostDemand("副科长", 2, 5).shortfall == 0
    problems = outnumber_problems([PostDemand("甲", 1, 3), PostDemand("乙", 2, 1)])
    assert len(problems) == 1 and "「乙」" in problems[0] and "还需至少 2 名" in problems[0]


def test_no_posts_is_a_problem() -> None:
    assert outnumber_problems([]) == ["尚未设置竞争岗位"]


@given(count=st.integers(1, 20), contestants=st.integers(0, 40))
def test_outnumber_law(count: int, contestants: int) -> None:
    demand = PostDemand("岗位", count, contestants)
    assert (outnumber_problems([demand]) == []) == (contestants > count)
    assert not PostDemand("岗位", count, contestants + demand.shortfall).shortfall


# -- R-PRO-3 ------------------------------------------------------------------------------


def test_meeting_numbers_must_nest() -> None:
    assert check_meeting(Meeting(date(2026, 3, 1), 40, 40, 38)) == []
    problems = check_meeting(Meeting(None, 40, 41, 42))
    fields = [p.field for p in problems]
    assert fields == ["推荐会日期", "发出/收回票数", "有效票数"]


def test_votes_cannot_exceed_valid_ballots() -> None:
    assert check_votes("张三", 30, 38) is None
    problem = check_votes("张三", 39, 38)
    assert problem is not None and str(problem) == "「张三 得票数」（39）应在 0–38（有效票数）之间"
    missing = check_votes("李四", None, 38)
    assert missing is not None and missing.message == "未录入"


def test_rate_at_threshold_passes_below_drops_out() -> None:
    at = recommendation_outcome(20, 40, 0.5)
    assert at.passed and at.rate == Fraction(1, 2)
    below = recommendation_outcome(19, 40, 0.5)
    assert not below.passed
    assert (
        below.text == "民主推荐得票 19 票，得票率 47.50%（19/40 有效票），低于 50%，不进入下一环节"
    )


def test_rate_threshold_is_exact_not_floating() -> None:
    # 2/3 with a threshold of 0.6667 is below; with 2/3 typed as 0.666666… it is at.
    assert not recommendation_outcome(2, 3, 0.6667).passed
    assert recommendation_outcome(2, 3, 2 / 3).passed


# -- R-PRO-5 ------------------------------------------------------------------------------


def test_weights_must_sum_to_one() -> None:
    assert check_parts(PARTS) == []
    problems = check_parts((ScorePart(1, "笔试", 0.5), ScorePart(2, "笔试", 0.4)))
    assert "第 2 个评分部分「笔试」与前面重名" in problems
    assert "各部分权重之和应为 100%，现为 90%" in problems


def test_weighted_total_rounds_half_up() -> None:
    scores = {1: 85.5, 2: 90.25, 3: 77.0}
    # 34.2 + 36.1 + 15.4 = 85.7
    assert weighted_total(scores, PARTS) == Decimal("85.70")
    assert weighted_total({1: 80.0, 2: 80.0, 3: 80.025}, PARTS) == Decimal("80.01")
    assert weighted_total({1: 80.0, 2: None}, PARTS) is None


def test_ranking_breaks_ties_by_heavier_parts_then_recommendation() -> None:
    a = Contestant(1, "甲", {1: 90, 2: 80, 3: 80}, Fraction(1, 2))  # 84
    b = Contestant(2, "乙", {1: 80, 2: 90, 3: 80}, Fraction(3, 4))  # 84, 笔试 lower
    c = Contestant(3, "丙", {1: 90, 2: 80, 3: 80}, Fraction(3, 4))  # 84, like 甲 but more votes
    d = Contestant(4, "丁", {1: 70, 2: None, 3: 80})
    ranked = rank_contestants([a, b, c, d], PARTS)
    assert [(r.name, r.rank) for r in ranked] == [("丙", 1), ("甲", 2), ("乙", 3), ("丁", None)]
    assert all(r.total == Decimal("84.00") for r in ranked[:3])
    assert not any(r.tied for r in ranked)


def test_full_tie_is_shared_and_left_to_the_organization() -> None:
    a = Contestant(1, "甲", {1: 90, 2: 80, 3: 80}, Fraction(1, 2))
    b = Contestant(2, "乙", {1: 90, 2: 80, 3: 80}, Fraction(1, 2))
    c = Contestant(3, "丙", {1: 60, 2: 60, 3: 60}, Fraction(1, 2))
    ranked = rank_contestants([a, b, c], PARTS)
    assert [r.rank for r in ranked] == [1, 1, 3]
    assert ranked[0].tied and ranked[1].tied and not ranked[2].tied
    one = propose(ranked, 1, "副科长")
    assert one.proposed == ()
    assert one.problem == "「副科长」第 1 名并列（甲、乙），请组织研究后指定拟任人选"
    two = propose(ranked, 2, "副科长")
    assert set(two.proposed) == {1, 2} and two.problem is None


def test_propose_needs_every_score() -> None:
    ranked = rank_contestants([Contestant(1, "甲", {1: 90, 2: 80})], PARTS)
    assert propose(ranked, 1, "科长").problem == "「科长」尚有竞争者成绩未录入完整"


def test_dates_in_order() -> None:
    ok = ContestDates(date(2026, 3, 1), date(2026, 3, 10), date(2026, 3, 10))
    assert check_dates(ok) == []
    bad = ContestDates(
        date(2026, 3, 1),
        date(2026, 2, 1),
        None,
        date(2026, 5, 1),
        date(2026, 4, 1),
        date(2026, 4, 1),
    )
    fields = [p.field for p in check_dates(bad)]
    assert fields == ["报名截止日期", "资格计算基准日", "公示结束日期", "任职日期"]


def test_contest_domain_imports_no_qt_or_sqlalchemy() -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys, orgdesk.domain.eligibility, orgdesk.domain.contest\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy') "
        "or m.startswith(('orgdesk.storage', 'orgdesk.services', 'orgdesk.ui'))]\n"
        "assert not bad, bad\n"
    )
    root = str(Path(__file__).resolve().parents[2])  # this worktree's orgdesk, not another
    env = {**os.environ, "PYTHONPATH": root}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
