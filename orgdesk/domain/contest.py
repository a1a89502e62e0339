"""竞争上岗 (R-PRO-1, R-PRO-3..5): phases, the outnumber rule, recommendation, scores and ranking.

Pure rules over plain values; the services gather the values and store the outcome.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from orgdesk.domain.errors import FieldProblem


class Phase(StrEnum):
    """The ten phases, in order; none can be skipped (R-PRO-3, R-PRO-5)."""

    PUBLISHED = "发布"
    REGISTRATION = "报名"
    QUALIFICATION = "资格审查"
    RECOMMENDATION = "民主推荐"
    REVIEW = "组织审定"
    EXAM = "笔试/演讲答辩"
    SCORING = "综合评分"
    PROPOSAL = "确定拟任人选"
    PUBLICITY = "公示"
    APPOINTMENT = "任职"

    @property
    def order(self) -> int:
        return PHASES.index(self)

    @property
    def next(self) -> Phase | None:
        i = self.order + 1
        return PHASES[i] if i < len(PHASES) else None

    @property
    def previous(self) -> Phase | None:
        return PHASES[self.order - 1] if self.order > 0 else None

    def at_least(self, other: Phase) -> bool:
        return self.order >= other.order


PHASES: tuple[Phase, ...] = tuple(Phase)

# Leaving these phases re-checks that contestants still outnumber posts (R-PRO-4).
OUTNUMBER_CHECKED_ON_LEAVING = (
    Phase.REGISTRATION,
    Phase.QUALIFICATION,
    Phase.RECOMMENDATION,
    Phase.REVIEW,
    Phase.EXAM,
    Phase.SCORING,
)


class ReviewDecision(StrEnum):
    """组织审定 per contestant."""

    APPROVED = "同意"
    REJECTED = "不同意"


# -- R-PRO-4: contestants must outnumber posts ----------------------------------------


@dataclass(frozen=True)
class PostDemand:
    title: str
    count: int
    contestants: int

    @property
    def shortfall(self) -> int:
        """How many more contestants are needed (0 when they already outnumber the posts)."""
        return max(0, self.count + 1 - self.contestants)


def outnumber_problems(posts: Sequence[PostDemand], *, when: str = "") -> list[str]:
    """R-PRO-4 for every post: contestants > posts, else how many more are needed."""
    if not posts:
        return ["尚未设置竞争岗位"]
    prefix = f"{when}，" if when else ""
    problems = []
    for post in posts:
        if post.shortfall:
            problems.append(
                f"{prefix}「{post.title}」岗位 {post.count} 个职位，现有竞争者 {post.contestants} 名；"
                f"竞争人数须多于职位数，还需至少 {post.shortfall} 名"
            )
    return problems


# -- R-PRO-3: democratic recommendation -----------------------------------------------


@dataclass(frozen=True)
class Meeting:
    """民主推荐会: who took part and how many ballots counted."""

    held_on: date | None
    participants: int
    ballots_cast: int
    valid_ballots: int


def check_meeting(m: Meeting) -> list[FieldProblem]:
    problems = []
    if m.held_on is None:
        problems.append(FieldProblem("推荐会日期", "不能为空"))
    if m.participants <= 0:
        problems.append(FieldProblem("参会人数", "应大于 0", value=str(m.participants)))
    if m.ballots_cast < 0 or m.ballots_cast > m.participants:
        problems.append(
            FieldProblem(
                "发出/收回票数",
                f"应在 0–{m.participants}（参会人数）之间",
                value=str(m.ballots_cast),
            )
        )
    if m.valid_ballots < 0 or m.valid_ballots > m.ballots_cast:
        problems.append(
            FieldProblem(
                "有效票数", f"应在 0–{m.ballots_cast}（收回票数）之间", value=str(m.valid_ballots)
            )
        )
    return problems


def check_votes(name: str, votes: int | None, valid_ballots: int) -> FieldProblem | None:
    if votes is None:
        return FieldProblem(f"{name} 得票数", "未录入")
    if not 0 <= votes <= valid_ballots:
        return FieldProblem(
            f"{name} 得票数", f"应在 0–{valid_ballots}（有效票数）之间", value=str(votes)
        )
    return None


def recommendation_rate(votes: int, valid_ballots: int) -> Fraction:
    """得票率 = 得票数 / 有效票数."""
    return Fraction(votes, valid_ballots) if valid_ballots > 0 else Fraction(0)


def _threshold(value: float) -> Fraction:
    return Fraction(value).limit_denominator(10_000)


def percent(rate: Fraction | float) -> str:
    return f"{float(rate) * 100:.2f}%".replace(".00%", "%")


@dataclass(frozen=True)
class RecommendationOutcome:
    passed: bool
    rate: Fraction
    text: str


def recommendation_outcome(
    votes: int, valid_ballots: int, threshold: float
) -> RecommendationOutcome:
    """At or above the threshold passes; below it drops out, with the reason."""
    rate = recommendation_rate(votes, valid_ballots)
    passed = rate >= _threshold(threshold)
    base = f"民主推荐得票 {votes} 票，得票率 {percent(rate)}（{votes}/{valid_ballots} 有效票）"
    if passed:
        return RecommendationOutcome(True, rate, f"{base}，不低于 {percent(threshold)}")
    return RecommendationOutcome(False, rate, f"{base}，低于 {percent(threshold)}，不进入下一环节")


# -- R-PRO-5: scores, totals, ranking ---------------------------------------------------

SCORE_MAX = 100.0
TIE_RULE = (
    "排名规则：按综合得分由高到低；综合得分相同的，依次比较权重较高部分的得分"
    "（权重相同的按列出顺序），再比较民主推荐得票率；仍相同的为并列，由组织研究确定。"
)


@dataclass(frozen=True)
class ScorePart:
    id: int
    name: str
    weight: float


def check_parts(parts: Sequence[ScorePart]) -> list[str]:
    problems = []
    if not parts:
        problems.append("至少需要一个评分部分")
    names = [p.name.strip() for p in parts]
    for number, (part, name) in enumerate(zip(parts, names, strict=True), start=1):
        if not name:
            problems.append(f"第 {number} 个评分部分「名称」不能为空")
        elif names.index(name) != number - 1:
            problems.append(f"第 {number} 个评分部分「{name}」与前面重名")
        if not 0 < part.weight <= 1:
            problems.append(f"「{name or number}」权重应大于 0 且不超过 100%")
    total = sum((Decimal(str(p.weight)) for p in parts), Decimal(0))
    if parts and abs(total - 1) > Decimal("0.0001"):
        problems.append(f"各部分权重之和应为 100%，现为 {percent(float(total))}")
    return problems


def check_score(name: str, part: str, score: float | None) -> FieldProblem | None:
    if score is None:
        return None
    if not 0 <= score <= SCORE_MAX:
        return FieldProblem(f"{name} {part}", f"应在 0–{SCORE_MAX:g} 分之间", value=f"{score:g}")
    return None


def round2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def weighted_total(
    scores: Mapping[int, float | None], parts: Sequence[ScorePart]
) -> Decimal | None:
    """Σ score × weight, rounded half-up to 0.01; None while any part is missing."""
    total = Decimal(0)
    for part in parts:
        score = scores.get(part.id)
        if score is None:
            return None
        total += Decimal(str(score)) * Decimal(str(part.weight))
    return round2(total)


@dataclass(frozen=True)
class Contestant:
    id: int
    name: str
    scores: Mapping[int, float | None]
    recommendation: Fraction | None = None


@dataclass(frozen=True)
class Ranked:
    id: int
    name: str
    total: Decimal | None
    rank: int | None  # 1-based; equal for those tied
    tied: bool = False


def _sort_key(c: Contestant, parts: Sequence[ScorePart], total: Decimal) -> tuple:
    by_weight = sorted(range(len(parts)), key=lambda i: (-parts[i].weight, i))
    part_scores = tuple(-Decimal(str(c.scores.get(parts[i].id) or 0)) for i in by_weight)
    rec = -(c.recommendation or Fraction(0))
    return (-total, *part_scores, rec)


def rank_contestants(contestants: Sequence[Contestant], parts: Sequence[ScorePart]) -> list[Ranked]:
    """Ranked by TIE_RULE; those with missing scores come last, unranked."""
    complete: list[tuple[tuple, Contestant, Decimal]] = []
    incomplete: list[Ranked] = []
    for c in contestants:
        total = weighted_total(c.scores, parts)
        if total is None:
            incomplete.append(Ranked(c.id, c.name, None, None))
        else:
            complete.append((_sort_key(c, parts, total), c, total))
    complete.sort(key=lambda item: item[0])
    ranked: list[Ranked] = []
    for position, (key, c, total) in enumerate(complete):
        rank = ranked[-1].rank if ranked and complete[position - 1][0] == key else position + 1
        tied = any(other[0] == key for j, other in enumerate(complete) if j != position)
        ranked.append(Ranked(c.id, c.name, total, rank, tied))
    return ranked + incomplete


@dataclass(frozen=True)
class Proposal:
    proposed: tuple[int, ...]
    problem: str | None = None


def propose(ranked: Sequence[Ranked], count: int, post_title: str = "") -> Proposal:
    """The top `count` by rank; a tie across the cut-off is left to the organization."""
    if any(r.rank is None for r in ranked):
        return Proposal((), f"「{post_title}」尚有竞争者成绩未录入完整")
    chosen = [r for r in ranked if r.rank is not None and r.rank <= count]
    if len(chosen) > count:
        cut = chosen[-1].rank or 0
        tied = [r.name for r in chosen if r.rank == cut]
        return Proposal(
            tuple(r.id for r in chosen if r.rank is not None and r.rank < cut),
            f"「{post_title}」第 {cut} 名并列（{'、'.join(tied)}），请组织研究后指定拟任人选",
        )
    return Proposal(tuple(r.id for r in chosen))


# -- publicity and appointment dates ------------------------------------------------------


@dataclass(frozen=True)
class ContestDates:
    announced_on: date | None
    registration_deadline: date | None
    eligibility_on: date | None
    publicity_start: date | None = None
    publicity_end: date | None = None
    appointment_on: date | None = None


def check_dates(d: ContestDates) -> list[FieldProblem]:
    problems = []
    if d.announced_on is None:
        problems.append(FieldProblem("发布日期", "不能为空"))
    if d.registration_deadline is None:
        problems.append(FieldProblem("报名截止日期", "不能为空"))
    elif d.announced_on is not None and d.registration_deadline < d.announced_on:
        problems.append(FieldProblem("报名截止日期", "早于发布日期"))
    if d.eligibility_on is None:
        problems.append(FieldProblem("资格计算基准日", "不能为空"))
    if d.publicity_start and d.publicity_end and d.publicity_end < d.publicity_start:
        problems.append(FieldProblem("公示结束日期", "早于公示开始日期"))
    if d.appointment_on and d.publicity_end and d.appointment_on <= d.publicity_end:
        problems.append(FieldProblem("任职日期", "应在公示期满之后"))
    return problems
