"""年度考核 rules (R-EVA-2, R-EVA-3): scores, the proposed grade, the quota, consequences."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from orgdesk.domain.evaluation import (
    Candidate,
    Grade,
    TargetScore,
    VoteTally,
    check_final_grade,
    check_tally,
    combined_score,
    consecutive_excellent,
    excellent_quota,
    grade_by_score,
    propose_grades,
    recommended_for_promotion,
    target_score,
    vote_score,
)
from orgdesk.domain.settings import Settings

DEFAULTS = Settings()


def test_vote_score_ignores_abstentions_and_uses_the_documented_points() -> None:
    assert vote_score(VoteTally(10, 0, 0, 0, 12)) == 100
    assert vote_score(VoteTally(0, 10, 0, 0, 10)) == 80
    assert vote_score(VoteTally(1, 1, 1, 1, 4)) == (100 + 80 + 60 + 0) / 4
    assert vote_score(VoteTally(0, 0, 0, 0, 5)) is None


def test_tally_must_add_up() -> None:
    assert check_tally(VoteTally(5, 5, 0, 0, 10)) == []
    problems = check_tally(VoteTally(5, 6, 0, 0, 10))
    assert problems and problems[0].field == "参评人数" and "11" in problems[0].message
    assert check_tally(VoteTally(-1, 0, 0, 0, 3))[0].field == "优秀票"


def test_target_score_is_the_weighted_mean_of_scored_items() -> None:
    items = [TargetScore(40, 90), TargetScore(30, 80), TargetScore(30, None)]
    assert target_score(items) == (40 * 90 + 30 * 80) / 70
    assert target_score([TargetScore(10, None)]) is None


def test_combined_score_uses_the_weight_settings() -> None:
    assert combined_score(90, 80, DEFAULTS) == round(0.6 * 90 + 0.4 * 80, 2)
    assert combined_score(None, 80, DEFAULTS) == 80  # the part that exists counts alone
    assert combined_score(None, None, DEFAULTS) is None
    even = Settings({"evaluation.weight.target": 0.5, "evaluation.weight.votes": 0.5})
    assert combined_score(90, 70, even) == 80


def test_grade_by_score_thresholds_and_the_incompetent_vote_share() -> None:
    tally = VoteTally(5, 5, 0, 0, 10)
    assert grade_by_score(95, tally, DEFAULTS) is Grade.EXCELLENT
    assert grade_by_score(89.99, tally, DEFAULTS) is Grade.COMPETENT
    assert grade_by_score(65, tally, DEFAULTS) is Grade.BASIC
    assert grade_by_score(59, tally, DEFAULTS) is Grade.INCOMPETENT
    # More than a third of the votes 不称职 → 不称职 whatever the score.
    assert grade_by_score(95, VoteTally(5, 0, 0, 4, 9), DEFAULTS) is Grade.INCOMPETENT
    assert grade_by_score(95, VoteTally(6, 0, 0, 3, 9), DEFAULTS) is Grade.EXCELLENT


def test_quota_keeps_the_best_and_says_why_the_rest_are_not() -> None:
    assert excellent_quota(20, DEFAULTS) == 3
    assert excellent_quota(3, DEFAULTS) == 1  # a small unit may still have one
    assert excellent_quota(0, DEFAULTS) == 0
    tally = VoteTally(10, 0, 0, 0, 10)
    candidates = [Candidate(i, 90.0 + i, tally) for i in range(6)] + [
        Candidate(100 + i, 75.0, tally) for i in range(14)
    ]
    proposals = propose_grades(candidates, DEFAULTS)
    excellent = sorted(k for k, p in proposals.items() if p.grade is Grade.EXCELLENT)
    assert excellent == [3, 4, 5]  # the three highest combined scores
    assert proposals[0].grade is Grade.COMPETENT
    assert "超出优秀比例" in proposals[0].note
    assert proposals[100].grade is Grade.COMPETENT and proposals[100].note == ""


def test_no_score_no_proposal() -> None:
    proposals = propose_grades([Candidate(1, None, VoteTally())], DEFAULTS)
    assert proposals[1].grade is None and proposals[1].note


@given(
    st.lists(st.floats(min_value=0, max_value=100), min_size=0, max_size=60),
    st.floats(min_value=0, max_value=1),
)
def test_proposals_never_exceed_the_quota(scores: list[float], quota: float) -> None:
    settings = Settings({"evaluation.excellent_quota": quota})
    candidates = [Candidate(i, s, VoteTally(1, 0, 0, 0, 1)) for i, s in enumerate(scores)]
    proposals = propose_grades(candidates, settings)
    excellent = sum(1 for p in proposals.values() if p.grade is Grade.EXCELLENT)
    assert excellent <= excellent_quota(len(candidates), settings)


def test_final_grade_needs_a_reason_when_it_differs_and_respects_the_quota() -> None:
    problems = check_final_grade(Grade.COMPETENT, Grade.EXCELLENT, "", 0, 3)
    assert problems and problems[0].field == "确定理由" and "优秀" in problems[0].message
    assert check_final_grade(Grade.COMPETENT, Grade.EXCELLENT, "群众反映有问题", 0, 3) == []
    assert check_final_grade(Grade.EXCELLENT, Grade.EXCELLENT, "", 2, 3) == []
    full = check_final_grade(Grade.EXCELLENT, Grade.EXCELLENT, "", 3, 3)
    assert full and "比例上限 3 人" in full[0].message


def test_consecutive_excellent_and_promotion_setting() -> None:
    grades = {2021: "称职", 2022: "优秀", 2023: "优秀", 2024: "优秀"}
    assert consecutive_excellent(grades, 2024) == 3
    assert consecutive_excellent(grades, 2023) == 2
    assert consecutive_excellent(grades, 2025) == 0
    assert recommended_for_promotion(grades, 2024, DEFAULTS)
    strict = Settings({"evaluation.excellent_years_for_promotion": 4})
    assert not recommended_for_promotion(grades, 2024, strict)


def test_domain_modules_import_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, orgdesk.domain.evaluation, orgdesk.domain.report;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'sqlalchemy'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
