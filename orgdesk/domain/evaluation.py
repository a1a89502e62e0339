"""年度考核 (R-EVA-1..3): target scores, democratic appraisal, grades and what follows.

The rule for the proposed grade (建议等次), in order:

1. 目标得分 = Σ(权重 × 年终得分) / Σ权重 over the target items the cadre is
   responsible for (each item scored 0–100).
2. 民主评议得分 = (优秀票×100 + 称职票×80 + 基本称职票×60 + 不称职票×0) / 有效票数
   (有效票数 = the four tallies added; abstentions are not counted).
3. 综合得分 = 目标得分 × w目标 + 评议得分 × w评议, with the weights from the
   settings `evaluation.weight.*` normalised to add up to 1.  When one part is
   missing the other counts alone.
4. If 不称职 votes are more than `evaluation.incompetent_vote_share` of the
   valid votes, the proposal is 不称职 whatever the score.
5. Otherwise by score: ≥ `evaluation.score.excellent` → 优秀,
   ≥ `evaluation.score.competent` → 称职, ≥ `evaluation.score.basic` → 基本称职,
   below → 不称职.
6. 优秀 quota: at most max(1, ⌊quota × 参加考核人数⌋) proposals stay 优秀 (none
   when the quota is 0); the rest, lowest combined score first, become 称职.

The leader may decide a different final grade (确定等次) but must give a reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from orgdesk.domain.errors import FieldProblem
from orgdesk.domain.settings import Settings


class Grade(StrEnum):
    EXCELLENT = "优秀"
    COMPETENT = "称职"
    BASIC = "基本称职"
    INCOMPETENT = "不称职"


GRADES: tuple[Grade, ...] = tuple(Grade)
VOTE_POINTS: Mapping[Grade, int] = {
    Grade.EXCELLENT: 100,
    Grade.COMPETENT: 80,
    Grade.BASIC: 60,
    Grade.INCOMPETENT: 0,
}
HONOUR_MODEL = "优秀组工干部标兵"
HONOUR_KINDS = ("荣誉称号", "物质奖励", "通报表扬")
MAX_SCORE = 100.0


@dataclass(frozen=True)
class VoteTally:
    """民主评议 votes for one cadre; `voters` is how many took part (参评人数)."""

    excellent: int = 0
    competent: int = 0
    basic: int = 0
    incompetent: int = 0
    voters: int = 0

    @property
    def valid(self) -> int:
        return self.excellent + self.competent + self.basic + self.incompetent

    @property
    def is_empty(self) -> bool:
        return self.valid == 0 and self.voters == 0

    def count(self, grade: Grade) -> int:
        return {
            Grade.EXCELLENT: self.excellent,
            Grade.COMPETENT: self.competent,
            Grade.BASIC: self.basic,
            Grade.INCOMPETENT: self.incompetent,
        }[grade]


def check_tally(tally: VoteTally) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    labels = ("优秀票", "称职票", "基本称职票", "不称职票", "参评人数")
    values = (tally.excellent, tally.competent, tally.basic, tally.incompetent, tally.voters)
    for label, value in zip(labels, values, strict=True):
        if value < 0:
            problems.append(FieldProblem(label, "不能为负数", None, str(value)))
    if not problems and tally.valid > tally.voters:
        problems.append(
            FieldProblem(
                "参评人数",
                f"少于四项票数之和 {tally.valid}（每位参评人只能投一票）",
                None,
                str(tally.voters),
            )
        )
    return problems


def vote_score(tally: VoteTally) -> float | None:
    """民主评议得分 on 0–100, or None when nobody voted."""
    if tally.valid == 0:
        return None
    points = sum(VOTE_POINTS[g] * tally.count(g) for g in GRADES)
    return points / tally.valid


@dataclass(frozen=True)
class TargetScore:
    weight: float
    score: float | None


def target_score(items: Iterable[TargetScore]) -> float | None:
    """目标得分: the weighted mean of the scored items; None when nothing is scored."""
    scored = [(i.weight, i.score) for i in items if i.score is not None and i.weight > 0]
    total = sum(w for w, _ in scored)
    if total <= 0:
        return None
    return sum(w * s for w, s in scored if s is not None) / total


def check_target(title: str, weight: float, score: float | None) -> list[FieldProblem]:
    problems = []
    if not title.strip():
        problems.append(FieldProblem("目标内容", "不能为空"))
    if not 0 < weight <= MAX_SCORE:
        problems.append(FieldProblem("权重", "应大于 0 且不超过 100", None, f"{weight:g}"))
    if score is not None and not 0 <= score <= MAX_SCORE:
        problems.append(FieldProblem("年终得分", "应在 0–100 之间", None, f"{score:g}"))
    return problems


def combined_score(target: float | None, votes: float | None, settings: Settings) -> float | None:
    """综合得分 from the two parts and the weights in the settings."""
    wt = settings["evaluation.weight.target"]
    wv = settings["evaluation.weight.votes"]
    parts = [(wt, target), (wv, votes)]
    present = [(w, v) for w, v in parts if v is not None]
    if not present:
        return None
    total = sum(w for w, _ in present)
    if total <= 0:  # both weights 0: plain mean of what is there
        return sum(v for _, v in present if v is not None) / len(present)
    return round(sum(w * v for w, v in present if v is not None) / total, 2)


def grade_by_score(score: float, tally: VoteTally, settings: Settings) -> Grade:
    """Steps 4–5 of the rule, before the quota."""
    share = settings["evaluation.incompetent_vote_share"]
    if tally.valid and tally.incompetent / tally.valid > share:
        return Grade.INCOMPETENT
    if score >= settings["evaluation.score.excellent"]:
        return Grade.EXCELLENT
    if score >= settings["evaluation.score.competent"]:
        return Grade.COMPETENT
    if score >= settings["evaluation.score.basic"]:
        return Grade.BASIC
    return Grade.INCOMPETENT


def excellent_quota(evaluated: int, settings: Settings) -> int:
    """How many 优秀 the department may have among `evaluated` cadres."""
    quota = settings["evaluation.excellent_quota"]
    if evaluated <= 0 or quota <= 0:
        return 0
    return max(1, math.floor(quota * evaluated + 1e-9))


@dataclass(frozen=True)
class Candidate:
    key: int
    combined: float | None
    tally: VoteTally


@dataclass(frozen=True)
class Proposal:
    grade: Grade | None
    note: str = ""


def propose_grades(candidates: Sequence[Candidate], settings: Settings) -> dict[int, Proposal]:
    """建议等次 for everyone assessed in one year (the whole rule, quota included)."""
    out: dict[int, Proposal] = {}
    scored = [c for c in candidates if c.combined is not None]
    for c in candidates:
        if c.combined is None:
            out[c.key] = Proposal(None, "尚无目标得分和评议票数")
        else:
            out[c.key] = Proposal(grade_by_score(c.combined, c.tally, settings))
    limit = excellent_quota(len(scored), settings)
    excellent = [c for c in scored if out[c.key].grade is Grade.EXCELLENT]
    excellent.sort(key=lambda c: (-(c.combined or 0), -c.tally.excellent, c.key))
    for c in excellent[limit:]:
        out[c.key] = Proposal(Grade.COMPETENT, f"综合得分达优秀，但超出优秀比例（上限 {limit} 人）")
    return out


def check_final_grade(
    final: Grade, proposed: Grade | None, reason: str, excellent_taken: int, quota: int
) -> list[FieldProblem]:
    """The leader's decision: a reason when it differs; 优秀 only within the quota.

    `excellent_taken` counts the other cadres already decided 优秀 this year.
    """
    problems = []
    if proposed is not None and final != proposed and not reason.strip():
        problems.append(
            FieldProblem("确定理由", f"确定等次「{final}」与建议等次「{proposed}」不同，请填写理由")
        )
    if final is Grade.EXCELLENT and excellent_taken >= quota:
        problems.append(
            FieldProblem(
                "确定等次", f"本年度已确定优秀 {excellent_taken} 人，已达比例上限 {quota} 人"
            )
        )
    return problems


def consecutive_excellent(grades: Mapping[int, str], up_to_year: int) -> int:
    """How many years running, ending with `up_to_year`, the grade was 优秀."""
    count = 0
    year = up_to_year
    while grades.get(year) == Grade.EXCELLENT.value:
        count += 1
        year -= 1
    return count


def recommended_for_promotion(grades: Mapping[int, str], year: int, settings: Settings) -> bool:
    """R-EVA-3: 优秀 N years running (setting) → recommended for promotion."""
    needed = settings.int("evaluation.excellent_years_for_promotion")
    return consecutive_excellent(grades, year) >= needed


def needs_transfer_review(grade: str | None) -> bool:
    """R-EVA-3: 不称职 → listed for 调离 review."""
    return grade == Grade.INCOMPETENT.value


def grade_counts(grades: Iterable[str | None]) -> dict[str, int]:
    counts = {g.value: 0 for g in GRADES}
    for g in grades:
        if g in counts:
            counts[g] += 1
    return counts
