"""Eligibility for 竞争上岗 from the database: facts gathered, the domain engine asked.

Also the planning view (who is eligible on a date, who becomes eligible within
the next year and when) and the 过渡考核 records the engine reads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.eligibility import (
    TIME_RULES,
    AssessmentFact,
    AssessmentResult,
    CadreFacts,
    Eligibility,
    EligibilityRules,
    Override,
    PostingFact,
    PostLevel,
    Rule,
    check_eligibility,
    time_rule_reached_on,
)
from orgdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from orgdesk.domain.people import CadreStatus, RankLevel, SectionKind
from orgdesk.domain.service_length import add_years
from orgdesk.services import contest_inputs
from orgdesk.services.people import HOME_UNIT
from orgdesk.services.reference import load_settings
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Posting, Rank, Section
from orgdesk.storage.models.contest import TransitionAssessment


@dataclass(frozen=True)
class CadreEligibility:
    cadre_id: int
    name: str
    section: str
    rank: str
    eligibility: Eligibility


def load_facts(s: Session, cadre_ids: Collection[int] | None = None) -> dict[int, CadreFacts]:
    """Dates, postings and 过渡考核 of the given cadres (default: every cadre not 已调出).

    Study result and grade are left empty; `with_year_data` adds them for a year.
    """
    who = select(Cadre.id, Cadre.name, Cadre.first_employment, Cadre.joined_department)
    if cadre_ids is None:
        who = who.where(Cadre.status != CadreStatus.LEFT.value)
    else:
        who = who.where(Cadre.id.in_(list(cadre_ids)))
    people = {row.id: row for row in s.execute(who)}
    postings: dict[int, list[PostingFact]] = defaultdict(list)
    posting_rows = s.execute(
        select(
            Posting.cadre_id,
            Posting.start_date,
            Posting.end_date,
            Posting.unit,
            Posting.post_title,
            Posting.section_id,
            Rank.level,
            Rank.is_leadership,
            Rank.name,
            Section.name.label("section_name"),
            Section.kind,
        )
        .outerjoin(Rank, Rank.id == Posting.rank_id)
        .outerjoin(Section, Section.id == Posting.section_id)
        .where(Posting.cadre_id.in_(select(who.subquery().c.id)))
    )
    for p in posting_rows:
        if p.cadre_id not in people:
            continue
        in_department = p.section_id is not None or p.unit == HOME_UNIT
        postings[p.cadre_id].append(
            PostingFact(
                start=p.start_date,
                end=p.end_date,
                rank_level=RankLevel(p.level) if p.level is not None else None,
                is_leadership=bool(p.is_leadership),
                in_department=in_department,
                in_institution=p.kind == SectionKind.INSTITUTION.value,
                rank_name=p.name or "",
                where=p.section_name or ("" if p.unit == HOME_UNIT else p.unit),
                post_title=p.post_title,
            )
        )
    assessments: dict[int, list[AssessmentFact]] = defaultdict(list)
    for a in s.execute(
        select(
            TransitionAssessment.cadre_id,
            TransitionAssessment.assessed_on,
            TransitionAssessment.result,
        ).where(TransitionAssessment.cadre_id.in_(select(who.subquery().c.id)))
    ):
        assessments[a.cadre_id].append(AssessmentFact(a.assessed_on, AssessmentResult(a.result)))
    return {
        cid: CadreFacts(
            cadre_id=cid,
            name=row.name,
            first_employment=row.first_employment,
            joined_department=row.joined_department,
            postings=tuple(sorted(postings[cid], key=lambda p: p.start)),
            assessments=tuple(assessments[cid]),
        )
        for cid, row in people.items()
    }


def with_year_data(db: Database, facts: CadreFacts, year: int) -> CadreFacts:
    """Add `year`'s study result and grade through the seam (None while absent)."""
    return replace(
        facts,
        study=contest_inputs.study_result(db, facts.cadre_id, year),
        grade=contest_inputs.evaluation_grade(db, facts.cadre_id, year),
    )


def _labels(s: Session, cadre_ids: Collection[int] | None) -> dict[int, tuple[str, str]]:
    stmt = (
        select(Cadre.id, Section.name, Rank.name)
        .outerjoin(Section, Section.id == Cadre.section_id)
        .outerjoin(Rank, Rank.id == Cadre.rank_id)
    )
    if cadre_ids is None:
        stmt = stmt.where(Cadre.status != CadreStatus.LEFT.value)
    else:
        stmt = stmt.where(Cadre.id.in_(list(cadre_ids)))
    return {cid: (sec or "", rank or "") for cid, sec, rank in s.execute(stmt)}


def eligibility_rules(db: Database) -> EligibilityRules:
    return EligibilityRules.from_settings(load_settings(db))


def cadre_eligibility(
    db: Database,
    cadre_id: int,
    level: PostLevel,
    on: date,
    overrides: Mapping[Rule, Override] | None = None,
) -> Eligibility:
    with db.unit_of_work() as uow:
        facts = load_facts(uow.session, [cadre_id]).get(cadre_id)
    if facts is None:
        raise NotFound("该人员已不存在（可能已被删除）")
    facts = with_year_data(db, facts, on.year - 1)
    return check_eligibility(facts, level, on, eligibility_rules(db), overrides)


def eligibility_list(db: Database, level: PostLevel, on: date) -> list[CadreEligibility]:
    """Every active cadre (在职 and 试用期), eligible or not, with every reason."""
    rules = eligibility_rules(db)
    with db.unit_of_work() as uow:
        all_facts = load_facts(uow.session)
        labels = _labels(uow.session, None)
    rows = []
    for cid, facts in all_facts.items():
        full = with_year_data(db, facts, on.year - 1)
        section, rank = labels.get(cid, ("", ""))
        rows.append(
            CadreEligibility(
                cid, facts.name, section, rank, check_eligibility(full, level, on, rules)
            )
        )
    return rows


@dataclass(frozen=True)
class UpcomingRow:
    """Not eligible on the planning date; the years come within the next year."""

    cadre_id: int
    name: str
    section: str
    rank: str
    reached_on: date
    then: Eligibility  # the answer on `reached_on`, as far as known today

    @property
    def other_unmet(self) -> list[str]:
        return [
            f"{r.rule.value}：{r.text}"
            for r in self.then.reasons
            if not r.passes and r.rule not in TIME_RULES
        ]


@dataclass(frozen=True)
class PlanningView:
    level: PostLevel
    on: date
    until: date
    eligible: list[CadreEligibility]
    upcoming: list[UpcomingRow]
    total: int


def planning_view(db: Database, level: PostLevel, on: date) -> PlanningView:
    """Who would be eligible for `level` on `on`; who reaches the years by `on` + 1 year, and when."""
    if level is PostLevel.SAME:
        raise ValidationFailed([FieldProblem("岗位层级", "资格规划只适用于副科、正科岗位")])
    rules = eligibility_rules(db)
    until = add_years(on, 1)
    with db.unit_of_work() as uow:
        all_facts = load_facts(uow.session)
        labels = _labels(uow.session, None)
    eligible: list[CadreEligibility] = []
    upcoming: list[UpcomingRow] = []
    for cid, facts in all_facts.items():
        section, rank = labels.get(cid, ("", ""))
        now = check_eligibility(with_year_data(db, facts, on.year - 1), level, on, rules)
        if now.eligible:
            eligible.append(CadreEligibility(cid, facts.name, section, rank, now))
            continue
        rank_reason = now.reason(Rule.RANK)
        if rank_reason is not None and not rank_reason.passes:
            continue
        reached = time_rule_reached_on(facts, level, on, rules)
        if reached is None or not on < reached <= until:
            continue
        then = check_eligibility(with_year_data(db, facts, reached.year - 1), level, reached, rules)
        upcoming.append(UpcomingRow(cid, facts.name, section, rank, reached, then))
    eligible.sort(key=lambda r: (r.section, r.name))
    upcoming.sort(key=lambda r: (r.reached_on, r.name))
    return PlanningView(level, on, until, eligible, upcoming, len(all_facts))


# -- 过渡考核 records ----------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentRow:
    id: int
    cadre_id: int
    name: str
    assessed_on: date
    result: str
    note: str


def list_assessments(db: Database, cadre_id: int | None = None) -> list[AssessmentRow]:
    stmt = (
        select(TransitionAssessment, Cadre.name)
        .join(Cadre, Cadre.id == TransitionAssessment.cadre_id)
        .order_by(TransitionAssessment.assessed_on.desc(), TransitionAssessment.id.desc())
    )
    if cadre_id is not None:
        stmt = stmt.where(TransitionAssessment.cadre_id == cadre_id)
    with db.unit_of_work() as uow:
        return [
            AssessmentRow(a.id, a.cadre_id, name, a.assessed_on, a.result, a.note)
            for a, name in uow.session.execute(stmt)
        ]


@requires(Permission.EDIT, area="竞争上岗")
def record_assessment(
    db: Database,
    cadre_id: int | None,
    assessed_on: date | None,
    result: str,
    note: str = "",
    *,
    today: date | None = None,
) -> int:
    """Store one 过渡考核 result; nothing is stored when anything is wrong."""
    today = today or date.today()
    problems = []
    if cadre_id is None:
        problems.append(FieldProblem("人员", "请选择人员"))
    if assessed_on is None:
        problems.append(FieldProblem("考核日期", "不能为空"))
    elif assessed_on > today:
        problems.append(FieldProblem("考核日期", "不能晚于今天", value=f"{assessed_on:%Y-%m-%d}"))
    if result not in {r.value for r in AssessmentResult}:
        problems.append(FieldProblem("考核结果", "应为「合格」或「不合格」", value=result))
    with db.unit_of_work() as uow:
        if cadre_id is not None and uow.session.get(Cadre, cadre_id) is None:
            problems.append(FieldProblem("人员", "该人员已不存在"))
        if problems:
            raise ValidationFailed(problems)
        assert cadre_id is not None and assessed_on is not None
        row = TransitionAssessment(
            cadre_id=cadre_id, assessed_on=assessed_on, result=result, note=note.strip()
        )
        uow.session.add(row)
        uow.session.flush()
        uow.commit()
        return row.id


@requires(Permission.EDIT, area="竞争上岗")
def delete_assessment(db: Database, assessment_id: int) -> None:
    with db.unit_of_work() as uow:
        row = uow.session.get(TransitionAssessment, assessment_id)
        if row is None:
            raise NotFound("该考核记录已不存在")
        uow.session.delete(row)
        uow.commit()


@dataclass(frozen=True)
class CadreChoice:
    id: int
    label: str


def cadre_choices(db: Database) -> list[CadreChoice]:
    """Active cadres for a picker: "张三（干部科 · 一级科员）", sorted by pinyin."""
    stmt = (
        select(Cadre.id, Cadre.name, Section.name, Rank.name)
        .outerjoin(Section, Section.id == Cadre.section_id)
        .outerjoin(Rank, Rank.id == Cadre.rank_id)
        .where(Cadre.status != CadreStatus.LEFT.value)
        .order_by(Cadre.name_pinyin, Cadre.id)
    )
    with db.unit_of_work() as uow:
        return [
            CadreChoice(cid, f"{name}（{' · '.join(x for x in (sec, rank) if x) or '—'}）")
            for cid, name, sec, rank in uow.session.execute(stmt)
        ]
