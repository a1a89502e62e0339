"""招录 (R-INT-1, R-INT-2): channels, the entry standard, weighted scores and ranking.

"高进": every candidate is judged on five dimensions of the entry standard; a
candidate judged 不合格 on any of them, or not judged at all, cannot be 录用.
The weighted total uses the weights set on the batch; a component whose weight
is 0 is not required (选调 usually has no written exam).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from orgdesk.domain.people import RankLevel


class IntakeChannel(StrEnum):
    """R-INT-1."""

    OPEN_POST = "公开职位"
    PUBLIC_EXAM = "面向社会公开招考"
    INTERNAL_CONTEST = "内部竞争上岗"
    TRANSFER = "选调/调任"
    TRANSFER_LOWER = "选调/调任（高职低配）"

    @property
    def takes_existing_cadres(self) -> bool:
        return self is IntakeChannel.INTERNAL_CONTEST


class Decision(StrEnum):
    PENDING = "待定"
    HIRED = "录用"
    REJECTED = "未录用"


class Grade(StrEnum):
    EXCELLENT = "优秀"
    GOOD = "良好"
    PASS = "合格"
    FAIL = "不合格"


GRADES = tuple(g.value for g in Grade)

# The entry standard ("高进"): (field name, 中文).
ENTRY_DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("political", "政治素质"),
    ("business", "业务水平"),
    ("knowledge", "知识结构"),
    ("ability", "办事能力"),
    ("experience", "经历层次"),
)

# The score components: (field name, 中文).
SCORE_PARTS: tuple[tuple[str, str], ...] = (
    ("written", "笔试"),
    ("interview", "面试"),
    ("assessment", "考察"),
)


@dataclass(frozen=True)
class Weights:
    written: float
    interview: float
    assessment: float

    def as_dict(self) -> dict[str, float]:
        return {"written": self.written, "interview": self.interview, "assessment": self.assessment}


def check_weights(w: Weights) -> str | None:
    values = w.as_dict().values()
    if any(not 0 <= v <= 1 for v in values):
        return "各项权重应在 0–1 之间（如 0.4 表示 40%）"
    if not math.isclose(sum(values), 1.0, abs_tol=1e-6):
        return f"笔试、面试、考察权重之和应为 1，现为 {sum(values):g}"
    return None


def check_score(label: str, value: float | None, full_score: float) -> str | None:
    if value is None:
        return None
    if not math.isfinite(value) or not 0 <= value <= full_score:
        return f"「{label}」成绩应在 0–{full_score:g} 分之间，现为 {value:g}"
    return None


def weighted_total(scores: Mapping[str, float | None], weights: Weights) -> float | None:
    """Σ weight × score, rounded to 2 places; None while a weighted component is missing."""
    total = 0.0
    for key, weight in weights.as_dict().items():
        if weight == 0:
            continue
        value = scores.get(key)
        if value is None:
            return None
        total += weight * value
    return round(total, 2)


def rank_by_total(totals: Iterable[tuple[int, float | None]]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4) by total, highest first; no total → no rank."""
    scored = sorted(((t, key) for key, t in totals if t is not None), key=lambda p: -p[0])
    ranks: dict[int, int] = {}
    previous: float | None = None
    place = 0
    for position, (total, key) in enumerate(scored, start=1):
        if previous is None or not math.isclose(total, previous):
            place = position
        ranks[key] = place
        previous = total
    return ranks


@dataclass(frozen=True)
class HireCheck:
    """What a 录用 decision needs to know about one candidate and the post."""

    name: str
    grades: Mapping[str, str]  # dimension field → Grade value or ""
    total: float | None
    weights_need_scores: bool
    hired_on_post: int
    headcount: int
    channel: IntakeChannel
    origin_level: RankLevel | None
    post_level: RankLevel | None


def hire_problems(c: HireCheck) -> list[str]:
    """Every reason why this candidate cannot be 录用 now (empty when they can)."""
    problems: list[str] = []
    labels = dict(ENTRY_DIMENSIONS)
    missing = [labels[k] for k, _ in ENTRY_DIMENSIONS if not c.grades.get(k)]
    failed = [labels[k] for k, _ in ENTRY_DIMENSIONS if c.grades.get(k) == Grade.FAIL.value]
    if missing:
        problems.append(f"「{c.name}」尚未评定入口标准：{'、'.join(missing)}")
    if failed:
        problems.append(f"「{c.name}」入口标准评定为不合格：{'、'.join(failed)}，不能录用")
    if c.weights_need_scores and c.total is None:
        problems.append(f"「{c.name}」成绩不全，算不出总分")
    if c.hired_on_post >= c.headcount:
        problems.append(f"该岗位计划录用 {c.headcount} 人，已录用 {c.hired_on_post} 人，名额已满")
    if c.channel is IntakeChannel.TRANSFER_LOWER:
        if c.origin_level is None:
            problems.append(f"高职低配须填写「{c.name}」的原职级")
        elif c.post_level is not None and c.origin_level <= c.post_level:
            problems.append(
                f"高职低配要求原职级高于拟任岗位：「{c.name}」原为{c.origin_level.label}，"
                f"岗位为{c.post_level.label}"
            )
    return problems
