"""竞争上岗资格 (R-PRO-2 with R-TRN-5): may this cadre contest a post of this level on this date?

Plain values in, every reason out — met or not, in Chinese, with the dates used —
so the clerk can read why and the 部长 can check it.  Nothing here reads the
database: the caller gathers `CadreFacts` (dates, posting history, 过渡考核
results, the previous year's study result and evaluation grade).

Missing data is never guessed: a reason whose data is absent says so ("…数据缺失，
无法判断") and counts as not met, unless the clerk overrides it with a recorded
reason, which is then shown as an override (例外认定) wherever the answer is shown.

Counting (service_length.py): whole years by anniversary.  Time as 副科长 is the
union of postings whose rank is a 副科级 leadership rank; a break in between is
not counted (the start is pushed forward by the days of the gap), so a single
uninterrupted spell is exactly the anniversary rule.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from orgdesk.domain.people import RankLevel
from orgdesk.domain.service_length import (
    add_years,
    format_years_months,
    full_years_between,
    years_months_between,
)
from orgdesk.domain.settings import Settings

_ONE_DAY = timedelta(days=1)


class PostLevel(StrEnum):
    """The level of a contested post (R-PRO-2)."""

    DEPUTY = "副科级"
    CHIEF = "正科级"
    SAME = "同级"  # open to section-level leaders of subordinate institutions, at their own level

    @property
    def short(self) -> str:
        return {PostLevel.DEPUTY: "副科", PostLevel.CHIEF: "正科", PostLevel.SAME: "同级"}[self]

    @property
    def rank_level(self) -> RankLevel | None:
        return {
            PostLevel.DEPUTY: RankLevel.DEPUTY_SECTION,
            PostLevel.CHIEF: RankLevel.SECTION,
            PostLevel.SAME: None,
        }[self]

    @classmethod
    def parse(cls, text: str) -> PostLevel:
        """ "副科" / "副科级" / "正科" / "正科级" / "同级"."""
        for level in cls:
            if text.strip() in (level.value, level.short):
                return level
        raise ValueError(f"岗位层级应为 副科、正科 或 同级：{text}")


class AssessmentResult(StrEnum):
    """过渡考核 result."""

    PASSED = "合格"
    FAILED = "不合格"


BLOCKING_GRADES = ("基本称职", "不称职")
KNOWN_GRADES = ("优秀", "称职", *BLOCKING_GRADES)


class Rule(StrEnum):
    """One condition of eligibility; also what an override names."""

    RANK = "现任层级"
    TENURE = "工作年限"
    TRANSITION = "过渡考核"
    DEPUTY_YEARS = "任副科长年限"
    SAME_LEVEL = "同级岗位"
    STUDY = "学习培训"
    GRADE = "年度考核"


RULES_BY_LEVEL: Mapping[PostLevel, tuple[Rule, ...]] = {
    PostLevel.DEPUTY: (Rule.RANK, Rule.TENURE, Rule.TRANSITION, Rule.STUDY, Rule.GRADE),
    PostLevel.CHIEF: (Rule.RANK, Rule.DEPUTY_YEARS, Rule.STUDY, Rule.GRADE),
    PostLevel.SAME: (Rule.SAME_LEVEL, Rule.STUDY, Rule.GRADE),
}
TIME_RULES = (Rule.TENURE, Rule.DEPUTY_YEARS)


@dataclass(frozen=True)
class PostingFact:
    """One line of 任职经历 as eligibility needs it; `end` is the last day served."""

    start: date
    end: date | None
    rank_level: RankLevel | None
    is_leadership: bool
    in_department: bool = True
    in_institution: bool = False
    rank_name: str = ""
    where: str = ""  # section or unit, for the reason text
    post_title: str = ""


@dataclass(frozen=True)
class AssessmentFact:
    assessed_on: date
    result: AssessmentResult


@dataclass(frozen=True)
class StudyResult:
    """A year's study result (R-TRN-3/5), as the training area reports it."""

    year: int
    met: bool
    credits_earned: float | None = None
    credits_required: float | None = None
    failed_exams: tuple[str, ...] = ()


@dataclass(frozen=True)
class CadreFacts:
    cadre_id: int
    name: str
    first_employment: date | None
    joined_department: date | None
    postings: tuple[PostingFact, ...] = ()
    assessments: tuple[AssessmentFact, ...] = ()
    study: StudyResult | None = None  # of the year before the reference date
    grade: str | None = None  # 年度考核等次 of the year before the reference date


@dataclass(frozen=True)
class EligibilityRules:
    years_in_department: int
    years_of_service: int
    years_as_deputy: int

    @classmethod
    def from_settings(cls, settings: Settings) -> EligibilityRules:
        return cls(
            years_in_department=settings.int("contest.deputy.years_in_department"),
            years_of_service=settings.int("contest.deputy.years_of_service"),
            years_as_deputy=settings.int("contest.chief.years_as_deputy"),
        )


@dataclass(frozen=True)
class Override:
    """例外认定: the clerk accepts an unmet reason, saying why (R-TRN-5)."""

    rule: Rule
    reason: str
    actor: str
    at: datetime | None = None


@dataclass(frozen=True)
class Reason:
    rule: Rule
    met: bool
    text: str
    data_missing: bool = False
    override: Override | None = None
    reached_on: date | None = None  # for time rules: the day the years are (or will be) reached

    @property
    def passes(self) -> bool:
        return self.met or self.override is not None

    @property
    def status(self) -> str:
        if self.met:
            return "符合"
        if self.override is not None:
            return "例外认定"
        return "数据缺失" if self.data_missing else "不符合"

    def line(self) -> str:
        text = f"【{self.status}】{self.rule.value}：{self.text}"
        if self.override is not None and not self.met:
            who = f"，{self.override.actor}" if self.override.actor else ""
            when = f" {self.override.at:%Y-%m-%d}" if self.override.at else ""
            text += f"（例外认定理由：{self.override.reason}{who}{when}）"
        return text


@dataclass(frozen=True)
class Eligibility:
    level: PostLevel
    on: date
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def eligible(self) -> bool:
        return all(r.passes for r in self.reasons)

    @property
    def by_override(self) -> bool:
        return any(r.override is not None and not r.met for r in self.reasons)

    @property
    def verdict(self) -> str:
        if not self.eligible:
            return "不符合"
        return "符合（含例外认定）" if self.by_override else "符合"

    def reason(self, rule: Rule) -> Reason | None:
        return next((r for r in self.reasons if r.rule == rule), None)

    def unmet(self) -> list[Reason]:
        return [r for r in self.reasons if not r.passes]

    def lines(self) -> list[str]:
        return [r.line() for r in self.reasons]

    def text(self) -> str:
        head = f"{self.level.value}岗位资格（基准日 {self.on:%Y-%m-%d}）：{self.verdict}"
        return "\n".join([head, *self.lines()])


def check_eligibility(
    facts: CadreFacts,
    level: PostLevel,
    on: date,
    rules: EligibilityRules,
    overrides: Mapping[Rule, Override] | None = None,
) -> Eligibility:
    """Every reason for `level` on `on`; overrides apply only to reasons not met."""
    overrides = overrides or {}
    reasons: list[Reason] = []
    for rule in RULES_BY_LEVEL[level]:
        reason = _CHECKS[rule](facts, level, on, rules)
        if not reason.met and rule in overrides:
            reason = Reason(
                reason.rule,
                False,
                reason.text,
                reason.data_missing,
                overrides[rule],
                reason.reached_on,
            )
        reasons.append(reason)
    return Eligibility(level, on, tuple(reasons))


def time_rule_reached_on(
    facts: CadreFacts, level: PostLevel, on: date, rules: EligibilityRules
) -> date | None:
    """The day the years required for `level` are (or, if nothing changes, will be) reached.

    None when waiting cannot reach them: a date is missing, or the cadre is no
    longer a 副科长 and the time served falls short.
    """
    for rule in RULES_BY_LEVEL[level]:
        if rule in TIME_RULES:
            return _CHECKS[rule](facts, level, on, rules).reached_on
    return None


# -- the checks -------------------------------------------------------------------


def current_posting(postings: Sequence[PostingFact], on: date) -> PostingFact | None:
    """The posting held on `on`, preferring one in the department, then the latest start."""
    held = [p for p in postings if p.start <= on and (p.end is None or p.end >= on)]
    if not held:
        return None
    return max(held, key=lambda p: (p.in_department, p.start))


def _ymd(d: date) -> str:
    return d.isoformat()  # YYYY-MM-DD, several times faster than strftime


def _length(start: date, end: date) -> str:
    return format_years_months(*years_months_between(start, end))


def _check_rank(facts: CadreFacts, level: PostLevel, on: date, _rules: EligibilityRules) -> Reason:
    target = level.rank_level
    assert target is not None
    held = current_posting(facts.postings, on)
    if held is None or held.rank_level is None:
        return Reason(Rule.RANK, False, f"截至 {_ymd(on)} 无现任职级记录，无法判断", True)
    rank = (
        f"{held.rank_name}（{held.rank_level.label}）" if held.rank_name else held.rank_level.label
    )
    if held.rank_level > target:
        return Reason(Rule.RANK, False, f"现任{rank}，高于{level.value}岗位")
    return Reason(Rule.RANK, True, f"现任{rank}，不高于{level.value}岗位")


def _check_tenure(facts: CadreFacts, level: PostLevel, on: date, rules: EligibilityRules) -> Reason:
    """副科长: 在机关工作满 N 年 或 工龄满 M 年."""
    need_dept, need_service = rules.years_in_department, rules.years_of_service
    parts: list[str] = []
    met = False
    reached: list[date] = []
    if facts.joined_department is None:
        parts.append("进入本部时间未填写")
    else:
        joined = facts.joined_department
        years = full_years_between(joined, on)
        due = add_years(joined, need_dept)
        reached.append(due)
        if years >= need_dept:
            met = True
            parts.append(f"{_ymd(joined)} 进入本部，至 {_ymd(on)} 在机关工作满 {need_dept} 年")
        else:
            parts.append(
                f"{_ymd(joined)} 进入本部，至 {_ymd(on)} 在机关工作"
                f"{_length(joined, on)}，不满 {need_dept} 年（{_ymd(due)} 满）"
            )
    if facts.first_employment is None:
        parts.append("参加工作时间未填写")
    else:
        first = facts.first_employment
        years = full_years_between(first, on)
        due = add_years(first, need_service)
        reached.append(due)
        if years >= need_service:
            met = True
            parts.append(f"{_ymd(first)} 参加工作，至 {_ymd(on)} 工龄满 {need_service} 年")
        else:
            parts.append(
                f"{_ymd(first)} 参加工作，至 {_ymd(on)} 工龄"
                f"{_length(first, on)}，不满 {need_service} 年（{_ymd(due)} 满）"
            )
    head = f"须在机关工作满 {need_dept} 年或工龄满 {need_service} 年"
    missing = not reached
    if missing:
        parts.append("无法判断")
    return Reason(
        Rule.TENURE, met, f"{head}；" + "；".join(parts), missing, None, min(reached, default=None)
    )


def _check_transition(
    facts: CadreFacts, _level: PostLevel, on: date, _rules: EligibilityRules
) -> Reason:
    known = sorted(
        (a for a in facts.assessments if a.assessed_on <= on), key=lambda a: a.assessed_on
    )
    if not known:
        later = [a for a in facts.assessments if a.assessed_on > on]
        note = f"（{_ymd(min(a.assessed_on for a in later))} 的考核晚于基准日）" if later else ""
        return Reason(
            Rule.TRANSITION, False, f"截至 {_ymd(on)} 无过渡考核记录{note}，无法判断", True
        )
    last = known[-1]
    if last.result is AssessmentResult.PASSED:
        return Reason(Rule.TRANSITION, True, f"{_ymd(last.assessed_on)} 过渡考核合格")
    return Reason(Rule.TRANSITION, False, f"最近一次过渡考核（{_ymd(last.assessed_on)}）不合格")


@dataclass(frozen=True)
class DeputySpell:
    """Time served as 副科长 up to a date: the merged spells and the gap-shifted start."""

    spells: tuple[tuple[date, date | None], ...]  # (first day, last day or None if still held)
    counted_from: date | None  # the first start pushed forward by every gap
    served_until: date  # exclusive end of the time counted (≤ the reference date)
    still_held: bool


def deputy_spell(postings: Sequence[PostingFact], on: date) -> DeputySpell:
    """Postings with a 副科级 leadership rank that started before `on`, merged."""
    spans = sorted(
        (p.start, p.end + _ONE_DAY if p.end is not None else None)
        for p in postings
        if p.is_leadership and p.rank_level == RankLevel.DEPUTY_SECTION and p.start < on
    )
    merged: list[list[date | None]] = []
    for start, stop in spans:
        if merged:
            last_stop = merged[-1][1]
            if last_stop is None or start <= last_stop:
                if last_stop is not None and (stop is None or stop > last_stop):
                    merged[-1][1] = stop
                continue
        merged.append([start, stop])
    if not merged:
        return DeputySpell((), None, on, False)
    first_start = merged[0][0]
    assert first_start is not None
    counted_from = first_start
    for (_, prev_stop), (next_start, _) in itertools.pairwise(merged):
        assert prev_stop is not None and next_start is not None
        counted_from += next_start - prev_stop
    last_stop = merged[-1][1]
    still_held = last_stop is None or last_stop > on
    served_until = on if still_held else last_stop
    assert served_until is not None
    spells = tuple((s, None if e is None else e - _ONE_DAY) for s, e in merged if s is not None)
    return DeputySpell(spells, counted_from, served_until, still_held)


def _check_deputy_years(
    facts: CadreFacts, _level: PostLevel, on: date, rules: EligibilityRules
) -> Reason:
    need = rules.years_as_deputy
    spell = deputy_spell(facts.postings, on)
    if spell.counted_from is None:
        return Reason(
            Rule.DEPUTY_YEARS,
            False,
            f"须任副科长满 {need} 年；截至 {_ymd(on)} 任职经历中无副科级领导职务",
        )
    shown = "、".join(
        f"{_ymd(s)} 起" if e is None else f"{_ymd(s)} 至 {_ymd(e)}" for s, e in spell.spells
    )
    gap = "，扣除间断后" if len(spell.spells) > 1 else "，"
    served = _length(spell.counted_from, spell.served_until)
    due = add_years(spell.counted_from, need)
    reachable = spell.still_held or due <= spell.served_until
    years = full_years_between(spell.counted_from, spell.served_until)
    if years >= need:
        text = f"须任副科长满 {need} 年；任副科长 {shown}{gap}至 {_ymd(spell.served_until)} 满 {need} 年（{_ymd(due)} 满）"
        return Reason(Rule.DEPUTY_YEARS, True, text, reached_on=due)
    tail = f"，{_ymd(due)} 满 {need} 年" if spell.still_held else "，现已不任副科长"
    text = f"须任副科长满 {need} 年；任副科长 {shown}{gap}累计{served}，不满 {need} 年{tail}"
    return Reason(Rule.DEPUTY_YEARS, False, text, reached_on=due if reachable else None)


def _check_same_level(
    facts: CadreFacts, _level: PostLevel, on: date, _rules: EligibilityRules
) -> Reason:
    held = current_posting(facts.postings, on)
    if held is None or held.rank_level is None:
        return Reason(Rule.SAME_LEVEL, False, f"截至 {_ymd(on)} 无现任职务记录，无法判断", True)
    post = f"{held.where}{held.post_title}（{held.rank_name or held.rank_level.label}）"
    section_level = held.rank_level in (RankLevel.DEPUTY_SECTION, RankLevel.SECTION)
    if held.in_institution and held.is_leadership and section_level:
        return Reason(
            Rule.SAME_LEVEL,
            True,
            f"现任下属事业单位{held.rank_level.label}领导职务 {post}，可竞争同级（{held.rank_level.label}）岗位",
        )
    return Reason(
        Rule.SAME_LEVEL,
        False,
        f"同级岗位仅限下属事业单位科级领导干部；现任 {post}，不属于此类",
    )


def _check_study(
    facts: CadreFacts, _level: PostLevel, on: date, _rules: EligibilityRules
) -> Reason:
    year = on.year - 1
    study = facts.study
    if study is None or study.year != year:
        return Reason(Rule.STUDY, False, f"{year} 年度学习学分数据缺失，无法判断", True)
    credits = ""
    if study.credits_earned is not None and study.credits_required is not None:
        credits = f"学分 {study.credits_earned:g}/{study.credits_required:g}"
    exams = f"考试不及格：{'、'.join(study.failed_exams)}" if study.failed_exams else ""
    detail = "；".join(x for x in (credits, exams) if x)
    if study.met and not study.failed_exams:
        return Reason(
            Rule.STUDY, True, f"{year} 年度学习达标" + (f"（{detail}）" if detail else "")
        )
    return Reason(Rule.STUDY, False, f"{year} 年度学习未达标" + (f"：{detail}" if detail else ""))


def _check_grade(
    facts: CadreFacts, _level: PostLevel, on: date, _rules: EligibilityRules
) -> Reason:
    year = on.year - 1
    grade = facts.grade
    if not grade:
        return Reason(Rule.GRADE, False, f"{year} 年度考核等次数据缺失，无法判断", True)
    if grade in BLOCKING_GRADES:
        return Reason(Rule.GRADE, False, f"{year} 年度考核等次为{grade}，不得参加竞争")
    if grade not in KNOWN_GRADES:
        return Reason(Rule.GRADE, False, f"{year} 年度考核等次「{grade}」无法识别", True)
    return Reason(Rule.GRADE, True, f"{year} 年度考核等次为{grade}")


_CHECKS = {
    Rule.RANK: _check_rank,
    Rule.TENURE: _check_tenure,
    Rule.TRANSITION: _check_transition,
    Rule.DEPUTY_YEARS: _check_deputy_years,
    Rule.SAME_LEVEL: _check_same_level,
    Rule.STUDY: _check_study,
    Rule.GRADE: _check_grade,
}
